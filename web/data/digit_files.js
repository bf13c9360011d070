// The bundled digits (web/data/digits/, see PROVENANCE.md there) as the page receives
// them: one classic script, data/digits.js, written by build_web.mjs, that sets
//   globalThis.RELU_LAB_DATA.digits = { images_gz_base64, labels_gz_base64 }.
// A classic script loads from file:// where fetch does not; the single-file build
// carries it inline. The bytes stay gzipped until a worker inflates them.
import { base64_to_bytes } from '../bridge/artifacts.js';
import { relu_lab_error } from '../bridge/relu_lab_module.js';

export const data_global = 'RELU_LAB_DATA';

let loading = null;

function load_script(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve();
        script.onerror = () => reject(new relu_lab_error('common.error_module_missing', { file: src }));
        document.head.appendChild(script);
    });
}

// -> { images_gz: Uint8Array, labels_gz: Uint8Array }; a fresh copy on every call, so
// callers may transfer the buffers to a worker.
export async function load_bundled_digit_files({ base_url = '' } = {}) {
    if (!globalThis[data_global]?.digits) {
        loading ??= load_script(`${base_url}data/digits.js`).finally(() => { loading = null; });
        await loading;
    }
    const digits = globalThis[data_global]?.digits;
    if (!digits) throw new relu_lab_error('common.error_module_missing', { file: 'data/digits.js' });
    return { images_gz: base64_to_bytes(digits.images_gz_base64), labels_gz: base64_to_bytes(digits.labels_gz_base64) };
}
