// Chapter 9: Nair and Hinton's road from the sigmoid to ReLU. The sum of N sigmoids
// sigma(x - i + 0.5), i = 1..N (each from the kernel), approaches softplus ln(1 + e^x)
// as N grows, and softplus is close to max(0, x).
import { activation_colors } from '../../charts/palette.js';
import { apply_translations, format_number, t } from '../../i18n/i18n.js';
import {
    create_example_chart,
    figure_html,
    fill_value_table,
    float_grid,
    read_slider,
    slider_html,
} from './example_kit.js';

const x_min = -4;
const x_max = 8;
const grid_points = 241;
const table_every = 20;
const probe_x = 2;

// sum_i sigma(xs - i + 0.5) for i = 1..copies, each sigmoid from the kernel.
export function stepped_sum(relu_lab, xs, copies) {
    const n = xs.length;
    const shifted = new Float32Array(n * copies);
    for (let i = 1; i <= copies; i++) for (let j = 0; j < n; j++) shifted[(i - 1) * n + j] = xs[j] - i + 0.5;
    const s = relu_lab.forward('sigmoid', shifted);
    const sum = new Float64Array(n);
    for (let i = 0; i < copies; i++) for (let j = 0; j < n; j++) sum[j] += s[i * n + j];
    return sum;
}

export function mount_stepped_sigmoids(container, { relu_lab }) {
    container.innerHTML = `${slider_html('learn-stepped-copies', 'learn.examples.stepped_sigmoids.copies_label', { min: 1, max: 20, step: 1 })}
      ${figure_html('learn-stepped-chart', 'learn.examples.stepped_sigmoids.caption')}
      <p class="learn-example-summary" id="learn-stepped-summary" aria-live="polite"></p>`;
    apply_translations(container);
    const copies_input = container.querySelector('#learn-stepped-copies');
    copies_input.value = '5';
    const chart = create_example_chart(container.querySelector('canvas'), { y_title: 'f(x)' });
    const xs = float_grid(x_min, x_max, grid_points);

    function refresh() {
        const copies = read_slider(copies_input);
        const sum = stepped_sum(relu_lab, xs, copies);
        const softplus = relu_lab.forward('softplus', xs);
        const relu = relu_lab.forward('relu', xs);
        const sum_label = t('learn.examples.stepped_sigmoids.sum', { copies });
        const points = (ys) => Array.from(xs, (x, i) => ({ x, y: ys[i] }));
        const at = xs.indexOf(probe_x);
        const summary = t('learn.examples.stepped_sigmoids.summary', {
            x: probe_x,
            sum: format_number(sum[at]),
            softplus: format_number(softplus[at]),
            relu: format_number(relu[at]),
        });
        chart.show({
            datasets: [
                { label: sum_label, color: activation_colors.sigmoid, data: points(sum) },
                {
                    label: t('explorer.names.softplus'),
                    color: activation_colors.softplus,
                    dash: [6, 4],
                    data: points(softplus),
                },
                { label: t('explorer.names.relu'), color: activation_colors.relu, dash: [2, 3], data: points(relu) },
            ],
            summary,
            x_min,
            x_max,
        });
        container.querySelector('#learn-stepped-summary').textContent = summary;
        const rows = [];
        for (let i = 0; i < grid_points; i += table_every) rows.push([xs[i], sum[i], softplus[i], relu[i]]);
        fill_value_table(
            container.querySelector('#learn-stepped-chart-table'),
            ['x', sum_label, t('explorer.names.softplus'), t('explorer.names.relu')],
            rows
        );
    }
    copies_input.addEventListener('input', refresh);
    refresh();
    return {
        refresh,
        destroy: () => chart.destroy(),
        inputs: () => ({ x: Array.from(xs), copies: Number(copies_input.value), table_every }),
    };
}
