// A refusal as the learner should read it: { ok: false, error, code, params } from the
// bridge (trainer.js, datasets.js) -> the text of "errors.<code>" in the current
// language with params filled in, or the English sentence when the code has no text
// (yet). Never throws: a missing or odd result gives ''.
import { has_key, t } from '../i18n/i18n.js';

const code_pattern = /^[a-z_]+(\.[a-z0-9_]+)+$/;

export function error_message(result) {
    if (result === null || typeof result !== 'object') return '';
    const key = typeof result.code === 'string' && code_pattern.test(result.code) ? `errors.${result.code}` : null;
    if (key !== null && has_key(key)) {
        const params = result.params !== null && typeof result.params === 'object' ? result.params : {};
        return t(key, params);
    }
    if (typeof result.error === 'string' && result.error !== '') return result.error;
    // A step that diverged has no error, only its report.
    return typeof result.divergence?.message === 'string' ? result.divergence.message : '';
}
