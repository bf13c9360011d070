// Numbers and durations as the trainer shows them.
import { t } from '../i18n/i18n.js';

export function round_to(value, digits) {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}

export function format_duration(seconds) {
    if (seconds < 60) return t('trainer.duration_s', { s: Math.max(1, Math.round(seconds)) });
    const m = Math.floor(seconds / 60);
    return t('trainer.duration_min_s', { min: m, s: Math.round(seconds - 60 * m) });
}
