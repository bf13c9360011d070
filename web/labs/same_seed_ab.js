// Same-seed A/B: two to four copies of one network with the same seed (the same initial
// weights and the same order of batches) that differ only in their activation; their
// loss, accuracy and dead-unit curves on top of each other.
import { t } from '../i18n/i18n.js';
import { css_color } from '../common/css_color.js';
import { parse_number } from '../common/number_input.js';
import {
    chart_figure,
    copy_dashes,
    create_lab_chart,
    fill_table,
    format_cell,
    format_percent,
    series_color,
} from '../charts/chart_figure.js';
import { compare_copies, lab_activations, lab_defaults } from './lab_experiments.js';
import { create_lab_runner, mount_lab_frame, number_field } from './lab_frame.js';

const id = 'same_seed_ab';
const letters = ['A', 'B', 'C', 'D'];
const label = (a) => t(`explorer.names.${a}`);
const copy_label = (k, a) => t(`labs.${id}.copy_label`, { copy: letters[k], name: label(a) });

export function mount_same_seed_ab(panel, { relu_lab, client }) {
    const [seed_min, seed_max] = relu_lab.trainer_facts.seed;
    const copy_select = (
        k
    ) => `<label class="lab-field" for="${id}-copy-${k}"><span data-i18n="labs.${id}.copy_${k}"></span>
        <select id="${id}-copy-${k}" data-control="labs_copy_${letters[k].toLowerCase()}">
          ${k >= 2 ? `<option value="" data-i18n="labs.${id}.copy_off"></option>` : ''}
          ${lab_activations.map((a) => `<option value="${a}" data-i18n="explorer.names.${a}"></option>`).join('')}
        </select></label>`;
    const frame = mount_lab_frame(panel, {
        id,
        controls_html: `
          <fieldset data-control="labs_copies"><legend data-i18n="labs.${id}.copies_legend"></legend>
            ${letters.map((_, k) => copy_select(k)).join('')}
          </fieldset>
          ${number_field(`${id}-seed`, 'labs.seed', { min: seed_min, max: seed_max, step: 1, control: 'seed' })}
          ${number_field(`${id}-lr`, 'labs.learning_rate_adam', { min: 0.0001, max: 1, step: 0.005, control: 'learning_rate' })}
          ${number_field(`${id}-steps`, 'labs.steps', { min: 10, max: 600, step: 10, control: 'steps' })}`,
        results_html: `<div class="lab-charts">
            ${chart_figure(`${id}-loss`, `labs.${id}.loss_caption`)}
            ${chart_figure(`${id}-accuracy`, `labs.${id}.accuracy_caption`)}
            ${chart_figure(`${id}-dead`, `labs.${id}.dead_caption`)}
          </div>`,
    });
    const selects = letters.map((_, k) => frame.$(`#${id}-copy-${k}`));
    const seed = frame.$(`#${id}-seed`);
    const lr = frame.$(`#${id}-lr`);
    const steps = frame.$(`#${id}-steps`);
    const loss_chart = create_lab_chart(frame.$(`#${id}-loss`), {
        x_title_key: 'labs.axis_step',
        y_title_key: 'labs.axis_loss',
        y_min: 0,
    });
    const accuracy_chart = create_lab_chart(frame.$(`#${id}-accuracy`), {
        x_title_key: 'labs.axis_step',
        y_title_key: 'labs.axis_accuracy',
        percent_y: true,
        y_min: 0,
        y_max: 1,
    });
    const dead_chart = create_lab_chart(frame.$(`#${id}-dead`), {
        x_title_key: 'labs.axis_step',
        y_title_key: 'labs.axis_dead_fraction',
        percent_y: true,
        y_min: 0,
        y_max: 1,
    });

    function reset() {
        const d = lab_defaults[id];
        selects.forEach((select, k) => {
            select.value = d.copies[k] ?? '';
        });
        seed.value = String(d.seed);
        lr.value = String(d.learning_rate);
        steps.value = String(d.steps);
        runner.forget();
        for (const chart of [loss_chart, accuracy_chart, dead_chart]) chart.show({ datasets: [] });
    }

    // A copy's place in the learner's list (A, B, C, D): a partial result from several
    // workers may lack copies still to report (series_index, web/labs/lab_parts.js).
    const place = (result, k) => result.series_index?.[k] ?? k;

    function render(result) {
        // A copy repeating an earlier copy's activation is drawn dotted in the text colour
        // on top, so it stays visible where it lies exactly on the earlier curve.
        const contrast = css_color(panel, '--text', '#222');
        const repeated = result.series.map((s, k) =>
            result.series.slice(0, k).some((e) => e.activation === s.activation)
        );
        const dashes = result.series.map((_, k) => copy_dashes[place(result, k)]);
        const sets = (field) =>
            result.series.map((s, k) => ({
                label: copy_label(place(result, k), s.activation),
                color: repeated[k] ? contrast : series_color(s.activation),
                dash: repeated[k] ? [2, 4] : dashes[k],
                width: repeated[k] ? 1.5 : 2.5 - 0.4 * place(result, k),
                order: repeated[k] ? -1 : 0,
                data: s.trace.map((p) => ({ x: p.step, y: p[field] })),
            }));
        loss_chart.show({ datasets: sets('loss'), summary: describe(result), x_min: 0, x_max: result.params.steps });
        accuracy_chart.show({
            datasets: sets('accuracy'),
            summary: t(`labs.${id}.accuracy_caption`),
            x_min: 0,
            x_max: result.params.steps,
        });
        dead_chart.show({
            datasets: sets('dead_fraction'),
            summary: t(`labs.${id}.dead_caption`),
            x_min: 0,
            x_max: result.params.steps,
        });
        const head = [t('labs.axis_step'), ...result.series.map((s, k) => copy_label(place(result, k), s.activation))];
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
        fill_table(frame.$(`#${id}-dead-table`), head, rows('dead_fraction', format_percent));
    }

    function describe(result) {
        const parts = result.series.map((s, k) => {
            const last = s.trace.at(-1);
            return t(`labs.${id}.summary_item`, {
                name: copy_label(place(result, k), s.activation),
                loss: format_cell(last?.loss),
                accuracy: format_percent(last?.accuracy),
                dead: format_percent(last?.dead_fraction),
            });
        });
        let text = t(`labs.${id}.summary`, { seed: result.params.seed, values: parts.join(' · ') });
        // Copies on different workers reach a step at different times: compare finished curves only.
        const comparable = !result.series_index;
        for (const pair of comparable ? compare_copies(result.series) : []) {
            if (!pair.same_activation) continue;
            const key = pair.max_difference === 0 ? 'identical' : 'not_identical';
            text += ` ${t(`labs.${id}.${key}`, { a: letters[pair.i], b: letters[pair.j], difference: format_cell(pair.max_difference) })}`;
        }
        for (const [k, s] of result.series.entries())
            if (s.divergence)
                text += ` ${t('labs.diverged', { name: copy_label(place(result, k), s.activation), step: s.divergence.step })}`;
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
            copies: selects.map((s) => s.value).filter(Boolean),
            seed: parse_number(seed.value) ?? lab_defaults[id].seed,
            learning_rate: parse_number(lr.value) ?? lab_defaults[id].learning_rate,
            steps: parse_number(steps.value) ?? lab_defaults[id].steps,
        }),
    });
    frame.$('.lab-reset').addEventListener('click', reset);
    reset();
    return { run: runner.run, result: runner.result, reset, refresh: runner.refresh };
}
