// Bank texts are language maps ({ "en": "...", "de": "..." }): pick the learner's
// language, else English, else whatever language the bank has.
import { language } from '../i18n/i18n.js';

export function bank_text(map, tag = language()) {
    if (map === null || typeof map !== 'object') return '';
    if (Object.hasOwn(map, tag)) return map[tag];
    const primary = tag.split('-')[0];
    if (Object.hasOwn(map, primary)) return map[primary];
    if (Object.hasOwn(map, 'en')) return map.en;
    const first = Object.keys(map)[0];
    return first === undefined ? '' : map[first];
}
