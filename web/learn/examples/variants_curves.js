// Chapter 6: the core variants as curves, with the learner's Leaky ReLU slope and ELU
// alpha, and every variant the kernels know at five points.
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
const x_max = 3;
const grid_points = 141;
export const table_points = Object.freeze([-2, -1, 0, 1, 2]);
const plotted = ['relu', 'leaky_relu', 'elu', 'gelu'];
export const tabled = Object.freeze([
    'relu',
    'leaky_relu',
    'prelu',
    'elu',
    'relu6',
    'selu',
    'gelu',
    'silu',
    'softplus',
    'mish',
]);

export function mount_variants_curves(container, { relu_lab }) {
    container.innerHTML = `<div class="learn-controls">
        ${slider_html('learn-variants-slope', 'explorer.params.negative_slope', { min: 0, max: 1, step: 0.01 })}
        ${slider_html('learn-variants-alpha', 'explorer.params.alpha', { min: 0.1, max: 3, step: 0.1 })}
      </div>
      ${figure_html('learn-variants-chart', 'learn.examples.variants_curves.caption')}
      <div class="table-scroll"><table id="learn-variants-table" class="learn-table"><caption data-i18n="learn.examples.variants_curves.table_caption"></caption></table></div>`;
    apply_translations(container);
    const slope_input = container.querySelector('#learn-variants-slope');
    const alpha_input = container.querySelector('#learn-variants-alpha');
    slope_input.value = '0.1';
    alpha_input.value = '1';
    const chart = create_example_chart(container.querySelector('canvas'), { y_title: 'f(x)' });
    const xs = float_grid(x_min, x_max, grid_points);
    const label = (name) => t(`explorer.names.${name}`);

    function params() {
        return { leaky_relu: read_slider(slope_input), elu: read_slider(alpha_input) };
    }

    function refresh() {
        const p = params();
        const series = plotted.map((name) => ({ name, ys: relu_lab.forward(name, xs, p[name]) }));
        chart.show({
            datasets: series.map((s) => ({
                label: label(s.name),
                color: activation_colors[s.name],
                data: Array.from(xs, (x, i) => ({ x, y: s.ys[i] })),
            })),
            summary: t('learn.examples.variants_curves.caption'),
            x_min,
            x_max,
        });
        const every = (grid_points - 1) / (x_max - x_min) / 2; // every half unit of x
        const rows = [];
        for (let i = 0; i < grid_points; i += every) rows.push([xs[i], ...series.map((s) => s.ys[i])]);
        fill_value_table(
            container.querySelector('#learn-variants-chart-table'),
            ['x', ...series.map((s) => label(s.name))],
            rows
        );
        const points = Float32Array.from(table_points);
        const table = container.querySelector('#learn-variants-table');
        const caption = table.querySelector('caption');
        fill_value_table(
            table,
            [t('learn.examples.variants_curves.col_function'), ...table_points.map((x) => `x = ${format_number(x)}`)],
            tabled.map((name) => [label(name), ...relu_lab.forward(name, points, p[name])])
        );
        table.prepend(caption);
    }
    slope_input.addEventListener('input', refresh);
    alpha_input.addEventListener('input', refresh);
    refresh();
    return {
        refresh,
        destroy: () => chart.destroy(),
        inputs: () => ({
            points: table_points.slice(),
            functions: tabled.slice(),
            params: { leaky_relu: Math.fround(Number(slope_input.value)), elu: Math.fround(Number(alpha_input.value)) },
        }),
    };
}
