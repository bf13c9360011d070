// Augmentation and overfitting: copies of the small convolutional network with one seed,
// trained on a few hundred digits, that differ only in their augmentation (none, shifts
// and turns, elastic distortions); their accuracy on the training digits and on held-out
// digits, and a few augmented versions of one digit for each choice.
import { t } from '../i18n/i18n.js';
import { parse_number } from '../common/number_input.js';
import { create_augmentation_preview } from '../common/augmentation_preview.js';
import { chart_figure, copy_dashes, create_lab_chart, fill_table, format_percent } from '../charts/chart_figure.js';
import { augmentation_defaults, augmentation_modes, augmentation_training_images } from './augmentation_experiment.js';
import { checked_values, create_lab_runner, mount_lab_frame, number_field, set_checked } from './lab_frame.js';

const id = 'augmentation';
// Okabe-Ito, as the other labs' copies.
const mode_colors = { none: '#7F7F7F', shifts_rotations: '#0072B2', elastic: '#D55E00' };
const mode_label = (mode) => t(`trainer.augment_mode_${mode}`);

export function mount_augmentation(panel, { relu_lab, client }) {
    const [seed_min, seed_max] = relu_lab.trainer_facts.seed;
    const frame = mount_lab_frame(panel, {
        id,
        controls_html: `
          <fieldset data-control="labs_modes"><legend data-i18n="labs.${id}.modes_legend"></legend>
            ${augmentation_modes
                .map(
                    (mode) =>
                        `<label class="check"><input type="checkbox" name="${id}-mode" value="${mode}"><span data-i18n="trainer.augment_mode_${mode}"></span></label>`
                )
                .join('')}
          </fieldset>
          <label class="lab-field" for="${id}-images"><span data-i18n="labs.${id}.images_label"></span>
            <select id="${id}-images" data-control="labs_training_images">
              ${augmentation_training_images.map((n) => `<option value="${n}"></option>`).join('')}
            </select></label>
          ${number_field(`${id}-seed`, 'labs.seed', { min: seed_min, max: seed_max, step: 1, control: 'seed' })}
          ${number_field(`${id}-steps`, 'labs.steps', { min: 10, max: 600, step: 10, control: 'steps' })}`,
        results_html: `<div class="lab-augmentation-preview"></div>
          <div class="lab-charts">
            ${chart_figure(`${id}-test`, `labs.${id}.test_caption`)}
            ${chart_figure(`${id}-gap`, `labs.${id}.gap_caption`)}
          </div>`,
    });
    const seed = frame.$(`#${id}-seed`);
    const steps = frame.$(`#${id}-steps`);
    const images = frame.$(`#${id}-images`);
    const preview = create_augmentation_preview(frame.$('.lab-augmentation-preview'), {
        relu_lab,
        modes: augmentation_modes,
        heading_key: `labs.${id}.preview_title`,
    });
    const test_chart = create_lab_chart(frame.$(`#${id}-test`), {
        x_title_key: 'labs.axis_step',
        y_title_key: 'labs.axis_accuracy',
        percent_y: true,
        y_min: 0,
        y_max: 1,
    });
    const gap_chart = create_lab_chart(frame.$(`#${id}-gap`), {
        x_title_key: 'labs.axis_step',
        y_title_key: `labs.${id}.axis_gap`,
        percent_y: true,
    });

    function label_images() {
        for (const option of images.options)
            option.textContent = t(`labs.${id}.images_option`, { count: Number(option.value) });
    }

    function reset() {
        const d = augmentation_defaults;
        set_checked(frame, `${id}-mode`, d.modes);
        images.value = String(d.training_images);
        seed.value = String(d.seed);
        steps.value = String(d.steps);
        runner.forget();
        for (const chart of [test_chart, gap_chart]) chart.show({ datasets: [] });
    }

    const gap = (p) => p.train_accuracy - p.test_accuracy;

    function render(result) {
        const sets = (value) =>
            result.series.map((s, k) => ({
                label: mode_label(s.mode),
                color: mode_colors[s.mode],
                // Its place in the learner's list, also in a partial that lacks a copy (lab_parts.js).
                dash: copy_dashes[result.series_index?.[k] ?? k],
                data: s.trace.map((p) => ({ x: p.step, y: value(p) })),
            }));
        const range = { x_min: 0, x_max: result.params.steps };
        test_chart.show({ datasets: sets((p) => p.test_accuracy), summary: describe(result), ...range });
        gap_chart.show({ datasets: sets(gap), summary: t(`labs.${id}.gap_caption`), ...range });
        const head = [t('labs.axis_step'), ...result.series.map((s) => mode_label(s.mode))];
        const rows = (value) =>
            (result.series[0]?.trace ?? []).map((p, k) => [
                String(p.step),
                ...result.series.map((s) => (s.trace[k] ? format_percent(value(s.trace[k])) : '')),
            ]);
        fill_table(
            frame.$(`#${id}-test-table`),
            head,
            rows((p) => p.test_accuracy)
        );
        fill_table(frame.$(`#${id}-gap-table`), head, rows(gap));
    }

    function describe(result) {
        const parts = result.series.map((s) => {
            const last = s.trace.at(-1);
            const best = Math.max(...s.trace.map((p) => p.test_accuracy));
            return t(`labs.${id}.summary_item`, {
                name: mode_label(s.mode),
                train: format_percent(last?.train_accuracy),
                test: format_percent(last?.test_accuracy),
                best: format_percent(best),
            });
        });
        let text = t(`labs.${id}.summary`, {
            seed: result.params.seed,
            count: result.params.training_images,
            values: parts.join(' · '),
        });
        for (const s of result.series)
            if (s.divergence) text += ` ${t('labs.diverged', { name: mode_label(s.mode), step: s.divergence.step })}`;
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
            modes: checked_values(frame, `${id}-mode`),
            training_images: Number(images.value),
            seed: parse_number(seed.value) ?? augmentation_defaults.seed,
            steps: parse_number(steps.value) ?? augmentation_defaults.steps,
        }),
    });
    frame.$('.lab-reset').addEventListener('click', reset);
    label_images();
    reset();
    return {
        run: runner.run,
        result: runner.result,
        reset,
        shown: () => preview.show(),
        refresh: () => {
            label_images();
            preview.refresh();
            runner.refresh();
        },
    };
}
