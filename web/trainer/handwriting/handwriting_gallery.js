// The learner's drawings as a gallery, one row per digit: each drawing a button that
// puts it on the pad (aria-pressed while chosen); drawings kept aside are dashed, and
// after a test each one says what the model read, misread ones with a badge.
//
//   render_handwriting_gallery(gallery, { samples, selected, predicted, colours, on_select })
//     predicted: Uint8Array per drawing, or null before a test; colours: paint.js theme_colours.
import { t } from '../../i18n/i18n.js';
import { grey_rgba } from '../pixels/digit_pixels.js';
import { paint_pixels } from '../pixels/paint.js';
import { classes, split_samples } from './handwriting_samples.js';

const thumbnail_side = 28;

export function render_handwriting_gallery(gallery, { samples, selected, predicted, colours, on_select }) {
    gallery.replaceChildren();
    const { kept_aside } = split_samples(samples);
    const kept = new Set(kept_aside);
    for (let digit = 0; digit < classes; digit++) {
        const row = document.createElement('div');
        row.className = 'handwriting-digit';
        row.dataset.digit = String(digit);
        const label = document.createElement('span');
        label.className = 'handwriting-digit-label';
        const count = samples.filter((s) => s.label === digit).length;
        label.textContent = t('handwriting.digit_row', { digit, count });
        row.appendChild(label);
        samples.forEach((sample, index) => {
            if (sample.label !== digit) return;
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'handwriting-thumbnail';
            button.dataset.index = String(index);
            const misread = predicted && predicted[index] !== sample.label;
            if (predicted) button.dataset.predicted = String(predicted[index]);
            button.classList.toggle('handwriting-misread', Boolean(misread));
            button.classList.toggle('handwriting-kept-aside', kept.has(index));
            button.setAttribute('aria-pressed', String(selected === index));
            const parts = [t('handwriting.thumbnail_label', { digit })];
            if (kept.has(index)) parts.push(t('handwriting.thumbnail_kept_aside'));
            if (predicted)
                parts.push(
                    misread
                        ? t('handwriting.thumbnail_misread', { predicted: predicted[index] })
                        : t('handwriting.thumbnail_read_right')
                );
            button.setAttribute('aria-label', parts.join(' '));
            button.title = parts.join(' ');
            const canvas = document.createElement('canvas');
            canvas.setAttribute('aria-hidden', 'true');
            const values = Float32Array.from(sample.pixels, (v) => v / 255);
            paint_pixels(canvas, grey_rgba(values, colours.ink, colours.paper), thumbnail_side, thumbnail_side, 1);
            button.appendChild(canvas);
            if (misread) {
                const badge = document.createElement('span');
                badge.className = 'handwriting-badge';
                badge.setAttribute('aria-hidden', 'true');
                badge.textContent = String(predicted[index]);
                button.appendChild(badge);
            }
            button.addEventListener('click', () => on_select(index));
            row.appendChild(button);
        });
        gallery.appendChild(row);
    }
}
