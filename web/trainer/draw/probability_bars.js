// The model's answer for the drawn digit: one bar per class with its probability, the
// most likely digit large, and a spoken summary that changes only when a stroke ends.
import { t } from '../../i18n/i18n.js';
import { top_classes } from '../pixels/digit_pixels.js';
import { percent_text } from '../pixels/percent_text.js';

const classes = 10;

// root: the draw pad's element. render(p, final): p is a Float32Array of the ten
// probabilities, or null when there is nothing to predict.
export function create_probability_bars(root) {
    const $ = (selector) => root.querySelector(selector);
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

    function render(p, final) {
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
        if (final || !p) {
            $('.draw-verdict-text').textContent = best
                ? t('trainer_insight.verdict', { digit: best.label, percent: percent_text(best.probability) })
                : t('trainer_insight.verdict_none');
        }
    }

    return { render };
}
