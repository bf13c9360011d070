// The one i18n layer: every string a learner sees is looked up here by key.
// Locale files are per language and per page section (locales/<tag>/<section>.json),
// so a section and its translations can change without touching the others.
// Keys are "<section>.<path>", e.g. t('explorer.title').
import { locale_tables, supported_languages, source_language } from './locales/index.js';

const storage_key = 'relu-lab.language';
const listeners = new Set();
let current_language = source_language;
let pending_notice = null;

// Flattened tables: { en: Map('explorer.title' -> '...') }.
const flat_tables = new Map();
function flatten(prefix, value, out) {
    if (typeof value === 'string') {
        out.set(prefix, value);
        return;
    }
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
}
// A language's tables: { section: strings }. The page ships English in its script and
// loads another language when it is chosen (register_language_loader); Node has all.
export function register_language(tag, sections) {
    const table = new Map();
    for (const [section, strings] of Object.entries(sections)) flatten(section, strings, table);
    flat_tables.set(tag, table);
}
for (const [tag, sections] of Object.entries(locale_tables)) register_language(tag, sections);

// loader(tag) -> Promise of { section: strings } or null.
let language_loader = null;
export function register_language_loader(loader) {
    language_loader = loader;
}

export function available_languages() {
    return supported_languages.filter((tag) => flat_tables.has(tag) || language_loader !== null);
}

// Resolves once `tag`'s tables are here (true), or could not be loaded (false).
export async function load_language(tag) {
    const matched = match_language(tag);
    if (!matched) return false;
    if (flat_tables.has(matched)) return true;
    const sections = await language_loader?.(matched).catch(() => null);
    if (sections) register_language(matched, sections);
    return flat_tables.has(matched);
}

export function language() {
    return current_language;
}

export function has_key(key, tag = source_language) {
    return flat_tables.get(tag)?.has(key) ?? false;
}

// The canonical tag for what a user or browser asks for ('de-AT' -> 'de',
// 'zh', 'zh-CN' -> 'zh-Hans'), or null when we do not have that language.
export function match_language(requested) {
    if (typeof requested !== 'string' || requested.length === 0 || requested.length > 35) return null;
    const lower = requested.toLowerCase();
    const available = available_languages();
    const exact = available.find((tag) => tag.toLowerCase() === lower);
    if (exact) return exact;
    const primary = lower.split(/[-_]/)[0];
    if (primary === 'zh') return available.includes('zh-Hans') && !/hant|tw|hk|mo/.test(lower) ? 'zh-Hans' : null;
    return available.find((tag) => tag.toLowerCase() === primary) ?? null;
}

function read_stored_language(storage) {
    try {
        return storage?.getItem(storage_key) ?? null;
    } catch {
        return null; // storage disabled (privacy mode, sandboxed iframe)
    }
}

// Choice order: ?lang= -> stored preference -> the browser's languages -> English.
// A ?lang= we do not have is reported once, in the language we fall back to.
export function choose_language({ url_language, storage, browser_languages = [] }) {
    if (url_language != null) {
        const matched = match_language(url_language);
        if (matched) return { tag: matched, notice: null };
        const fallback = choose_language({ url_language: null, storage, browser_languages }).tag;
        return {
            tag: fallback,
            notice: { key: 'common.language_unavailable', params: { requested: String(url_language).slice(0, 35) } },
        };
    }
    const stored = match_language(read_stored_language(storage));
    if (stored) return { tag: stored, notice: null };
    for (const candidate of browser_languages) {
        const matched = match_language(candidate);
        if (matched) return { tag: matched, notice: null };
    }
    return { tag: source_language, notice: null };
}

export function set_language(tag, { storage = null } = {}) {
    const matched = match_language(tag);
    if (!matched) return false;
    if (!flat_tables.has(matched)) {
        // Not loaded yet: switch once it is (the page stays in its language meanwhile).
        load_language(matched).then((loaded) => loaded && set_language(matched, { storage }));
        return true;
    }
    current_language = matched;
    if (storage) {
        try {
            storage.setItem(storage_key, matched);
        } catch {
            // Full or unavailable storage: the choice holds for this visit only.
        }
    }
    // One view that fails to redraw must not keep the others in the old language.
    for (const listener of listeners) {
        try {
            listener(matched);
        } catch (error) {
            console.error('ReLU Lab: a view failed to change language:', error); // i18n-exempt: console, for developers
        }
    }
    return true;
}

export function take_language_notice() {
    const notice = pending_notice;
    pending_notice = null;
    return notice;
}

export function remember_language_notice(notice) {
    pending_notice = notice;
}

export function on_language_change(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
}

const number_formats = new Map();
// Numbers in the learner's conventions (decimal comma in de, es, it).
// use_grouping: false prints 2012, not 2,012 (years, and numbers a learner types back).
export function format_number(
    value,
    { maximum_fraction_digits = 4, minimum_fraction_digits = 0, use_grouping = true } = {}
) {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return '+∞';
    if (value === -Infinity) return '−∞';
    // Tiny and huge magnitudes in scientific notation, so 1e-40 does not read as 0.
    const magnitude = Math.abs(value);
    const scientific = magnitude !== 0 && (magnitude < 10 ** -maximum_fraction_digits || magnitude >= 1e9);
    const key = `${current_language}|${maximum_fraction_digits}|${minimum_fraction_digits}|${scientific}|${use_grouping}`;
    let format = number_formats.get(key);
    if (!format) {
        format = new Intl.NumberFormat(
            current_language,
            scientific
                ? { notation: 'scientific', maximumFractionDigits: 3 }
                : {
                      maximumFractionDigits: maximum_fraction_digits,
                      minimumFractionDigits: minimum_fraction_digits,
                      useGrouping: use_grouping,
                  }
        );
        number_formats.set(key, format);
    }
    if (Object.is(value, -0)) return `−${format.format(0)}`;
    return format.format(value);
}

// t('explorer.param_label', { name: 'alpha' }): "{name}" placeholders are filled with
// params (numbers formatted for the language). A key missing in the current language
// falls back to English; a key missing everywhere shows the key itself, so a gap is
// visible and the tests can find it.
export function t(key, params = {}) {
    const text = flat_tables.get(current_language)?.get(key) ?? flat_tables.get(source_language)?.get(key);
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => {
        if (!(name in params)) return whole;
        const value = params[name];
        return typeof value === 'number' ? format_number(value) : String(value);
    });
}

// Fills every element under root that names a key:
//   data-i18n="key"                      -> textContent
//   data-i18n-attr="aria-label:key;title:key2" -> attributes
export function apply_translations(root) {
    for (const element of root.querySelectorAll('[data-i18n]')) {
        element.textContent = t(element.dataset.i18n);
    }
    for (const element of root.querySelectorAll('[data-i18n-attr]')) {
        for (const pair of element.dataset.i18nAttr.split(';')) {
            const [attribute, key] = pair.split(':').map((s) => s.trim());
            if (attribute && key) element.setAttribute(attribute, t(key));
        }
    }
}

export const i18n_storage_key = storage_key;
