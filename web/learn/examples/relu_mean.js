// Chapter 5: ReLU is not zero-centred. The mean of the kernel's outputs for 10,000
// inputs drawn from N(0, 1): about 1/sqrt(2 pi) = 0.40, not 0.
import { format_number, t } from '../../i18n/i18n.js';
import { create_rng } from '../../common/seeded_rng.js';
import { fill_sentence, normal_floats, value_span } from './example_kit.js';

const count = 10_000;
const seed = 7;

export function mount_relu_mean(container, { relu_lab }) {
    container.innerHTML = `<p class="learn-example-summary" id="learn-mean-text"></p>`;
    const text = container.querySelector('#learn-mean-text');
    const x = normal_floats(create_rng(seed), count);

    function refresh() {
        const y = relu_lab.forward('relu', x);
        let sum = 0;
        for (const v of y) sum += v;
        const mean = sum / count;
        fill_sentence(text, t('learn.examples.dead_units.mean_text'), {
            count: format_number(count),
            mean: value_span(text.ownerDocument, mean, format_number(mean, { maximum_fraction_digits: 3 })),
        });
    }
    refresh();
    return { refresh, destroy() {}, inputs: () => ({ x: Array.from(x) }) };
}
