// What an embedding asks for, read from the page address:
//   ?sections=quiz,explorer  page sections to show (ids of <section class="page-section">)
//   &lab=dying_relu          one lab inside the labs section (implies sections=labs)
//   &lang=de                 language (the i18n layer reads it too)
//   &preset=small            trainer preset
//   &lock=language,preset    controls (data-control="<name>") shown but not changeable
//   &hide=nav                controls not shown
//   &show=header,quiz_bank   instructor tools that an embedding of chosen sections hides by
//                            default, shown after all (instructor_tools.js)
//   &parent_origin=https://lms.example.org   talk to this parent origin only (default: any);
//                            a value that is not a bare http(s) origin is refused, and
//                            then the page talks to no parent at all (parent_messages.js)
//   &quiz_questions=10&quiz_topics=definition:2,variants&quiz_seed=42&quiz_attempts=2
//   &quiz_counts=best&mastery=80   a graded quiz's rules (quiz/quiz_settings.js), as `quiz`
// Values are validated here and nowhere else: a name is a short lower-case identifier,
// lists are capped, and nothing read here is ever given to innerHTML. What is dropped
// is listed in `ignored`, for one console warning (see embed.js); a refused
// parent_origin is kept apart, as parent_origin_refused, for a warning of its own.
import { parse_quiz_settings } from '../quiz/quiz_settings.js';

const max_search_chars = 2048;
const max_list_items = 16;
const name_pattern = /^[a-z][a-z0-9_-]{0,31}$/;
const lab_pattern = /^[a-z][a-z0-9_-]{0,47}$/;
const lang_pattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

// The quiz settings' names in the address (quiz.<name> in the config).
const quiz_address_names = Object.freeze({
    questions: 'quiz_questions',
    topics: 'quiz_topics',
    seed: 'quiz_seed',
    attempts: 'quiz_attempts',
    counts: 'quiz_counts',
    mastery: 'mastery',
});

function parse_list(raw, field, ignored) {
    if (raw === null) return null;
    const items = [];
    for (const part of raw.slice(0, 512).split(',')) {
        const name = part.trim().toLowerCase();
        if (name === '') continue;
        if (!name_pattern.test(name)) ignored.push(`${field}=${name.slice(0, 32)}`);
        else if (items.length >= max_list_items) ignored.push(`${field}=${name}`);
        else if (!items.includes(name)) items.push(name);
    }
    return items;
}

function parse_single(raw, pattern, field, ignored) {
    if (raw === null || raw.trim() === '') return null;
    const value = raw.trim().slice(0, 64);
    if (pattern.test(value)) return value;
    ignored.push(`${field}=${value.slice(0, 32)}`);
    return null;
}

// -> { origin, refused }: the origin, or the refused value (cut to 128 characters).
function parse_origin(raw) {
    if (raw === null || raw === '') return { origin: null, refused: null };
    try {
        const url = new URL(raw.slice(0, 256));
        if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === raw.replace(/\/$/, ''))
            return { origin: url.origin, refused: null };
    } catch {
        // not a URL: refused below
    }
    return { origin: null, refused: raw.slice(0, 128) };
}

function is_framed(win) {
    try {
        return win.parent !== win;
    } catch {
        return true; // a cross-origin parent that even refuses the comparison
    }
}

// embed_config(location.search, { known_sections, win }) -> frozen config:
//   { sections: string[] | null, lab, lang, preset, parent_origin: string | null,
//     parent_origin_refused: string | null, locked: Set, hidden: Set, shown: Set, framed: boolean,
//     quiz: { questions, topics, seed, attempts, counts, mastery }, ignored: string[] }
// known_sections (optional): section ids that exist; others are ignored.
export function embed_config(location_search, { known_sections = null, win = globalThis.window ?? null } = {}) {
    const ignored = [];
    const search = typeof location_search === 'string' ? location_search.slice(0, max_search_chars) : '';
    const params = new URLSearchParams(search);
    let sections = parse_list(params.get('sections'), 'sections', ignored);
    const lab = parse_single(params.get('lab'), lab_pattern, 'lab', ignored);
    if (sections && known_sections) {
        for (const id of sections) if (!known_sections.includes(id)) ignored.push(`sections=${id}`);
        sections = sections.filter((id) => known_sections.includes(id));
    }
    if (sections && sections.length === 0) sections = null; // nothing valid asked: show all
    if (!sections && lab && (!known_sections || known_sections.includes('labs'))) sections = ['labs'];
    const parent = parse_origin(params.get('parent_origin'));
    return Object.freeze({
        sections: sections && Object.freeze(sections),
        lab,
        lang: parse_single(params.get('lang'), lang_pattern, 'lang', ignored),
        preset: parse_single(params.get('preset'), name_pattern, 'preset', ignored),
        parent_origin: parent.origin,
        parent_origin_refused: parent.refused,
        locked: new Set(parse_list(params.get('lock'), 'lock', ignored) ?? []),
        hidden: new Set(parse_list(params.get('hide'), 'hide', ignored) ?? []),
        shown: new Set(parse_list(params.get('show'), 'show', ignored) ?? []),
        framed: win ? is_framed(win) : false,
        quiz: parse_quiz_settings((name) => params.get(quiz_address_names[name]), ignored, quiz_address_names),
        ignored: Object.freeze(ignored),
    });
}

let page_config = null;
// The configuration of this page, read once from its address. Sections read their own
// options here, e.g. page_embed_config().preset in the trainer, .lab in the labs.
export function page_embed_config() {
    page_config ??= embed_config(globalThis.location?.search ?? '');
    return page_config;
}
