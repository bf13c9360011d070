// Data the page ships as classic scripts (digits, the pretrained model): each sets one
// entry of globalThis.RELU_LAB_DATA and is loaded on demand, once, from file:// as well
// (the single-file build carries them inline, so nothing is loaded there).
import { load_classic_script } from '../common/load_script.js';
import { relu_lab_error } from '../common/relu_lab_error.js';

export const data_global = 'RELU_LAB_DATA';

const loading = new Map();

// The entry `key` of RELU_LAB_DATA, loading `file` (e.g. 'data/digits.js') first if needed.
export async function load_data_entry(key, file, { base_url = '' } = {}) {
    if (!globalThis[data_global]?.[key]) {
        if (!loading.has(file))
            loading.set(
                file,
                load_classic_script(`${base_url}${file}`).finally(() => loading.delete(file))
            );
        await loading.get(file);
    }
    const entry = globalThis[data_global]?.[key];
    if (!entry) throw new relu_lab_error('common.error_module_missing', { file });
    return entry;
}
