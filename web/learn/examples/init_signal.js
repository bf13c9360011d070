// Chapter 8: why He's factor 2. A batch of random inputs goes through ReLU layers (the
// kernel) whose weights are the same normal draws scaled three ways: variance 2/fan_in
// (He), 1/fan_in (LeCun) and a fixed standard deviation of 0.01. The root mean square of
// each layer's outputs shows whether the signal keeps its size.
import { apply_translations, t } from '../../i18n/i18n.js';
import { format_cell } from '../../charts/chart_figure.js';
import { create_rng } from '../../common/seeded_rng.js';
import {
    create_example_chart,
    figure_html,
    fill_value_table,
    normal_floats,
    read_slider,
    slider_html,
} from './example_kit.js';

export const init_setup = Object.freeze({ width: 64, batch: 32, max_depth: 30 });
export const init_schemes = Object.freeze([
    { id: 'he', color: '#0072B2', std: (fan_in) => Math.sqrt(2 / fan_in) },
    { id: 'lecun', color: '#E69F00', std: (fan_in) => Math.sqrt(1 / fan_in) },
    { id: 'small', color: '#7F7F7F', std: () => 0.01 },
]);

// Draws for one seed: inputs [batch * width] and per layer a [width * width] matrix of
// standard normals (row = input unit, column = output unit).
export function init_draws(seed, { width, batch, max_depth } = init_setup) {
    const rng = create_rng(seed);
    const x = normal_floats(rng, batch * width);
    const weights = [];
    for (let l = 0; l < max_depth; l++) weights.push(normal_floats(rng, width * width));
    return { x, weights };
}

// RMS of the outputs after each of `depth` layers: h <- relu(h W * std).
export function signal_rms(relu_lab, draws, std, depth, { width, batch } = init_setup) {
    let h = draws.x;
    const rms = [];
    for (let l = 0; l < depth; l++) {
        const w = draws.weights[l];
        const z = new Float32Array(batch * width);
        for (let b = 0; b < batch; b++) {
            for (let j = 0; j < width; j++) {
                let sum = 0;
                for (let i = 0; i < width; i++) sum += h[b * width + i] * w[i * width + j];
                z[b * width + j] = sum * std;
            }
        }
        h = relu_lab.forward('relu', z);
        let square = 0;
        for (const v of h) square += v * v;
        rms.push(Math.sqrt(square / h.length));
    }
    return rms;
}

export function mount_init_signal(container, { relu_lab }) {
    const { width, max_depth } = init_setup;
    container.innerHTML = `${slider_html('learn-init-depth', 'learn.examples.init_signal.depth_label', { min: 1, max: max_depth, step: 1 })}
      ${figure_html('learn-init-chart', 'learn.examples.init_signal.caption')}
      <p class="learn-example-summary" id="learn-init-summary" aria-live="polite"></p>
      <button type="button" class="learn-button" id="learn-init-redraw" data-i18n="learn.examples.init_signal.redraw"></button>`;
    apply_translations(container);
    const depth_input = container.querySelector('#learn-init-depth');
    depth_input.value = '10';
    const chart = create_example_chart(container.querySelector('canvas'), {
        x_title_key: 'learn.examples.init_signal.axis_layer',
        y_title_key: 'learn.examples.init_signal.axis_rms',
        log_y: true,
    });
    let seed = 1;
    let draws = init_draws(seed);
    let rms = null; // per scheme, for all max_depth layers

    function compute() {
        rms = Object.fromEntries(init_schemes.map((s) => [s.id, signal_rms(relu_lab, draws, s.std(width), max_depth)]));
    }

    function refresh() {
        if (!rms) compute();
        const depth = read_slider(depth_input);
        const label = (id) => t(`learn.examples.init_signal.${id}`);
        const summary = t('learn.examples.init_signal.summary', {
            layers: depth,
            values: init_schemes.map((s) => `${label(s.id)} ${format_cell(rms[s.id][depth - 1])}`).join(' · '),
        });
        chart.show({
            datasets: init_schemes.map((s) => ({
                label: label(s.id),
                color: s.color,
                data: rms[s.id].slice(0, depth).map((y, l) => ({ x: l + 1, y })),
            })),
            summary,
            x_min: 1,
            x_max: Math.max(2, depth),
        });
        container.querySelector('#learn-init-summary').textContent = summary;
        fill_value_table(
            container.querySelector('#learn-init-chart-table'),
            [t('learn.examples.init_signal.axis_layer'), ...init_schemes.map((s) => label(s.id))],
            Array.from({ length: depth }, (_, l) => [l + 1, ...init_schemes.map((s) => rms[s.id][l])])
        );
    }
    depth_input.addEventListener('input', refresh);
    container.querySelector('#learn-init-redraw').addEventListener('click', () => {
        seed += 1;
        draws = init_draws(seed);
        rms = null;
        refresh();
    });
    refresh();
    return {
        refresh,
        destroy: () => chart.destroy(),
        inputs: () => ({
            ...init_setup,
            depth: Number(depth_input.value),
            stds: Object.fromEntries(init_schemes.map((s) => [s.id, s.std(width)])),
            x: Array.from(draws.x),
            weights: draws.weights.map((w) => Array.from(w)),
        }),
    };
}
