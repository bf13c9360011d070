// Draw a digit: a pad for mouse, touch and pen (Pointer Events), the MNIST normalisation
// shown step by step by the same C++ function that prepared the bundled digits, and the
// current model's class probabilities, live while drawing. Picking a held-out sample
// digit is the keyboard (and non-drawing) alternative.
//
// mount_draw_pad(element, { client, relu_lab }) -> { ready, current_image, on_image, show_sample, pick_sample, clear }
//   client: trainer_client.js (requests go to the trainer worker's current model);
//   relu_lab: the page's own module (normalisation runs here, it is quick).
import { bundled_digits_split } from '../../bridge/datasets.js';
import { digit_side, normalize_digit } from '../../bridge/digit_normalize.js';
import { load_bundled_digit_files } from '../../data/digit_files.js';
import { load_pretrained_model_bytes } from '../../data/pretrained_model.js';
import { apply_translations, on_language_change, t } from '../../i18n/i18n.js';
import { ink_from_rgba, latest_only, rgba_blocks_from_image } from '../pixels/digit_pixels.js';
import { rgb_css, theme_colours } from '../pixels/paint.js';
import { refusal_text } from '../refusal_text.js';
import { create_normalisation_steps, steps_template } from './normalisation_steps.js';
import { create_probability_bars } from './probability_bars.js';

const pad_side = 280; // canvas pixels (CSS may show it smaller)
const stroke_width = 20; // canvas pixels: about MNIST's stroke for a pad-sized digit
const live_interval_ms = 120; // at most this often while a stroke is being drawn
const classes = 10;

