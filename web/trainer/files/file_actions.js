// What the model-file and data-file actions share: every action ends with a message
// (what was done, or why not), and a file the browser cannot read is a message too.
import { t } from '../../i18n/i18n.js';

// A message line: say(key, params, is_error) writes it in the learner's language.
export function message_line(element) {
    return (key, params = {}, is_error = false) => {
        element.textContent = t(key, params);
        element.classList.toggle('is-error', is_error);
    };
}

// Runs an action; an unexpected failure (the worker gone, a browser refusal) becomes
// the message `failed_key`, with the detail in the console.
export async function guarded(say, failed_key, action) {
    try {
        return await action();
    } catch (error) {
        console.warn('ReLU Lab trainer:', error); // i18n-exempt: developer console
        say(failed_key, {}, true);
        return { ok: false, error: String(error?.message ?? error) };
    }
}

// A chosen file's bytes, or null when the browser cannot read it (moved, changed or
// deleted after it was picked, or a permission withdrawn).
export async function read_file_bytes(file) {
    try {
        return new Uint8Array(await file.arrayBuffer());
    } catch (error) {
        console.warn('ReLU Lab trainer: reading', file.name, error); // i18n-exempt: developer console
        return null;
    }
}
