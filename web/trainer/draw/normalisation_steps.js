// The MNIST normalisation of a drawing, step by step: the ink's bounding box, the crop,
// the longer side scaled to 20 pixels with its centre of mass, and the shift into 28 x 28
// that puts the centre of mass nearest the middle. Each step is a canvas with a caption
// that is also its text alternative.
import { digit_box_side, digit_side } from '../../bridge/digit_normalize.js';
import { format_number, t } from '../../i18n/i18n.js';
import { grey_rgba } from '../pixels/digit_pixels.js';
import { draw_cross, paint_pixels, rgb_css } from '../pixels/paint.js';

export const step_scale = 4; // each of the 28 x 28 pixels as 4 x 4
export const step_view_px = digit_side * step_scale;
// The 20 x 20 box sits this many pixels from each edge of the 28 x 28 image.
const box_margin = (digit_side - digit_box_side) / 2;
const step_names = ['box', 'crop', 'scaled', 'centred'];
// Ink outside the 28 x 28 image below this share is not worth a sentence.
const ink_lost_shown_above = 0.005;

export function steps_template() {
    return step_names
        .map(
            (name) =>
                `<li><figure data-step="${name}"><canvas role="img" width="${step_view_px}" height="${step_view_px}"></canvas><figcaption></figcaption></figure></li>`
        )
        .join('');
}

// root: the draw pad's element; pad: the drawing canvas; get_colours(): theme_colours now.
// render(n): n is a normalize_digit result, or null before anything is drawn.
export function create_normalisation_steps(root, { pad, get_colours }) {
    const $ = (selector) => root.querySelector(selector);

    function render(n) {
        const colours = get_colours();
        const steps = $('.draw-steps');
        steps.dataset.state = n?.ok ? 'shown' : 'empty';
        const captions = Object.fromEntries(step_names.map((name) => [name, $(`[data-step="${name}"] figcaption`)]));
        const canvases = Object.fromEntries(step_names.map((name) => [name, $(`[data-step="${name}"] canvas`)]));
        if (!n?.ok) {
            for (const [name, canvas] of Object.entries(canvases)) {
                paint_pixels(canvas, new Uint8ClampedArray(0), 0, 0, 1);
                canvas.width = canvas.height = step_view_px;
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
        box_canvas.width = box_canvas.height = step_view_px;
        const bc = box_canvas.getContext('2d');
        bc.fillStyle = rgb_css(colours.paper);
        bc.fillRect(0, 0, step_view_px, step_view_px);
        bc.imageSmoothingEnabled = true;
        bc.drawImage(pad, 0, 0, step_view_px, step_view_px);
        const k = step_view_px / pad.width;
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
        crop_canvas.width = Math.max(1, Math.round((step_view_px * s.box_cols) / longer));
        crop_canvas.height = Math.max(1, Math.round((step_view_px * s.box_rows) / longer));
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
            step_view_px / digit_box_side
        );
        const scaled_k = step_view_px / digit_box_side;
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
        cc4.strokeRect(
            box_margin * step_scale + 0.5,
            box_margin * step_scale + 0.5,
            digit_box_side * step_scale - 1,
            digit_box_side * step_scale - 1
        );
        cc4.setLineDash([]);
        draw_cross(cc4, (digit_side / 2) * step_scale, (digit_side / 2) * step_scale, 5, rgb_css(colours.accent), 1);
        draw_cross(cc4, s.output_mass_col * step_scale, s.output_mass_row * step_scale, 7, rgb_css(colours.mark));
        let centred_text = t('trainer_insight.step_centred', {
            down: s.offset_row,
            right: s.offset_col,
            mass_row: f1(s.output_mass_row),
            mass_col: f1(s.output_mass_col),
        });
        if (s.ink_lost_fraction > ink_lost_shown_above)
            centred_text += ` ${t('trainer_insight.step_ink_lost', { percent: f1(100 * s.ink_lost_fraction) })}`;
        captions.centred.textContent = centred_text;
        canvases.centred.setAttribute('aria-label', centred_text);
    }

    return { render };
}
