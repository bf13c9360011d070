// The bundled digits (web/data/digits/, see PROVENANCE.md there) as the page receives
// them: one classic script, data/digits.js, written by build_web.mjs, that sets
//   globalThis.RELU_LAB_DATA.digits = { images_gz_base64, labels_gz_base64 }.
// The bytes stay gzipped until a worker inflates them.
import { base64_to_bytes } from '../bridge/artifacts.js';
import { load_data_entry } from './data_script.js';

// -> { images_gz: Uint8Array, labels_gz: Uint8Array }; a fresh copy on every call, so
// callers may transfer the buffers to a worker.
export async function load_bundled_digit_files(options = {}) {
    const digits = await load_data_entry('digits', 'data/digits.js', options);
    return { images_gz: base64_to_bytes(digits.images_gz_base64), labels_gz: base64_to_bytes(digits.labels_gz_base64) };
}
