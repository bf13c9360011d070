// What every lab panel shares: the explanation (what it shows, what to try), a prediction
// the learner writes before running, a controls form with Run and Reset, a status line,
// the run cycle (progress streamed into the charts, the result kept for the page and the
// tests), and "What to notice", revealed only after the first finished run: a learner who
// has predicted first and then sees the result remembers it better than one who was told.
import { error_message } from '../bridge/error_message.js';
import { emit_learning_event, learning_event_names } from '../events/learning_events.js';
import { apply_translations, on_language_change, t } from '../i18n/i18n.js';
import { parse_number } from '../common/number_input.js';
import { number_text, step_with_arrow_keys } from '../common/number_field.js';
import { create_redraw_clock } from '../charts/redraw_clock.js';

// While a lab runs, its progress (every few steps) is shown this often: the status line
// and the partial charts in one frame. A run takes a fraction of a second to a few
// seconds; redrawn at every message, its frames took half of the main thread's time, on
// cores the lab's workers compute on.
const progress_redraw_ms = 200;

// panel: the tabpanel element; controls_html / results_html: the lab's own template.
export function mount_lab_frame(panel, { id, try_count = 3, controls_html = '', results_html = '', runnable = true }) {
    const try_items = Array.from({ length: try_count }, (_, i) => `<li data-i18n="labs.${id}.try_${i + 1}"></li>`).join(
        ''
    );
    panel.innerHTML = `
      <h3 class="lab-title" data-i18n="labs.names.${id}"></h3>
      <div class="lab-layout">
        <div class="lab-explain">
          <p data-i18n="labs.${id}.intro"></p>
          <h4 data-i18n="labs.try_title"></h4>
          <ul class="lab-try">${try_items}</ul>
          <h4 data-i18n="labs.predict_title"></h4>
          <label class="lab-predict" for="${id}-prediction"><span data-i18n="labs.${id}.predict"></span>
            <textarea id="${id}-prediction" rows="2" data-control="labs_prediction"
              data-i18n-attr="placeholder:labs.prediction_placeholder"></textarea></label>
          <p class="lab-notice-pending" data-i18n="labs.${runnable ? 'notice_after_run' : 'notice_after_check'}"></p>
        </div>
        <form class="lab-controls" novalidate>
          ${controls_html}
          <div class="lab-buttons">
            ${runnable ? `<button type="submit" class="lab-run" data-control="labs_run" data-i18n="labs.run"></button>` : ''}
            <button type="button" class="lab-reset" data-control="labs_reset" data-i18n="labs.reset"></button>
          </div>
        </form>
      </div>
      <p class="lab-status" role="status" aria-live="polite"></p>
      <p class="lab-summary"></p>
      <section class="lab-notice" hidden aria-labelledby="${id}-notice-title">
        <h4 id="${id}-notice-title" data-i18n="labs.notice_title"></h4>
        <p class="lab-your-prediction" hidden></p>
        <p data-i18n="labs.${id}.notice"></p>
      </section>
      <div class="lab-results">${results_html}</div>`;
    apply_translations(panel);
    const form = panel.querySelector('.lab-controls');
    const status = panel.querySelector('.lab-status');
    const summary = panel.querySelector('.lab-summary');
    const set_status = (key, params = {}) => {
        status.textContent = key ? t(key, params) : '';
    };
    const notice = panel.querySelector('.lab-notice');
    const notice_pending = panel.querySelector('.lab-notice-pending');
    const prediction = panel.querySelector('.lab-predict textarea');
    const your_prediction = panel.querySelector('.lab-your-prediction');
    // The learner's own words next to the answer; textContent, so nothing typed is markup.
    const show_prediction = () => {
        const text = prediction.value.trim();
        your_prediction.hidden = text === '';
        your_prediction.textContent = text ? t('labs.you_predicted', { prediction: text }) : '';
    };
    // Once revealed, the notice stays: Reset restores the settings, not the surprise.
    const reveal_notice = () => {
        show_prediction();
        notice.hidden = false;
        notice_pending.hidden = true;
    };
    panel.dataset.state = 'idle';
    const number_fields = [...form.querySelectorAll('input[data-number-field]')].map((input) =>
        lab_number_field(input, panel.querySelector(`#${input.id}-error`))
    );
    const show_numbers = () => {
        for (const field of number_fields) field.show();
    };
    // The lab writes its fields' values as String(value): a scenario (another control)
    // fills them, Reset restores them (runner.forget); they are shown in the page's language.
    form.addEventListener('change', (event) => {
        if (!event.target.matches('input[data-number-field]')) show_numbers();
    });
    on_language_change(show_numbers);
    return {
        form,
        status,
        summary,
        set_status,
        reveal_notice,
        show_numbers,
        // { parameter: value } of the number fields showing an error: the last good value
        // counts until the learner corrects the text.
        held_numbers: () =>
            Object.fromEntries(number_fields.filter((f) => f.held()).map((f) => [f.param, f.last_good()])),
        refresh_prediction: () => {
            if (!notice.hidden) show_prediction();
        },
        $: (selector) => panel.querySelector(selector),
        $$: (selector) => [...panel.querySelectorAll(selector)],
    };
}

