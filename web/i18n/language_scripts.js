// Languages other than English reach the page as classic scripts, i18n/<tag>.js (written
// by build_web.mjs), loaded when a learner or course picks the language: the page does
// not carry four languages it does not show. Each script sets
//   globalThis.RELU_LAB_LOCALES[<tag>] = { section: strings }.
// The single-file build carries them all inline.
import { load_classic_script } from '../common/load_script.js';
import { register_language_loader } from './i18n.js';

const locales_global = 'RELU_LAB_LOCALES';

export function load_languages_from_scripts({ base_url = '' } = {}) {
    register_language_loader(async (tag) => {
        if (!globalThis[locales_global]?.[tag]) await load_classic_script(`${base_url}i18n/${tag}.js`);
        return globalThis[locales_global]?.[tag] ?? null;
    });
}