export function mount_draw_pad(element, { client, relu_lab }) {
    const root = document.createElement('div');
    root.className = 'draw-pad';
    root.innerHTML = template();
    element.appendChild(root);
    apply_translations(root);
    const $ = (selector) => root.querySelector(selector);
    const pad = $('.draw-canvas');
    const pad_context = pad.getContext('2d', { willReadFrequently: true });
    let colours = theme_colours(root);
    const steps = create_normalisation_steps(root, { pad, get_colours: () => colours });
    const bars = create_probability_bars(root);

    const state = {
        source: null, // null, 'drawing' or { sample: index, label }
        normalized: null, // the last normalize_digit result
        probabilities: null,
        model: null, // { origin, epoch } of the worker's current model
        samples: null, // the held-out bundled digits { pixels, labels, count, rows, cols }
        sample_cursor: new Array(classes).fill(0),
    };
    const image_listeners = new Set();

    // --- drawing ---------------------------------------------------------------------------
    let active_pointer = null;
    let last_point = null;
    let last_live_update = 0;

    function pad_point(event) {
        const box = pad.getBoundingClientRect();
        return {
            x: ((event.clientX - box.left) / box.width) * pad.width,
            y: ((event.clientY - box.top) / box.height) * pad.height,
        };
    }

    function stroke_to(point) {
        pad_context.strokeStyle = rgb_css(colours.ink);
        pad_context.fillStyle = rgb_css(colours.ink);
        pad_context.lineWidth = stroke_width;
        pad_context.lineCap = 'round';
        pad_context.lineJoin = 'round';
        if (!last_point) {
            pad_context.beginPath();
            pad_context.arc(point.x, point.y, stroke_width / 2, 0, 2 * Math.PI);
            pad_context.fill();
        } else {
            pad_context.beginPath();
            pad_context.moveTo(last_point.x, last_point.y);
            pad_context.lineTo(point.x, point.y);
            pad_context.stroke();
        }
        last_point = point;
    }

    pad.addEventListener('pointerdown', (event) => {
        if (active_pointer !== null || (event.pointerType === 'mouse' && event.button !== 0)) return;
        event.preventDefault();
        active_pointer = event.pointerId;
        try {
            pad.setPointerCapture(event.pointerId); // strokes continue when the pointer leaves the pad
        } catch {
            // A pointer the browser no longer tracks: draw without capture.
        }
        if (state.source && state.source !== 'drawing') clear_pad();
        state.source = 'drawing';
        last_point = null;
        stroke_to(pad_point(event));
        live_update(false);
    });
    pad.addEventListener('pointermove', (event) => {
        if (event.pointerId !== active_pointer) return;
        event.preventDefault();
        const moves = event.getCoalescedEvents?.() ?? [];
        for (const move of moves.length ? moves : [event]) stroke_to(pad_point(move));
        const now = performance.now();
        if (now - last_live_update >= live_interval_ms) live_update(false);
    });
    const end_stroke = (event) => {
        if (event.pointerId !== active_pointer) return;
        active_pointer = null;
        last_point = null;
        if (pad.hasPointerCapture(event.pointerId)) pad.releasePointerCapture(event.pointerId);
        live_update(true);
    };
    pad.addEventListener('pointerup', end_stroke);
    pad.addEventListener('pointercancel', end_stroke);
    // Touch browsers without touch-action support would still scroll: stop that here too.
    pad.addEventListener('touchmove', (event) => event.preventDefault(), { passive: false });

    function clear_pad() {
        pad_context.clearRect(0, 0, pad.width, pad.height);
    }

    function clear() {
        clear_pad();
        state.source = null;
        live_update(true);
    }
    $('[data-control="draw_clear"]').addEventListener('click', clear);

    // Dark/light switch: recolour the strokes already drawn (ink stays in the alpha channel).
    globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
        colours = theme_colours(root);
        pad_context.save();
        pad_context.globalCompositeOperation = 'source-in';
        pad_context.fillStyle = rgb_css(colours.ink);
        pad_context.fillRect(0, 0, pad.width, pad.height);
        pad_context.restore();
        steps.render(state.normalized);
    });

    // --- samples (the keyboard alternative) ------------------------------------------------
    let samples_loading = null;
    function load_samples() {
        samples_loading ??= (async () => {
            const split = await bundled_digits_split(relu_lab, await load_bundled_digit_files());
            if (!split.ok) throw new Error(split.error);
            state.samples = split.test;
            return split.test;
        })();
        return samples_loading;
    }

    const sample_buttons = $('.draw-samples-buttons');
    for (let digit = 0; digit < classes; digit++) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'draw-sample-button';
        button.dataset.digit = String(digit);
        button.textContent = String(digit);
        sample_buttons.appendChild(button);
        button.addEventListener('click', () => pick_sample(digit));
    }
    function label_sample_buttons() {
        for (const button of sample_buttons.children) {
            button.setAttribute(
                'aria-label',
                t('trainer_insight.draw_sample_button', { digit: Number(button.dataset.digit) })
            );
        }
    }
    label_sample_buttons();

    async function pick_sample(digit) {
        let samples;
        try {
            samples = await load_samples();
        } catch (error) {
            show_message(t('trainer_insight.error_samples', { detail: error?.message ?? String(error) }));
            return;
        }
        const of_digit = [];
        for (let i = 0; i < samples.count; i++) if (samples.labels[i] === digit) of_digit.push(i);
        if (of_digit.length === 0) return;
        const index = of_digit[state.sample_cursor[digit]++ % of_digit.length];
        show_sample(samples.pixels.subarray(index * 784, (index + 1) * 784), { index, label: digit });
    }

    // Puts a 28 x 28 digit (0..255) on the pad, enlarged; it then goes through the same
    // normalisation as a drawing. source: { index, label } describes it for the caption.
    function show_sample(pixels, source = {}) {
        const scale = pad.width / digit_side;
        const rgba = rgba_blocks_from_image(pixels, digit_side, digit_side, scale, colours.ink);
        clear_pad();
        pad_context.putImageData(new ImageData(rgba, pad.width, pad.height), 0, 0);
        state.source = { sample: source.index ?? null, label: source.label ?? null };
        live_update(true);
    }

    // --- normalising and predicting ---------------------------------------------------------
    const predict = latest_only(async ({ image, final }) => {
        if (!image) {
            state.probabilities = null;
            bars.render(state.probabilities, final);
            return;
        }
        let answer;
        try {
            answer = await client.request('predict', { pixels: image });
        } catch (error) {
            show_message(t('trainer_insight.error_predict', { detail: error?.message ?? String(error) }));
            return;
        }
        if (!answer?.ok) {
            state.probabilities = null;
            show_message(refusal_text(answer));
            bars.render(state.probabilities, final);
            return;
        }
        show_message('');
        state.probabilities = answer.probabilities;
        bars.render(state.probabilities, final);
    });

    function live_update(final) {
        last_live_update = performance.now();
        const ink = ink_from_rgba(pad_context.getImageData(0, 0, pad.width, pad.height).data, pad.width, pad.height);
        const result = normalize_digit(relu_lab, ink, pad.height, pad.width);
        state.normalized = result;
        steps.render(state.normalized);
        predict({ image: result.ok ? result.image : null, final });
        if (final) for (const listener of image_listeners) listener(current_image());
    }

    function current_image() {
        const n = state.normalized;
        if (!n?.ok) return null;
        return { pixels: n.image.slice(), source: state.source };
    }

    function show_message(text) {
        const message = $('.draw-message');
        message.textContent = text;
        message.hidden = !text;
    }

    // --- the model --------------------------------------------------------------------------------
    function render_model_line() {
        const m = state.model;
        const line = $('.draw-model');
        if (!m?.has_model) line.textContent = t('trainer_insight.model_none');
        else if (m.origin === 'pretrained') line.textContent = t('trainer_insight.model_pretrained');
        else line.textContent = t('trainer_insight.model_current', { epochs: m.epoch ?? 0 });
        $('[data-control="draw_pretrained"]').hidden = m?.origin === 'pretrained';
    }

    // At start-up only_if_no_model: a model the learner began training meanwhile wins.
    async function use_pretrained({ only_if_no_model = false } = {}) {
        const bytes = await load_pretrained_model_bytes();
        const answer = await client.request('load', { bytes, origin: 'pretrained', only_if_no_model });
        if (!answer?.ok && answer?.code !== 'trainer.model_exists') show_message(refusal_text(answer));
    }

    $('[data-control="draw_pretrained"]').addEventListener('click', () => {
        use_pretrained().catch((error) =>
            show_message(t('trainer_insight.error_predict', { detail: error?.message ?? String(error) }))
        );
    });

    const refresh_prediction = () => {
        if (state.normalized?.ok) predict({ image: state.normalized.image, final: true });
    };
    client.on('model_changed', (info) => {
        state.model = info;
        render_model_line();
        refresh_prediction();
    });
    client.on('epoch_end', (message) => {
        if (state.model) state.model = { ...state.model, epoch: message.epoch };
        render_model_line();
        refresh_prediction();
    });
    client.on('fine_tuned', refresh_prediction);

    // Before a learner has a model, the pad uses the shipped pretrained one.
    const ready = (async () => {
        const status = await client.request('status');
        state.model = status;
        if (!status?.has_model) await use_pretrained({ only_if_no_model: true });
        render_model_line();
        root.dataset.ready = 'true';
    })();
    ready.catch((error) =>
        show_message(t('trainer_insight.error_predict', { detail: error?.message ?? String(error) }))
    );

    steps.render(state.normalized);
    bars.render(state.probabilities, true);
    render_model_line();
    on_language_change(() => {
        apply_translations(root);
        label_sample_buttons();
        steps.render(state.normalized);
        bars.render(state.probabilities, true);
        render_model_line();
    });

    return Object.freeze({
        ready,
        // { pixels: Float32Array [28 * 28] 0..1, source } of what the pad shows, or null.
        current_image,
        on_image(listener) {
            image_listeners.add(listener);
            return () => image_listeners.delete(listener);
        },
        show_sample,
        pick_sample,
        clear,
    });
}

