// Chapter 4: sigmoid and tanh with their derivatives from the kernels, the bounds 0.25
// and 1, a probe that reads all four at any x, and the largest derivative on the grid.
import { activation_colors } from '../../charts/palette.js';
import { apply_translations, format_number, t } from '../../i18n/i18n.js';
import { css_color } from '../../common/css_color.js';
import {
    create_example_chart,
    figure_html,
    fill_value_table,
    float_grid,
    read_slider,
    slider_html,
} from './example_kit.js';

const x_min = -6;
const x_max = 6;
const grid_points = 241;
const table_every = 10;
const names = ['sigmoid', 'tanh'];

// The largest value of ys and the x where it is reached (the first one).
export function arg_max(xs, ys) {
    let best = 0;
    for (let i = 1; i < ys.length; i++) if (ys[i] > ys[best]) best = i;
    return { x: xs[best], value: ys[best] };
}

export function mount_sigmoid_tanh_curves(container, { relu_lab }) {
    container.innerHTML = `${figure_html('learn-squash-chart', 'learn.examples.sigmoid_tanh_curves.caption')}
      ${slider_html('learn-squash-probe', 'learn.examples.sigmoid_tanh_curves.probe_label', { min: x_min, max: x_max, step: 0.1 })}
      <p class="learn-example-summary" id="learn-squash-readout" aria-live="polite"></p>
      <p class="learn-example-summary" id="learn-squash-maxima"></p>`;
    apply_translations(container);
    const probe = container.querySelector('#learn-squash-probe');
    probe.value = '0';
    const canvas = container.querySelector('canvas');
    const chart = create_example_chart(canvas, { y_title: 'f(x), f′(x)' });
    const xs = float_grid(x_min, x_max, grid_points);
    const label = (name) => t(`explorer.names.${name}`);

    function curves() {
        return Object.fromEntries(
            names.map((name) => [name, { f: relu_lab.forward(name, xs), df: relu_lab.derivative(name, xs) }])
        );
    }

    function refresh() {
        const c = curves();
        const points = (ys) => Array.from(xs, (x, i) => ({ x, y: ys[i] }));
        const grey = css_color(canvas, '--muted-text', '#777');
        const bound = (y) => ({
            label: format_number(y),
            color: grey,
            dash: [2, 2],
            width: 1,
            in_legend: false,
            data: [
                { x: x_min, y },
                { x: x_max, y },
            ],
        });
        chart.show({
            datasets: [
                ...names.flatMap((name) => [
                    { label: `${label(name)}: f(x)`, color: activation_colors[name], data: points(c[name].f) },
                    {
                        label: `${label(name)}: f′(x)`,
                        color: activation_colors[name],
                        dash: [6, 4],
                        data: points(c[name].df),
                    },
                ]),
                bound(0.25),
                bound(1),
            ],
            summary: t('learn.examples.sigmoid_tanh_curves.caption'),
            x_min,
            x_max,
        });
        const rows = [];
        for (let i = 0; i < grid_points; i += table_every)
            rows.push([xs[i], c.sigmoid.f[i], c.sigmoid.df[i], c.tanh.f[i], c.tanh.df[i]]);
        fill_value_table(
            container.querySelector('#learn-squash-chart-table'),
            ['x', ...names.flatMap((n) => [`${label(n)}: f(x)`, `${label(n)}: f′(x)`])],
            rows
        );
        const s = arg_max(xs, c.sigmoid.df);
        const h = arg_max(xs, c.tanh.df);
        container.querySelector('#learn-squash-maxima').textContent = t('learn.examples.sigmoid_tanh_curves.maxima', {
            sigmoid_max: s.value,
            sigmoid_at: s.x,
            tanh_max: h.value,
            tanh_at: h.x,
        });
        render_probe();
    }

    function render_probe() {
        const x = new Float32Array([read_slider(probe)]);
        container.querySelector('#learn-squash-readout').textContent = `x = ${format_number(x[0])}: ${names
            .map((name) =>
                t('explorer.readout_item', {
                    name: label(name),
                    f: format_number(relu_lab.forward(name, x)[0]),
                    df: format_number(relu_lab.derivative(name, x)[0]),
                })
            )
            .join(' · ')}`;
    }
    probe.addEventListener('input', render_probe);
    refresh();
    return {
        refresh,
        destroy: () => chart.destroy(),
        inputs: () => ({ x: Array.from(xs), table_every, probe_x: Math.fround(Number(probe.value)) }),
    };
}
