// A probability as a percentage for learners: one decimal, and "< 0.1 %" instead of
// 0.0 % or scientific notation for the tiny ones a softmax gives most classes
// (format_number switches to scientific below 0.1 with one decimal).
import { format_number, t } from '../../i18n/i18n.js';

export function percent_text(probability, { fixed = false } = {}) {
    const value = 100 * probability;
    if (value > 0 && value < 0.1) return t('trainer_insight.percent_tiny', { value: format_number(0.1) });
    return t('trainer_insight.percent', {
        value: format_number(value, { maximum_fraction_digits: 1, minimum_fraction_digits: fixed ? 1 : 0 }),
    });
}
