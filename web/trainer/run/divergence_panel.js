// The panel shown when training diverges: where (step, layer, what), the likely cause in
// this network (divergence_text.js), and that the last good weights are kept. The last
// divergence is kept to reword the panel when the language changes.
import { language, t } from '../../i18n/i18n.js';
import { divergence_cause } from './divergence_text.js';

// The worker's names for what went non-finite; anything else reads as the loss.
const divergence_kinds = ['output', 'gradient', 'parameter gradient', 'loss'];

export function create_divergence_panel({ $, state, relu_lab }) {
    const panel = $('.trainer-divergence');
    let shown = null; // { message, cause }

    function render() {
        if (!shown) return;
        const { message, cause } = shown;
        const d = message.divergence;
        const kind = divergence_kinds.includes(d.what) ? d.what.replace(' ', '_') : 'loss';
        panel.querySelector('.divergence-where').textContent = t('trainer.diverged_where', {
            step: d.step,
            layer: d.layer,
            what: t(`trainer.diverged_what_${kind}`),
        });
        const names = cause.activations.map((name) =>
            name === 'linear' ? t('trainer.diverged_no_activation') : t(`explorer.names.${name}`)
        );
        panel.querySelector('.divergence-cause').textContent = t(cause.key, {
            names: new Intl.ListFormat(language(), { type: 'conjunction' }).format(names),
        });
        panel.querySelector('.divergence-kept').textContent = t('trainer.diverged_kept', {
            step: message.last_good_step,
        });
    }

    // message: the worker's 'diverged' event.
    function show(message) {
        shown = { message, cause: divergence_cause(state.plan, relu_lab.activations) };
        render();
        panel.hidden = false;
        panel.focus();
    }

    function hide() {
        panel.hidden = true;
    }

    return { show, hide, render };
}
