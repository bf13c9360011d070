// Chapter 5: dying ReLU in numbers. 200 units with biases drawn from N(mean, 1), each
// seeing 100 inputs (pre-activation = bias + N(0, 1)); a unit is dead when the kernel's
// derivative is 0 for all of its inputs. Leaky ReLU on the same pre-activations beside it.
import { activation_colors } from '../../charts/palette.js';
import { apply_translations, format_number, t } from '../../i18n/i18n.js';
import { create_rng } from '../../common/seeded_rng.js';
import {
    create_example_chart,
    figure_html,
    fill_sentence,
    fill_value_table,
    normal_floats,
    read_slider,
    slider_html,
    value_span,
} from './example_kit.js';

export const dead_units_setup = Object.freeze({
    units: 200,
    inputs: 100,
    shift_min: -6,
    shift_max: 2,
    shift_step: 0.25,
    leaky_slope: 0.01,
    seed: 1,
});
const activations = [
    ['relu', undefined],
    ['leaky_relu', dead_units_setup.leaky_slope],
];

// Units whose derivative is 0 for every one of their inputs, for pre-activations
// laid out unit by unit ([units * inputs]).
export function count_dead_units(relu_lab, name, param, pre_activations, units, inputs) {
    const d = relu_lab.derivative(name, pre_activations, param);
    let dead = 0;
    for (let u = 0; u < units; u++) {
        let any = false;
        for (let i = 0; i < inputs && !any; i++) any = d[u * inputs + i] !== 0;
        if (!any) dead++;
    }
    return dead;
}

// Pre-activations of every unit at mean bias `shift`: shift + z_u + noise_ui, as float32.
export function pre_activations_at(shift, bias_offsets, noise, inputs) {
    const out = new Float32Array(noise.length);
    for (let i = 0; i < noise.length; i++) out[i] = shift + bias_offsets[Math.floor(i / inputs)] + noise[i];
    return out;
}

export function mount_dead_units(container, { relu_lab }) {
    const { units, inputs, shift_min, shift_max, shift_step, seed } = dead_units_setup;
    container.innerHTML = `${slider_html('learn-dead-shift', 'learn.examples.dead_units.shift_label', { min: shift_min, max: shift_max, step: shift_step })}
      <p class="learn-example-summary" id="learn-dead-summary" aria-live="polite"></p>
      ${figure_html('learn-dead-chart', 'learn.examples.dead_units.caption')}`;
    apply_translations(container);
    const shift_input = container.querySelector('#learn-dead-shift');
    shift_input.value = '-2';
    const chart = create_example_chart(container.querySelector('canvas'), {
        x_title_key: 'learn.examples.dead_units.axis_shift',
        y_title_key: 'learn.examples.dead_units.axis_dead',
        percent_y: true,
        y_min: 0,
        y_max: 1,
    });
    const rng = create_rng(seed);
    const bias_offsets = normal_floats(rng, units);
    const noise = normal_floats(rng, units * inputs);
    const shifts = [];
    for (let s = shift_min; s <= shift_max + 1e-9; s += shift_step) shifts.push(s);
    let counts = null; // { relu: [dead units per shift], leaky_relu: [...] }, computed once

    function compute() {
        counts = Object.fromEntries(activations.map(([name]) => [name, []]));
        for (const shift of shifts) {
            const pre = pre_activations_at(shift, bias_offsets, noise, inputs);
            for (const [name, param] of activations)
                counts[name].push(count_dead_units(relu_lab, name, param, pre, units, inputs));
        }
    }

    function refresh() {
        if (!counts) compute();
        const label = (name) => t(`explorer.names.${name}`);
        chart.show({
            datasets: activations.map(([name]) => ({
                label: label(name),
                color: activation_colors[name],
                data: shifts.map((x, k) => ({ x, y: counts[name][k] / units })),
            })),
            summary: t('learn.examples.dead_units.caption'),
            x_min: shift_min,
            x_max: shift_max,
        });
        fill_value_table(
            container.querySelector('#learn-dead-chart-table'),
            [t('learn.examples.dead_units.axis_shift'), ...activations.map(([name]) => label(name))],
            shifts.map((s, k) => [s, ...activations.map(([name]) => counts[name][k] / units)])
        );
        render_summary();
    }

    function render_summary() {
        const shift = read_slider(shift_input);
        const k = Math.max(0, Math.min(shifts.length - 1, Math.round((shift - shift_min) / shift_step)));
        const summary = container.querySelector('#learn-dead-summary');
        fill_sentence(summary, t('learn.examples.dead_units.summary'), {
            shift: format_number(shifts[k]),
            relu_dead: value_span(summary.ownerDocument, counts.relu[k]),
            units: format_number(units),
            leaky_dead: value_span(summary.ownerDocument, counts.leaky_relu[k]),
        });
    }
    shift_input.addEventListener('input', render_summary);
    refresh();
    return {
        refresh,
        destroy: () => chart.destroy(),
        inputs: () => ({
            units,
            inputs,
            shift: Number(shift_input.value),
            bias_offsets: Array.from(bias_offsets),
            noise: Array.from(noise),
            leaky_slope: dead_units_setup.leaky_slope,
        }),
    };
}