function template() {
    return `
  <h3 class="draw-title" data-i18n="trainer_insight.draw_title"></h3>
  <p class="draw-intro" data-i18n="trainer_insight.draw_intro"></p>
  <p class="draw-model"></p>
  <div class="draw-layout">
    <div class="draw-input">
      <canvas class="draw-canvas" width="${pad_side}" height="${pad_side}" role="img" data-control="draw_pad"
        data-i18n-attr="aria-label:trainer_insight.pad_label"></canvas>
      <div class="draw-buttons">
        <button type="button" data-control="draw_clear" data-i18n="trainer_insight.clear"></button>
        <button type="button" data-control="draw_pretrained" data-i18n="trainer_insight.use_pretrained" hidden></button>
      </div>
      <fieldset class="draw-samples" data-control="draw_samples">
        <legend data-i18n="trainer_insight.samples_legend"></legend>
        <p class="draw-samples-hint" data-i18n="trainer_insight.samples_hint"></p>
        <div class="draw-samples-buttons"></div>
      </fieldset>
    </div>
    <div class="draw-output">
      <div class="draw-verdict">
        <span class="draw-verdict-digit" aria-hidden="true">?</span>
        <p class="draw-verdict-text" role="status" aria-live="polite"></p>
      </div>
      <ul class="draw-probabilities" data-i18n-attr="aria-label:trainer_insight.prob_label"></ul>
      <p class="draw-message field-error" role="alert" hidden></p>
    </div>
  </div>
  <h4 class="draw-steps-title" data-i18n="trainer_insight.steps_title"></h4>
  <p class="draw-steps-intro" data-i18n="trainer_insight.steps_intro"></p>
  <p class="draw-steps-empty" data-i18n="trainer_insight.step_empty"></p>
  <ol class="draw-steps">
    ${steps_template()}
  </ol>`;
}
