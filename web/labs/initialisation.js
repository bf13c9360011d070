// Initialisation: He, Glorot, zero and too-large initial weights in the same deep MLP:
// the spread (standard deviation) of each layer's activations before training, and the
// training curves that follow.
import { t } from '../i18n/i18n.js';
import { parse_number } from '../common/number_input.js';
import {
    chart_figure,
    create_lab_chart,
    fill_table,
    format_cell,
    format_percent,
    series_color,
} from '../charts/chart_figure.js';
import { init_optimizers, lab_defaults, lab_inits } from './lab_experiments.js';
import { create_lab_runner, mount_lab_frame, number_field } from './lab_frame.js';

const id = 'initialisation';
const activations = ['relu', 'leaky_relu', 'elu', 'tanh', 'sigmoid'];
const init_label = (name) => t(`labs.inits.${name}`);

export function mount_initialisation(panel, { client }) {
    const frame = mount_lab_frame(panel, {
        id,
        controls_html: `
          <div class="lab-field-row">
            <label class="lab-field" for="${id}-depth"><span data-i18n="labs.depth"></span> <output id="${id}-depth-value"></output>
              <input type="range" id="${id}-depth" min="2" max="20" step="1" data-control="labs_depth"></label>
          </div>
          <label class="lab-field" for="${id}-activation"><span data-i18n="labs.activation"></span>
            <select id="${id}-activation" data-control="labs_activation">
              ${activations.map((a) => `<option value="${a}" data-i18n="explorer.names.${a}"></option>`).join('')}
            </select></label>
          <fieldset data-control="labs_inits">
            <legend data-i18n="labs.${id}.inits_legend"></legend>
            ${lab_inits.map((name) => `<label class="check"><input type="checkbox" name="${id}-init" value="${name}"><span data-i18n="labs.inits.${name}"></span></label>`).join('')}
          </fieldset>
          <label class="lab-field" for="${id}-optimizer"><span data-i18n="labs.optimizer"></span>
            <select id="${id}-optimizer" data-control="labs_optimizer">
              ${Object.keys(init_optimizers)
                  .map((o) => `<option value="${o}" data-i18n="labs.${id}.optimizers.${o}"></option>`)
                  .join('')}
            </select></label>
          ${number_field(`${id}-steps`, 'labs.steps', { min: 10, max: 600, step: 10, control: 'steps' })}`,
        results_html: `<div class="lab-charts">
            ${chart_figure(`${id}-std`, `labs.${id}.std_caption`)}
            ${chart_figure(`${id}-loss`, `labs.${id}.loss_caption`)}
            ${chart_figure(`${id}-accuracy`, `labs.${id}.accuracy_caption`)}
          </div>`,
    });
    const depth = frame.$(`#${id}-depth`);
    const depth_value = frame.$(`#${id}-depth-value`);
    const activation = frame.$(`#${id}-activation`);
    const steps = frame.$(`#${id}-steps`);
    const optimizer = frame.$(`#${id}-optimizer`);
    depth.addEventListener('input', () => {
        depth_value.textContent = depth.value;
    });
    const boxes = frame.$$(`input[name="${id}-init"]`);

    const std_chart = create_lab_chart(frame.$(`#${id}-std`), {
        log_y: true,
        x_title_key: 'labs.axis_layer',
        y_title_key: 'labs.axis_activation_std',
    });
    const loss_chart = create_lab_chart(frame.$(`#${id}-loss`), {
        log_y: true,
        x_title_key: 'labs.axis_step',
        y_title_key: 'labs.axis_loss',
    });
    const accuracy_chart = create_lab_chart(frame.$(`#${id}-accuracy`), {
        x_title_key: 'labs.axis_step',
        y_title_key: 'labs.axis_accuracy',
        percent_y: true,
        y_min: 0,
        y_max: 1,
    });

    function reset() {
        const d = lab_defaults[id];
        depth.value = String(d.depth);
        depth_value.textContent = String(d.depth);
        activation.value = d.activation;
        optimizer.value = d.optimizer;
        for (const box of boxes) box.checked = d.inits.includes(box.value);
        steps.value = String(d.steps);
        runner.forget();
        for (const chart of [std_chart, loss_chart, accuracy_chart]) chart.show({ datasets: [] });
    }

    function render(result) {
        std_chart.show({
            datasets: result.series.map((s) => ({
                label: init_label(s.init),
                color: series_color(s.init),
                data: s.stddev.map((y, i) => ({ x: i + 1, y })),
            })),
            summary: describe(result),
            x_min: 1,
            x_max: result.params.depth,
        });
        const curve = (field) =>
            result.series.map((s) => ({
                label: init_label(s.init),
                color: series_color(s.init),
                data: s.trace.map((p) => ({ x: p.step, y: p[field] })),
            }));
        loss_chart.show({
            datasets: curve('loss'),
            summary: t(`labs.${id}.loss_caption`),
            x_min: 0,
            x_max: result.params.steps,
        });
        accuracy_chart.show({
            datasets: curve('accuracy'),
            summary: t(`labs.${id}.accuracy_caption`),
            x_min: 0,
            x_max: result.params.steps,
        });
        const layers = result.series[0]?.stddev.length ?? 0;
        fill_table(
            frame.$(`#${id}-std-table`),
            [t('labs.axis_layer'), ...result.series.map((s) => init_label(s.init))],
            Array.from({ length: layers }, (_, i) => [String(i + 1), ...result.series.map((s) => s.stddev[i])])
        );
        const head = [t('labs.axis_step'), ...result.series.map((s) => init_label(s.init))];
        const rows = (field, format) =>
            (result.series[0]?.trace ?? []).map((p, k) => [
                String(p.step),
                ...result.series.map((s) => format(s.trace[k]?.[field])),
            ]);
        fill_table(
            frame.$(`#${id}-loss-table`),
            head,
            rows('loss', (v) => format_cell(v))
        );
        fill_table(frame.$(`#${id}-accuracy-table`), head, rows('accuracy', format_percent));
    }

    function describe(result) {
        const parts = result.series.map((s) =>
            t(`labs.${id}.summary_item`, {
                name: init_label(s.init),
                first: format_cell(s.stddev[0]),
                last: format_cell(s.stddev[s.stddev.length - 1]),
                accuracy: format_percent(s.trace.at(-1)?.accuracy),
            })
        );
        let text = t(`labs.${id}.summary`, { depth: result.params.depth, values: parts.join(' · ') });
        const symmetric = result.series.filter((s) => s.unit_spread && s.unit_spread.every((v) => v === 0));
        for (const s of symmetric) text += ` ${t(`labs.${id}.symmetric`, { name: init_label(s.init) })}`;
        for (const s of result.series.filter((x) => x.divergence))
            text += ` ${t('labs.diverged', { name: init_label(s.init), step: s.divergence.step })}`;
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
            activation: activation.value,
            optimizer: optimizer.value,
            inits: boxes.filter((b) => b.checked).map((b) => b.value),
            steps: parse_number(steps.value) ?? lab_defaults[id].steps,
        }),
    });
    frame.$('.lab-reset').addEventListener('click', reset);
    reset();
    return { run: runner.run, result: runner.result, reset, refresh: runner.refresh };
}
