// Chapter 1: one input, three hidden units, one output, with the same weights twice:
// without an activation the output is a straight line whatever the weights; with ReLU
// (the kernel) between the layers it bends where a hidden unit switches on or off.
import { apply_translations, t } from '../../i18n/i18n.js';
import { create_rng } from '../../common/seeded_rng.js';
import { create_example_chart, figure_html, fill_value_table, float_grid } from './example_kit.js';

const x_min = -3;
const x_max = 3;
const grid_points = 121;
const table_every = 10;
const hidden_units = 3;

// Weights whose kinks (x = -b/w) fall inside the plotted range, so the bends show.
export function collapse_weights(seed) {
    const rng = create_rng(seed);
    const sign = () => (rng.next() < 0.5 ? -1 : 1);
    const w = [];
    const b = [];
    const v = [];
    for (let k = 0; k < hidden_units; k++) {
        const wk = sign() * (0.5 + 1.5 * rng.next());
        const kink = -2.5 + 5 * rng.next();
        w.push(wk);
        b.push(-wk * kink);
        v.push(sign() * (0.5 + rng.next()));
    }
    return { w, b, v, c: -0.5 + rng.next() };
}

// Outputs over xs: without activation and with the ReLU kernel on the hidden layer.
export function collapse_outputs(relu_lab, xs, { w, b, v, c }) {
    const n = xs.length;
    const z = new Float32Array(hidden_units * n);
    for (let k = 0; k < hidden_units; k++) for (let i = 0; i < n; i++) z[k * n + i] = w[k] * xs[i] + b[k];
    const h = relu_lab.forward('relu', z);
    const linear = new Float64Array(n).fill(c);
    const relu = new Float64Array(n).fill(c);
    for (let k = 0; k < hidden_units; k++) {
        for (let i = 0; i < n; i++) {
            linear[i] += v[k] * z[k * n + i];
            relu[i] += v[k] * h[k * n + i];
        }
    }
    return { linear, relu };
}

export function mount_linear_collapse(container, { relu_lab }) {
    container.innerHTML = `${figure_html('learn-collapse-chart', 'learn.examples.linear_collapse.caption')}
      <p class="learn-example-summary" id="learn-collapse-summary" aria-live="polite"></p>
      <button type="button" class="learn-button" id="learn-collapse-redraw" data-i18n="learn.examples.linear_collapse.redraw"></button>`;
    apply_translations(container);
    const chart = create_example_chart(container.querySelector('canvas'), {
        y_title_key: 'learn.examples.linear_collapse.axis_output',
    });
    const xs = float_grid(x_min, x_max, grid_points);
    let seed = 1;
    let weights = collapse_weights(seed);

    function refresh() {
        const out = collapse_outputs(relu_lab, xs, weights);
        const points = (ys) => Array.from(xs, (x, i) => ({ x, y: ys[i] }));
        const kinks = weights.w.filter((w, k) => Math.abs(-weights.b[k] / w) < x_max).length;
        const summary = t('learn.examples.linear_collapse.summary', { kinks, x_min, x_max });
        chart.show({
            datasets: [
                {
                    label: t('learn.examples.linear_collapse.without'),
                    color: '#7F7F7F',
                    dash: [6, 4],
                    data: points(out.linear),
                },
                { label: t('learn.examples.linear_collapse.with_relu'), color: '#0072B2', data: points(out.relu) },
            ],
            summary,
            x_min,
            x_max,
        });
        container.querySelector('#learn-collapse-summary').textContent = summary;
        const rows = [];
        for (let i = 0; i < grid_points; i += table_every) rows.push([xs[i], out.linear[i], out.relu[i]]);
        fill_value_table(
            container.querySelector('#learn-collapse-chart-table'),
            ['x', t('learn.examples.linear_collapse.without'), t('learn.examples.linear_collapse.with_relu')],
            rows
        );
    }
    container.querySelector('#learn-collapse-redraw').addEventListener('click', () => {
        seed += 1;
        weights = collapse_weights(seed);
        refresh();
    });
    refresh();
    return {
        refresh,
        destroy: () => chart.destroy(),
        inputs: () => ({ seed, x: Array.from(xs), ...weights, table_every }),
    };
}
