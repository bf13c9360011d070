// The shipped pretrained model (web/data/models/, see PROVENANCE.md there), so the draw
// pad works before a learner trains anything. build_web.mjs writes it as one classic
// script, data/pretrained_model.js, that sets
//   globalThis.RELU_LAB_DATA.pretrained_model = { name, model_base64 }.
// Loaded on demand: the page does not pay for it until a pad needs it.
import { base64_to_bytes } from '../bridge/artifacts.js';
import { load_data_entry } from './data_script.js';

export const pretrained_model_name = 'pretrained-small';

// -> Uint8Array, the model file's bytes (a fresh copy on every call, free to transfer).
export async function load_pretrained_model_bytes(options = {}) {
    const model = await load_data_entry('pretrained_model', 'data/pretrained_model.js', options);
    return base64_to_bytes(model.model_base64);
}
