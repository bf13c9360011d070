// Vanishing gradients: a deep MLP with sigmoid, tanh, ReLU, Leaky ReLU and ELU side by
// side; the gradient norm of every dense layer at the first batch and while training.
// Each activation gets its own initialiser (He or Glorot, as 'automatic' picks), or one
// initialiser for all, so that only the activation differs; the summary names which.
import { t } from '../i18n/i18n.js';
import { parse_number } from '../common/number_input.js';
import { chart_figure, create_lab_chart, fill_table, format_cell, series_color } from '../charts/chart_figure.js';
import { lab_defaults, vanishing_inits } from './lab_experiments.js';
import {
    activation_checkboxes,
    checked_values,
    create_lab_runner,
    mount_lab_frame,
    number_field,
    set_checked,
} from './lab_frame.js';

const id = 'vanishing_gradients';
const choices = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu'];
const label = (a) => t(`explorer.names.${a}`);

export function mount_vanishing_gradients(panel, { client }) {
    const frame = mount_lab_frame(panel, {
        id,
        try_count: 4,
        controls_html: `
          <div class="lab-field-row">
            <label class="lab-field" for="${id}-depth"><span data-i18n="labs.depth"></span> <output id="${id}-depth-value"></output>
              <input type="range" id="${id}-depth" min="2" max="30" step="1" data-control="labs_depth"></label>
          </div>
          ${activation_checkboxes(id, 'labs.activations_legend', choices)}
          <label class="lab-field" for="${id}-init"><span data-i18n="labs.${id}.init_label"></span>
            <select id="${id}-init" data-control="labs_init">
              ${vanishing_inits.map((name) => `<option value="${name}" data-i18n="labs.${id}.init_options.${name}"></option>`).join('')}
            </select></label>
          ${number_field(`${id}-lr`, 'labs.learning_rate_sgd', { min: 0.0001, max: 1, step: 0.005, control: 'learning_rate' })}
          ${number_field(`${id}-steps`, 'labs.steps', { min: 10, max: 600, step: 10, control: 'steps' })}`,
        results_html: `<div class="lab-charts">
            ${chart_figure(`${id}-layers`, `labs.${id}.layers_caption`)}
            ${chart_figure(`${id}-trace`, `labs.${id}.trace_caption`)}
          </div>`,
    });
    const depth = frame.$(`#${id}-depth`);
    const depth_value = frame.$(`#${id}-depth-value`);
    const lr = frame.$(`#${id}-lr`);
    const steps = frame.$(`#${id}-steps`);
    const init = frame.$(`#${id}-init`);
    depth.addEventListener('input', () => {
        depth_value.textContent = depth.value;
    });

    function reset() {
        const d = lab_defaults[id];
        depth.value = String(d.depth);
        depth_value.textContent = String(d.depth);
        set_checked(frame, `${id}-activation`, d.activations);
        init.value = d.init;
        lr.value = String(d.learning_rate);
        steps.value = String(d.steps);
        runner.forget();
        layers_chart.show({ datasets: [] });
        trace_chart.show({ datasets: [] });
    }

    const layers_chart = create_lab_chart(frame.$(`#${id}-layers`), {
        log_y: true,
        x_title_key: 'labs.axis_layer',
        y_title_key: 'labs.axis_grad_norm',
    });
    const trace_chart = create_lab_chart(frame.$(`#${id}-trace`), {
        log_y: true,
        x_title_key: 'labs.axis_step',
        y_title_key: 'labs.axis_first_grad_norm',
    });

    function render(result) {
        const layer_sets = [];
        for (const s of result.series) {
            if (!s.before) continue;
            const color = series_color(s.activation);
            layer_sets.push({ label: label(s.activation), color, data: s.before.map((y, i) => ({ x: i + 1, y })) });
            if (result.step > 1 && s.latest)
                layer_sets.push({
                    label: t('labs.series_latest', { name: label(s.activation), step: result.step }),
                    color,
                    dash: [6, 4],
                    width: 1.5,
                    in_legend: false,
                    data: s.latest.map((y, i) => ({ x: i + 1, y })),
                });
        }
        layers_chart.show({
            datasets: layer_sets,
            summary: describe(result),
            x_min: 1,
            x_max: result.params.depth + 1,
        });
        trace_chart.show({
            datasets: result.series.map((s) => ({
                label: label(s.activation),
                color: series_color(s.activation),
                data: s.trace.map((p) => ({ x: p.step, y: p.first_layer })),
            })),
            summary: t(`labs.${id}.trace_caption`),
            x_min: 0,
            x_max: result.params.steps,
        });
        const layer_count = Math.max(0, ...result.series.map((s) => s.before?.length ?? 0));
        const head = [
            t('labs.axis_layer'),
            ...result.series.flatMap((s) => [
                t('labs.series_first_batch', { name: label(s.activation) }),
                t('labs.series_latest', { name: label(s.activation), step: result.step }),
            ]),
        ];
        const rows = Array.from({ length: layer_count }, (_, i) => [
            String(i + 1),
            ...result.series.flatMap((s) => [s.before?.[i] ?? null, s.latest?.[i] ?? null]),
        ]);
        fill_table(frame.$(`#${id}-layers-table`), head, rows);
        const steps_seen = result.series[0]?.trace.map((p) => p.step) ?? [];
        fill_table(
            frame.$(`#${id}-trace-table`),
            [t('labs.axis_step'), ...result.series.map((s) => label(s.activation))],
            steps_seen.map((step, k) => [String(step), ...result.series.map((s) => s.trace[k]?.first_layer ?? null)])
        );
    }

    function describe(result) {
        const parts = result.series
            .filter((s) => s.before)
            .map((s) => `${label(s.activation)} ${format_cell(s.before[0])}`);
        let text = t(`labs.${id}.summary`, { depth: result.params.depth, values: parts.join(' · ') });
        const sigmoid = result.series.find((s) => s.activation === 'sigmoid')?.before?.[0];
        const relu = result.series.find((s) => s.activation === 'relu')?.before?.[0];
        if (sigmoid > 0 && relu > 0) text += ` ${t(`labs.${id}.ratio`, { ratio: format_cell(relu / sigmoid) })}`;
        // Which initialiser each network was drawn with, as the core reports it.
        const inits = result.series
            .filter((s) => s.init)
            .map((s) => `${label(s.activation)}: ${t(`labs.inits.${s.init}`)}`);
        if (inits.length) text += ` ${t(`labs.${id}.inits_used`, { values: inits.join(' · ') })}`;
        const diverged = result.series.filter((s) => s.divergence);
        for (const s of diverged)
            text += ` ${t('labs.diverged', { name: label(s.activation), step: s.divergence.step })}`;
        return text;
    }

    const runner = create_lab_runner({
        panel,
        frame,
        client,
        lab: id,
        render,
        describe,
        read_params: () => ({
            depth: Number(depth.value),
            activations: checked_values(frame, `${id}-activation`),
            init: init.value,
            learning_rate: parse_number(lr.value) ?? lab_defaults[id].learning_rate,
            steps: parse_number(steps.value) ?? lab_defaults[id].steps,
        }),
    });
    frame.$('.lab-reset').addEventListener('click', reset);
    reset();
    return { run: runner.run, result: runner.result, reset, refresh: runner.refresh };
}
