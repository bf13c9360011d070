// A few augmented versions of one held-out digit for each augmentation choice, computed
// by the same C++ function the trainer augments its batches with (so the preview shows
// what training sees). Shared by the trainer's settings and the augmentation lab.
//
//   const preview = create_augmentation_preview(element, { relu_lab, modes, heading_key })
//   preview.set_modes(modes)   which choices get a row ('none', 'shifts_rotations', 'elastic')
//   preview.show()             computes on first use (the digits load only then)
//   preview.refresh()          after a language or colour-scheme change
// Each row is a figure whose caption says what its pictures show; the pictures
// themselves are decorative for screen readers.
import { augment_preview } from '../bridge/augment_preview.js';
import { bundled_digits_split } from '../bridge/datasets.js';
import { digit_side } from '../bridge/digit_normalize.js';
import { load_bundled_digit_files } from '../data/digit_files.js';
import { apply_translations, t } from '../i18n/i18n.js';
import { css_color } from './css_color.js';

const versions = 7; // beside the original
const scale = 2; // canvas pixels per image pixel

// Ink 0..1 [28 * 28] -> a canvas: paper, then each pixel in ink at its own opacity.
function paint_digit(values, ink, paper) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = digit_side * scale;
    canvas.setAttribute('aria-hidden', 'true');
    const context = canvas.getContext('2d');
    context.fillStyle = paper;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = ink;
    for (let i = 0; i < values.length; i++) {
        if (!(values[i] > 0)) continue;
        context.globalAlpha = Math.min(1, values[i]);
        context.fillRect((i % digit_side) * scale, Math.floor(i / digit_side) * scale, scale, scale);
    }
    return canvas;
}

let held_out = null; // the bundled held-out digits, loaded once for every preview
function load_held_out(relu_lab) {
    held_out ??= (async () => {
        const split = await bundled_digits_split(relu_lab, await load_bundled_digit_files());
        if (!split.ok) throw new Error(split.error);
        return split.test;
    })();
    return held_out;
}

export function create_augmentation_preview(element, { relu_lab, modes, heading_key }) {
    element.classList.add('augmentation-preview');
    element.innerHTML = `
      <h4 data-i18n="${heading_key}"></h4>
      <p class="augmentation-preview-intro" data-i18n="common.augment_preview_intro"></p>
      <button type="button" class="augmentation-preview-next" data-control="augment_preview_next"
        data-i18n="common.augment_preview_next"></button>
      <div class="augmentation-preview-rows"></div>
      <p class="augmentation-preview-error field-error" role="alert" hidden></p>`;
    apply_translations(element);
    const rows = element.querySelector('.augmentation-preview-rows');
    const error = element.querySelector('.augmentation-preview-error');
    const state = { modes: modes.slice(), index: 0, seed: 1, shown: false, digit: null };

    async function draw() {
        let digits;
        try {
            digits = await load_held_out(relu_lab);
        } catch (failure) {
            error.hidden = false;
            error.textContent = t('common.augment_preview_error', { detail: failure?.message ?? String(failure) });
            return;
        }
        const at = (450 + state.index * 113) % digits.count; // a 4 first (the set is in class order), then other classes
        const image = digits.pixels.subarray(at * digit_side * digit_side, (at + 1) * digit_side * digit_side);
        state.digit = digits.labels[at];
        const ink = css_color(element, '--text', '#1d1f23');
        const paper = css_color(element, '--surface', '#ffffff');
        const paint = (values) => paint_digit(values, ink, paper);
        const figures = [];
        for (const mode of state.modes) {
            const made = augment_preview(relu_lab, { image, mode, seed: state.seed, count: versions });
            const figure = document.createElement('figure');
            figure.className = 'augmentation-preview-row';
            figure.dataset.mode = mode;
            const caption = document.createElement('figcaption');
            caption.textContent = t(
                mode === 'none' ? 'common.augment_preview_caption_none' : 'common.augment_preview_caption',
                { mode: t(`trainer.augment_mode_${mode}`), digit: state.digit, count: versions }
            );
            const pictures = document.createElement('div');
            pictures.className = 'augmentation-preview-images';
            const original = paint(Float32Array.from(image, (v) => v / 255));
            original.classList.add('augmentation-preview-original');
            pictures.appendChild(original);
            if (!made.ok) caption.textContent += ` ${made.error ?? ''}`;
            else if (mode !== 'none') for (const version of made.images) pictures.appendChild(paint(version));
            figure.append(caption, pictures);
            figures.push(figure);
        }
        rows.replaceChildren(...figures);
        error.hidden = true;
        element.dataset.ready = 'true';
    }

    element.querySelector('[data-control="augment_preview_next"]').addEventListener('click', () => {
        state.index++;
        state.seed++;
        draw();
    });

    return Object.freeze({
        set_modes(list) {
            state.modes = list.slice();
            if (state.shown) draw();
        },
        show() {
            if (state.shown) return;
            state.shown = true;
            draw();
        },
        refresh() {
            apply_translations(element);
            if (state.shown) draw();
        },
    });
}
