// Draw a digit: a pad for mouse, touch and pen (Pointer Events), the MNIST normalisation
// shown step by step by the same C++ function that prepared the bundled digits, and the
// current model's class probabilities, live while drawing. Picking a held-out sample
// digit is the keyboard (and non-drawing) alternative.
//
// mount_draw_pad(element, { client, relu_lab }) -> { current_image, on_image, show_sample }
//   client: trainer_client.js (requests go to the trainer worker's current model);
//   relu_lab: the page's own module (normalisation runs here, it is quick).
import { bundled_digits_split } from '../../bridge/datasets.js';
import { digit_box_side, digit_side, normalize_digit } from '../../bridge/digit_normalize.js';
import { load_bundled_digit_files } from '../../data/digit_files.js';
import { load_pretrained_model_bytes } from '../../data/pretrained_model.js';
import { apply_translations, format_number, on_language_change, t } from '../../i18n/i18n.js';
import { grey_rgba, ink_from_rgba, latest_only, rgba_blocks_from_image, top_classes } from './digit_pixels.js';
import { draw_cross, paint_pixels, rgb_css, theme_colours } from './paint.js';
import { refusal_text } from '../insight/refusal_text.js';
import { percent_text } from './percent_text.js';

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

    $('[data-control="draw_clear"]').addEventListener('click', () => {
        clear_pad();
        state.source = null;
        live_update(true);
    });

    // Dark/light switch: recolour the strokes already drawn (ink stays in the alpha channel).
    globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
        colours = theme_colours(root);
        pad_context.save();
        pad_context.globalCompositeOperation = 'source-in';
        pad_context.fillStyle = rgb_css(colours.ink);
        pad_context.fillRect(0, 0, pad.width, pad.height);
        pad_context.restore();
        render_steps();
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
            render_probabilities(final);
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
            render_probabilities(final);
            return;
        }
        show_message('');
        state.probabilities = answer.probabilities;
        render_probabilities(final);
    });

    function live_update(final) {
        last_live_update = performance.now();
        const ink = ink_from_rgba(pad_context.getImageData(0, 0, pad.width, pad.height).data, pad.width, pad.height);
        const result = normalize_digit(relu_lab, ink, pad.height, pad.width);
        state.normalized = result;
        render_steps();
        predict({ image: result.ok ? result.image : null, final });
        if (final) for (const listener of image_listeners) listener(current_image());
    }

    function current_image() {
        const n = state.normalized;
        if (!n?.ok) return null;
        return { pixels: n.image.slice(), source: state.source };
    }

    // --- rendering -----------------------------------------------------------------------------
    const step_scale = 4; // 28 px -> 112 px

    function render_steps() {
        const n = state.normalized;
        const steps = $('.draw-steps');
        steps.dataset.state = n?.ok ? 'shown' : 'empty';
        const captions = {
            box: $('[data-step="box"] figcaption'),
            crop: $('[data-step="crop"] figcaption'),
            scaled: $('[data-step="scaled"] figcaption'),
            centred: $('[data-step="centred"] figcaption'),
        };
        const canvases = {
            box: $('[data-step="box"] canvas'),
            crop: $('[data-step="crop"] canvas'),
            scaled: $('[data-step="scaled"] canvas'),
            centred: $('[data-step="centred"] canvas'),
        };
        if (!n?.ok) {
            for (const [name, canvas] of Object.entries(canvases)) {
                paint_pixels(canvas, new Uint8ClampedArray(0), 0, 0, 1);
                canvas.width = canvas.height = 112;
                captions[name].textContent = t(`trainer_insight.step_${name}_title`);
                canvas.setAttribute('aria-label', t('trainer_insight.step_empty'));
            }
            $('.draw-steps-empty').hidden = false;
            return;
        }
        $('.draw-steps-empty').hidden = true;
        const s = n.steps;
        const f1 = (v) => format_number(v, { maximum_fraction_digits: 1 });
        const f2 = (v) => format_number(v, { maximum_fraction_digits: 2 });

        // Step 1: the drawing, small, with its ink's bounding box.
        const box_canvas = canvases.box;
        box_canvas.width = box_canvas.height = 112;
        const bc = box_canvas.getContext('2d');
        bc.fillStyle = rgb_css(colours.paper);
        bc.fillRect(0, 0, 112, 112);
        bc.imageSmoothingEnabled = true;
        bc.drawImage(pad, 0, 0, 112, 112);
        const k = 112 / pad.width;
        bc.strokeStyle = rgb_css(colours.mark);
        bc.lineWidth = 2;
        bc.strokeRect(s.box_left * k, s.box_top * k, s.box_cols * k, s.box_rows * k);
        const box_text = t('trainer_insight.step_box', {
            cols: s.box_cols,
            rows: s.box_rows,
            left: s.box_left,
            top: s.box_top,
        });
        captions.box.textContent = box_text;
        box_canvas.setAttribute('aria-label', box_text);

        // Step 2: cropped to the box (aspect ratio kept).
        const crop_canvas = canvases.crop;
        const longer = Math.max(s.box_rows, s.box_cols);
        crop_canvas.width = Math.max(1, Math.round((112 * s.box_cols) / longer));
        crop_canvas.height = Math.max(1, Math.round((112 * s.box_rows) / longer));
        const cc = crop_canvas.getContext('2d');
        cc.fillStyle = rgb_css(colours.paper);
        cc.fillRect(0, 0, crop_canvas.width, crop_canvas.height);
        cc.drawImage(pad, s.box_left, s.box_top, s.box_cols, s.box_rows, 0, 0, crop_canvas.width, crop_canvas.height);
        const crop_text = t('trainer_insight.step_crop', { cols: s.box_cols, rows: s.box_rows });
        captions.crop.textContent = crop_text;
        crop_canvas.setAttribute('aria-label', crop_text);

        // Step 3: longer side scaled to 20 px; the centre of mass marked.
        const scaled = new Float32Array(s.scaled_rows * s.scaled_cols);
        for (let r = 0; r < s.scaled_rows; r++) {
            scaled.set(n.scaled.subarray(r * digit_box_side, r * digit_box_side + s.scaled_cols), r * s.scaled_cols);
        }
        const sc = paint_pixels(
            canvases.scaled,
            grey_rgba(scaled, colours.ink, colours.paper),
            s.scaled_cols,
            s.scaled_rows,
            112 / digit_box_side
        );
        const scaled_k = 112 / digit_box_side;
        draw_cross(sc, s.mass_col * scaled_k, s.mass_row * scaled_k, 7, rgb_css(colours.mark));
        const scaled_text = t('trainer_insight.step_scaled', {
            longer,
            scale: f2(s.scale),
            cols: s.scaled_cols,
            rows: s.scaled_rows,
            mass_row: f1(s.mass_row),
            mass_col: f1(s.mass_col),
        });
        captions.scaled.textContent = scaled_text;
        canvases.scaled.setAttribute('aria-label', scaled_text);

        // Step 4: shifted by whole pixels into 28 x 28 so the centre of mass is nearest (14, 14).
        const cc4 = paint_pixels(
            canvases.centred,
            grey_rgba(n.image, colours.ink, colours.paper),
            digit_side,
            digit_side,
            step_scale
        );
        cc4.strokeStyle = rgb_css(colours.accent);
        cc4.lineWidth = 1;
        cc4.setLineDash([3, 3]);
        cc4.strokeRect(4 * step_scale + 0.5, 4 * step_scale + 0.5, 20 * step_scale - 1, 20 * step_scale - 1);
        cc4.setLineDash([]);
        draw_cross(cc4, 14 * step_scale, 14 * step_scale, 5, rgb_css(colours.accent), 1);
        draw_cross(cc4, s.output_mass_col * step_scale, s.output_mass_row * step_scale, 7, rgb_css(colours.mark));
        let centred_text = t('trainer_insight.step_centred', {
            down: s.offset_row,
            right: s.offset_col,
            mass_row: f1(s.output_mass_row),
            mass_col: f1(s.output_mass_col),
        });
        if (s.ink_lost_fraction > 0.005)
            centred_text += ` ${t('trainer_insight.step_ink_lost', { percent: f1(100 * s.ink_lost_fraction) })}`;
        captions.centred.textContent = centred_text;
        canvases.centred.setAttribute('aria-label', centred_text);
    }

    const bars = $('.draw-probabilities');
    for (let digit = 0; digit < classes; digit++) {
        const row = document.createElement('li');
        row.className = 'prob-row';
        row.dataset.digit = String(digit);
        row.innerHTML =
            '<span class="prob-digit"></span><span class="prob-track" aria-hidden="true"><span class="prob-fill"></span></span><span class="prob-value"></span>';
        row.querySelector('.prob-digit').textContent = String(digit);
        bars.appendChild(row);
    }

    function render_probabilities(final) {
        const p = state.probabilities;
        const best = p ? top_classes(p, 1)[0] : null;
        for (const row of bars.children) {
            const digit = Number(row.dataset.digit);
            const value = p ? p[digit] : 0;
            row.querySelector('.prob-fill').style.width = `${(100 * value).toFixed(1)}%`;
            row.querySelector('.prob-value').textContent = p ? percent_text(value, { fixed: true }) : '–';
            row.classList.toggle('is-top', best?.label === digit);
            row.setAttribute(
                'aria-label',
                p ? t('trainer_insight.prob_row', { digit, percent: percent_text(value) }) : String(digit)
            );
        }
        const verdict = $('.draw-verdict');
        verdict.dataset.predicted = best ? String(best.label) : '';
        $('.draw-verdict-digit').textContent = best ? String(best.label) : '?';
        // The spoken summary changes only when a stroke ends, not on every live update.
        if (final || !p) {
            $('.draw-verdict-text').textContent = best
                ? t('trainer_insight.verdict', { digit: best.label, percent: percent_text(best.probability) })
                : t('trainer_insight.verdict_none');
        }
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

    render_steps();
    render_probabilities(true);
    render_model_line();
    on_language_change(() => {
        apply_translations(root);
        label_sample_buttons();
        render_steps();
        render_probabilities(true);
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
    <li><figure data-step="box"><canvas role="img" width="112" height="112"></canvas><figcaption></figcaption></figure></li>
    <li><figure data-step="crop"><canvas role="img" width="112" height="112"></canvas><figcaption></figcaption></figure></li>
    <li><figure data-step="scaled"><canvas role="img" width="112" height="112"></canvas><figcaption></figcaption></figure></li>
    <li><figure data-step="centred"><canvas role="img" width="112" height="112"></canvas><figcaption></figcaption></figure></li>
  </ol>`;
}
