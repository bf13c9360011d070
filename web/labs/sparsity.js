// Sparsity: after a short training, the share of activations that are exactly zero in
// each layer and a histogram of the activations, for ReLU and for its variants.
import { format_number, t } from '../i18n/i18n.js';
import { parse_number } from '../common/number_input.js';
import { chart_figure, create_lab_chart, fill_table, format_percent, series_color } from '../charts/chart_figure.js';
import { histogram_bins, lab_defaults } from './lab_experiments.js';
import {
    activation_checkboxes,
    checked_values,
    create_lab_runner,
    mount_lab_frame,
    number_field,
    set_checked,
} from './lab_frame.js';

const id = 'sparsity';
const choices = ['relu', 'leaky_relu', 'prelu', 'elu', 'gelu', 'tanh', 'sigmoid'];
const label = (a) => t(`explorer.names.${a}`);
const layers_in_net = 3;

// Category labels of the histogram: exact zeros first, then below, the bins, above.
function bin_labels() {
    const { lo, hi, width } = histogram_bins;
    const labels = [t(`labs.${id}.bin_zero`), `< ${format_number(lo)}`];
    for (let x = lo; x < hi - 1e-9; x += width) labels.push(`[${format_number(x)}, ${format_number(x + width)})`);
    labels.push(`≥ ${format_number(hi)}`);
    return labels;
}

export function mount_sparsity(panel, { client }) {
    const frame = mount_lab_frame(panel, {
        id,
        controls_html: `
          ${activation_checkboxes(id, 'labs.activations_legend', choices)}
          ${number_field(`${id}-steps`, 'labs.steps_or_zero', { min: 0, max: 600, step: 10, control: 'steps' })}
          <label class="lab-field" for="${id}-layer"><span data-i18n="labs.${id}.layer_label"></span>
            <select id="${id}-layer" data-control="labs_layer">
              ${Array.from({ length: layers_in_net }, (_, i) => `<option value="${i}">${i + 1}</option>`).join('')}
            </select></label>`,
        results_html: `<div class="lab-charts">
            ${chart_figure(`${id}-zeros`, `labs.${id}.zeros_caption`)}
            ${chart_figure(`${id}-histogram`, `labs.${id}.histogram_caption`)}
          </div>`,
    });
    const steps = frame.$(`#${id}-steps`);
    const layer = frame.$(`#${id}-layer`);
    const zeros_chart = create_lab_chart(frame.$(`#${id}-zeros`), {
        type: 'bar',
        x: 'category',
        x_title_key: 'labs.axis_layer',
        y_title_key: 'labs.axis_zero_fraction',
        percent_y: true,
        y_min: 0,
        y_max: 1,
    });
    const histogram_chart = create_lab_chart(frame.$(`#${id}-histogram`), {
        type: 'bar',
        x: 'category',
        x_title_key: 'labs.axis_activation_value',
        y_title_key: 'labs.axis_share',
        percent_y: true,
        y_min: 0,
    });
    layer.addEventListener('change', () => runner.refresh());

    function reset() {
        const d = lab_defaults[id];
        set_checked(frame, `${id}-activation`, d.activations);
        steps.value = String(d.steps);
        layer.value = '0';
        runner.forget();
        zeros_chart.show({ datasets: [] });
        histogram_chart.show({ datasets: [] });
    }

    function render(result) {
        const layer_labels = Array.from({ length: layers_in_net }, (_, i) => String(i + 1));
        zeros_chart.show({
            labels: layer_labels,
            datasets: result.series.map((s) => ({
                label: label(s.activation),
                color: series_color(s.activation),
                data: s.zero_fraction,
            })),
            summary: describe(result),
        });
        fill_table(
            frame.$(`#${id}-zeros-table`),
            [t('labs.axis_layer'), ...result.series.map((s) => label(s.activation))],
            layer_labels.map((name, i) => [name, ...result.series.map((s) => format_percent(s.zero_fraction[i]))])
        );
        const k = Number(layer.value);
        const labels = bin_labels();
        const shares = (h) => [h.exact_zero, h.below, ...h.bins, h.above];
        histogram_chart.show({
            labels,
            datasets: result.series.map((s) => ({
                label: label(s.activation),
                color: series_color(s.activation),
                data: shares(s.histograms[k]),
            })),
            summary: t(`labs.${id}.histogram_caption`),
        });
        fill_table(
            frame.$(`#${id}-histogram-table`),
            [t('labs.axis_activation_value'), ...result.series.map((s) => label(s.activation))],
            labels.map((name, i) => [name, ...result.series.map((s) => format_percent(shares(s.histograms[k])[i]))])
        );
    }

    function describe(result) {
        const parts = result.series.map((s) => {
            const mean = s.zero_fraction.reduce((a, b) => a + b, 0) / s.zero_fraction.length;
            return t(`labs.${id}.summary_item`, {
                name: label(s.activation),
                zeros: format_percent(mean),
                accuracy: format_percent(s.accuracy),
            });
        });
        return t(`labs.${id}.summary`, { steps: result.params.steps, values: parts.join(' · ') });
    }

    const runner = create_lab_runner({
        panel,
        frame,
        client,
        lab: id,
        render,
        describe,
        read_params: () => ({
            activations: checked_values(frame, `${id}-activation`),
            steps: parse_number(steps.value) ?? lab_defaults[id].steps,
        }),
    });
    frame.$('.lab-reset').addEventListener('click', reset);
    reset();
    return { run: runner.run, result: runner.result, reset, refresh: runner.refresh };
}
