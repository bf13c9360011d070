// A refusal from the trainer worker as the learner reads it: the inspection codes
// (web/workers/model_inspection.js, "insight.*") have their texts here, the handwriting
// codes (web/workers/fine_tune.js, "handwriting.*") are message keys; every other code
// goes through the shared errors table (bridge/error_message.js).
import { error_message } from '../bridge/error_message.js';
import { has_key, t } from '../i18n/i18n.js';

export function refusal_text(answer) {
    const code = typeof answer?.code === 'string' ? answer.code : '';
    if (code.startsWith('insight.')) {
        const key = `trainer_insight.error_${code.slice('insight.'.length)}`;
        if (has_key(key)) return t(key, answer.params ?? {});
    }
    // The handwriting panel's own codes (web/workers/fine_tune.js) are its message keys.
    if (code.startsWith('handwriting.') && has_key(code)) return t(code, answer.params ?? {});
    return error_message(answer);
}
