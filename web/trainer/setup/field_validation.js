// The set-up form's problems, shown before training starts: fields the learner must fix,
// a plan that cannot work, or the C++ core's refusal (too large for memory, ...).
// view: the section's shared pieces (trainer_section.js).
import { t } from '../../i18n/i18n.js';
import { check_plan } from '../trainer_state.js';

export function create_field_validation({ root, $, state, relu_lab }) {
    // error: { key, params } or null. key names the field in state.invalid_fields.
    function mark_field(input, message, key, error) {
        if (error) {
            input.setAttribute('aria-invalid', 'true');
            message.textContent = t(error.key, error.params);
            message.hidden = false;
            state.invalid_fields.add(key);
        } else {
            input.removeAttribute('aria-invalid');
            message.hidden = true;
            message.textContent = '';
            state.invalid_fields.delete(key);
        }
    }

    function clear_invalid() {
        for (const input of root.querySelectorAll('[aria-invalid="true"]')) input.removeAttribute('aria-invalid');
        for (const message of root.querySelectorAll('.trainer-setup .field-error')) message.hidden = true;
        state.invalid_fields.clear();
    }

    // extra: more problems, each { key, params } or { text }. Returns whether there are none.
    function show_validation(extra = null) {
        const panel = $('.trainer-validation');
        const items = [];
        if (state.invalid_fields.size > 0) items.push(t('trainer.error_fix_fields'));
        for (const problem of check_plan(state.plan, relu_lab)) {
            const where =
                problem.index !== undefined ? t('trainer.problem_in_layer', { number: problem.index + 1 }) : '';
            items.push(`${where}${t(problem.key, problem.params)}`);
        }
        if (extra) for (const e of extra) items.push(e.text ?? t(e.key, e.params));
        panel.replaceChildren(
            ...items.map((text) => {
                const li = document.createElement('li');
                li.textContent = text;
                return li;
            })
        );
        panel.closest('.trainer-validation-box').hidden = items.length === 0;
        return items.length === 0;
    }

    return { mark_field, clear_invalid, show_validation };
}
