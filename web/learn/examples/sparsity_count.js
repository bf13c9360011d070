// Chapter 3: how many of 1,000 numbers drawn from N(0, 1) the ReLU kernel sets to
// exactly 0, with a button for a fresh draw.
import { apply_translations, format_number, language, t } from '../../i18n/i18n.js';
import { create_rng } from '../../common/seeded_rng.js';
import { fill_sentence, normal_floats, value_span } from './example_kit.js';

const count = 1000;

export function mount_sparsity_count(container, { relu_lab }) {
    container.innerHTML = `<p class="learn-example-summary" id="learn-sparsity-text" aria-live="polite"></p>
      <button type="button" class="learn-button" id="learn-sparsity-redraw" data-i18n="learn.examples.sparsity_count.redraw"></button>`;
    apply_translations(container);
    const text = container.querySelector('#learn-sparsity-text');
    let seed = 1;
    let x = normal_floats(create_rng(seed), count);

    function refresh() {
        const y = relu_lab.forward('relu', x);
        let zeros = 0;
        for (const v of y) if (v === 0) zeros++;
        const share = zeros / count;
        const percent = new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 1 }).format(share);
        fill_sentence(text, t('learn.examples.sparsity_count.text'), {
            count: format_number(count),
            zeros: value_span(text.ownerDocument, zeros),
            percent,
        });
    }
    container.querySelector('#learn-sparsity-redraw').addEventListener('click', () => {
        seed += 1;
        x = normal_floats(create_rng(seed), count);
        refresh();
    });
    refresh();
    return { refresh, destroy() {}, inputs: () => ({ seed, x: Array.from(x) }) };
}
