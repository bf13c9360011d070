// The Keras twin: the same network as Keras code, kept in step with the editor, with a
// copy button that falls back to selecting the code where the clipboard is refused.
import { t } from '../../i18n/i18n.js';
import { keras_code } from './keras_code.js';
import { check_plan } from '../trainer_state.js';

export function create_keras_panel({ $, control, state, relu_lab }) {
    const code = $('.keras-code code');

    function render_keras() {
        if (check_plan(state.plan, relu_lab).length > 0) return;
        code.textContent = keras_code(state.plan, relu_lab);
    }

    control('keras_copy').addEventListener('click', async () => {
        const out = $('.keras-copy-result');
        try {
            await navigator.clipboard.writeText(code.textContent);
            out.textContent = t('trainer.keras_copied');
        } catch {
            // Clipboard refused (permissions, file://): select the code for Ctrl+C instead.
            const range = document.createRange();
            range.selectNodeContents(code);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            out.textContent = t('trainer.keras_copy_failed');
        }
    });

    return { render_keras };
}
