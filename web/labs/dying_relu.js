// Dying ReLU: in a scenario that kills ReLU units (a large Adam step, or biases that
// start negative), the share of dead units and the held-out accuracy while training,
// for ReLU and for Leaky ReLU, PReLU and ELU in the same scenario.
import { t } from '../i18n/i18n.js';
import { parse_number } from '../common/number_input.js';
import { chart_figure, create_lab_chart, fill_table, format_percent, series_color } from '../charts/chart_figure.js';
import { dying_scenarios, lab_defaults } from './lab_experiments.js';
import {
    activation_checkboxes,
    checked_values,
    create_lab_runner,
    mount_lab_frame,
    number_field,
    set_checked,
} from './lab_frame.js';

const id = 'dying_relu';
const choices = ['relu', 'leaky_relu', 'prelu', 'elu'];
const label = (a) => t(`explorer.names.${a}`);

export function mount_dying_relu(panel, { client }) {
    const frame = mount_lab_frame(panel, {
        id,
        controls_html: `
          <label class="lab-field" for="${id}-scenario"><span data-i18n="labs.${id}.scenario"></span>
            <select id="${id}-scenario" data-control="labs_scenario">
              ${Object.keys(dying_scenarios)
                  .map((s) => `<option value="${s}" data-i18n="labs.${id}.scenarios.${s}"></option>`)
                  .join('')}
            </select></label>
          ${activation_checkboxes(id, 'labs.activations_legend', choices)}
          ${number_field(`${id}-lr`, 'labs.learning_rate_adam', { min: 0.0001, max: 1, step: 0.005, control: 'learning_rate' })}
          ${number_field(`${id}-bias`, 'labs.bias_init', { min: -2, max: 2, step: 0.1, control: 'bias_init' })}
          ${number_field(`${id}-steps`, 'labs.steps', { min: 10, max: 600, step: 10, control: 'steps' })}`,
        results_html: `<div class="lab-charts">
            ${chart_figure(`${id}-dead`, `labs.${id}.dead_caption`)}
            ${chart_figure(`${id}-accuracy`, `labs.${id}.accuracy_caption`)}
          </div>`,
    });
    const scenario = frame.$(`#${id}-scenario`);
    const lr = frame.$(`#${id}-lr`);
    const bias = frame.$(`#${id}-bias`);
    const steps = frame.$(`#${id}-steps`);
    const apply_scenario = () => {
        const s = dying_scenarios[scenario.value];
        lr.value = String(s.learning_rate);
        bias.value = String(s.bias_init);
    };
    scenario.addEventListener('change', apply_scenario);

    const dead_chart = create_lab_chart(frame.$(`#${id}-dead`), {
        x_title_key: 'labs.axis_step',
        y_title_key: 'labs.axis_dead_fraction',
        percent_y: true,
        y_min: 0,
        y_max: 1,
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
        scenario.value = d.scenario;
        apply_scenario();
        set_checked(frame, `${id}-activation`, d.activations);
        steps.value = String(d.steps);
        runner.forget();
        dead_chart.show({ datasets: [] });
        accuracy_chart.show({ datasets: [] });
    }

    function render(result) {
        const sets = (field) =>
            result.series.map((s) => ({
                label: label(s.activation),
                color: series_color(s.activation),
                data: s.trace.map((p) => ({ x: p.step, y: p[field] })),
            }));
        dead_chart.show({
            datasets: sets('dead_fraction'),
            summary: describe(result),
            x_min: 0,
            x_max: result.params.steps,
        });
        accuracy_chart.show({
            datasets: sets('accuracy'),
            summary: describe(result),
            x_min: 0,
            x_max: result.params.steps,
        });
        const head = [t('labs.axis_step'), ...result.series.map((s) => label(s.activation))];
        const rows = (field) =>
            (result.series[0]?.trace ?? []).map((p, k) => [
                String(p.step),
                ...result.series.map((s) => format_percent(s.trace[k]?.[field])),
            ]);
        fill_table(frame.$(`#${id}-dead-table`), head, rows('dead_fraction'));
        fill_table(frame.$(`#${id}-accuracy-table`), head, rows('accuracy'));
    }

    function describe(result) {
        const parts = result.series.map((s) => {
            const last = s.trace[s.trace.length - 1];
            return t(`labs.${id}.summary_item`, {
                name: label(s.activation),
                dead: format_percent(last?.dead_fraction),
                accuracy: format_percent(last?.accuracy),
            });
        });
        let text = t(`labs.${id}.summary`, {
            step: result.series[0]?.trace.at(-1)?.step ?? 0,
            values: parts.join(' · '),
        });
        for (const s of result.series.filter((x) => x.divergence))
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
            scenario: scenario.value,
            activations: checked_values(frame, `${id}-activation`),
            learning_rate: parse_number(lr.value) ?? dying_scenarios[scenario.value].learning_rate,
            bias_init: parse_number(bias.value) ?? dying_scenarios[scenario.value].bias_init,
            steps: parse_number(steps.value) ?? lab_defaults[id].steps,
        }),
    });
    frame.$('.lab-reset').addEventListener('click', reset);
    reset();
    return { run: runner.run, result: runner.result, reset, refresh: runner.refresh };
}