// The run cycle of a trained lab. read_params() -> params; render(result, final) draws
// partial and final results; describe(result) -> the summary sentence.
export function create_lab_runner({ panel, frame, client, lab, read_params, render, describe }) {
    let token = 0;
    let last_result = null;
    let last_status = null;
    const redraw = create_redraw_clock(progress_redraw_ms);

    function show_status(key, params = {}) {
        last_status = { key, params };
        frame.set_status(key, params);
    }

    async function run(overrides = {}) {
        const mine = ++token;
        const params = { ...read_params(), ...frame.held_numbers(), ...overrides };
        panel.dataset.state = 'running';
        show_status('labs.status_loading');
        frame.summary.textContent = '';
        try {
            const result = await client.run(lab, params, (progress) => {
                if (mine !== token) return;
                redraw.request('progress', () => {
                    if (mine !== token) return;
                    show_status('labs.status_running', { step: progress.step, steps: progress.steps });
                    if (progress.partial) render(progress.partial, false);
                });
            });
            if (mine !== token) return result;
            redraw.clear(); // the result replaces any partial still waiting for the clock
            last_result = result;
            render(result, true);
            frame.summary.textContent = describe(result);
            const steps = result.params?.steps ?? 0;
            if (result.cancelled) show_status('labs.status_cancelled', { steps });
            else if (result.workers > 1) show_status('labs.status_done_workers', { steps, workers: result.workers });
            else if (result.workers === 1) show_status('labs.status_done_one_worker', { steps });
            else show_status('labs.status_done', { steps });
            panel.dataset.state = result.cancelled ? 'cancelled' : 'done';
            if (!result.cancelled) frame.reveal_notice();
            if (!result.cancelled) emit_learning_event(learning_event_names.labs_run_finished, { lab_id: lab });
            return result;
        } catch (error) {
            if (mine === token) {
                redraw.clear();
                panel.dataset.state = 'error';
                const params = error?.params ?? { detail: String(error?.message ?? error) };
                // A trainer refusal is shown in the learner's language where it has a text.
                if (params.refusal)
                    show_status(error.i18n_key, { ...params, detail: error_message(params.refusal) || params.detail });
                else show_status(error?.i18n_key ?? 'common.error_unexpected', params);
            }
            throw error;
        }
    }

    frame.form.addEventListener('submit', (event) => {
        event.preventDefault();
        run().catch(() => {}); // shown in the status line
    });

    function refresh() {
        if (last_result) {
            render(last_result, true);
            frame.summary.textContent = describe(last_result);
        }
        if (last_status) frame.set_status(last_status.key, last_status.params);
        else frame.set_status('labs.status_idle');
        frame.refresh_prediction();
    }
    frame.set_status('labs.status_idle');

    return {
        run,
        result: () => last_result,
        refresh,
        forget() {
            frame.show_numbers();
            token++;
            last_result = null;
            last_status = null;
            panel.dataset.state = 'idle';
            frame.summary.textContent = '';
            frame.set_status('labs.status_idle');
        },
    };
}

// <fieldset> of activation checkboxes; names are the kernel names.
export function activation_checkboxes(id, legend_key, activations, control = 'activations') {
    return `<fieldset data-control="labs_${control}">
      <legend data-i18n="${legend_key}"></legend>
      ${activations
          .map(
              (a) => `<label class="check"><input type="checkbox" name="${id}-activation" value="${a}">
        <span class="swatch swatch-${a}" aria-hidden="true"></span><span data-i18n="explorer.names.${a}"></span></label>`
          )
          .join('')}
    </fieldset>`;
}

export function checked_values(frame, name) {
    return frame
        .$$(`input[name="${name}"]`)
        .filter((box) => box.checked)
        .map((box) => box.value);
}

export function set_checked(frame, name, values) {
    for (const box of frame.$$(`input[name="${name}"]`)) box.checked = values.includes(box.value);
}

// A number in the page's language (common/number_field.js): a text field read with
// parse_number, shown with number_text, stepped by ArrowUp/ArrowDown within min..max.
// control names the field (data-control="labs_<control>") and the parameter it sets.
// Out of min..max a number is clamped when the lab runs (normalise_params).
export function number_field(id, label_key, { min, max, step, control }) {
    return `<label class="lab-field" for="${id}"><span data-i18n="${label_key}"></span>
      <input type="text" id="${id}" inputmode="decimal" size="6" autocomplete="off" spellcheck="false" data-control="labs_${control}"
        data-number-field="${control}" data-min="${min}" data-max="${max}" data-step="${step}"></label>
      <p class="field-error" id="${id}-error" role="alert" hidden></p>`;
}

// Text that is not a number gets a message, and the last good value stays in force until
// the learner corrects it.
function lab_number_field(input, message) {
    const limits = { min: Number(input.dataset.min), max: Number(input.dataset.max), step: Number(input.dataset.step) };
    let last_good = parse_number(input.value);
    let invalid = false;
    const show_error = (on) => {
        invalid = on;
        if (on) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
        message.textContent = on
            ? t('explorer.error_param_range', { min: number_text(limits.min), max: number_text(limits.max) })
            : '';
        message.hidden = !on;
    };
    const commit = () => {
        const value = parse_number(input.value);
        if (value === null) {
            show_error(true);
            return;
        }
        last_good = value;
        show_error(false);
        input.value = number_text(value);
    };
    input.addEventListener('change', commit);
    step_with_arrow_keys(input, limits, { current: () => last_good ?? limits.min, on_step: commit });
    return {
        param: input.dataset.numberField,
        held: () => invalid && last_good !== null,
        last_good: () => last_good,
        // Text the lab wrote, or a new language: the number again in the page's language
        // (text that is not a number stays as typed, its message in the new language).
        show() {
            if (parse_number(input.value) !== null) commit();
            else if (invalid) show_error(true);
        },
    };
}
