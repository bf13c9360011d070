// Settings an instructor fixes for a graded quiz, read from the page address
// (embed/embed_config.js) or from a package's meta tags (embed/package_options.js):
//   questions  1..40           questions per attempt; the learner cannot change it
//   topics     definition:2,derivative:3,variants   built-in topic ids, each with how
//              many questions (1..40) or none: topics without a count share the rest
//   seed       1..2147483647   the same questions and drawn numbers for every learner
//   attempts   1..20           graded attempts; after the last, practice only
//   counts     best|last|mean  which attempt's score is reported
//   mastery    0..100          the pass mark in percent
// Every field is null when absent or invalid; invalid values are listed in `ignored`
// as name=value, like the embedding's other parameters.
import { builtin_topics } from './bank_schema.js';

export const quiz_setting_names = Object.freeze(['questions', 'topics', 'seed', 'attempts', 'counts', 'mastery']);
export const counting_rules = Object.freeze(['best', 'last', 'mean']);
export const quiz_setting_ranges = Object.freeze({
    questions: [1, 40],
    seed: [1, 2147483647],
    attempts: [1, 20],
    mastery: [0, 100],
});
export const max_topic_count = 40;
const max_raw_chars = 512;

function whole_number(text, [min, max]) {
    if (!/^\d{1,10}$/.test(text)) return null;
    const value = Number(text);
    return value >= min && value <= max ? value : null;
}

function parse_topics(raw, label, ignored) {
    const topics = [];
    for (const part of raw.slice(0, max_raw_chars).split(',')) {
        const item = part.trim().toLowerCase();
        if (item === '') continue;
        const [topic, count_text, ...rest] = item.split(':');
        const count = count_text === undefined ? null : whole_number(count_text.trim(), [1, max_topic_count]);
        const valid =
            rest.length === 0 && builtin_topics.includes(topic.trim()) && (count_text === undefined || count !== null);
        if (!valid) ignored.push(`${label}=${item.slice(0, 32)}`);
        else if (!topics.some((t) => t.topic === topic.trim()))
            topics.push(Object.freeze({ topic: topic.trim(), count }));
    }
    return topics.length ? Object.freeze(topics) : null;
}

// read(name) -> the raw text of one setting or null; labels: name -> how it is written
// where it came from (for `ignored`). Returns the frozen settings.
export function parse_quiz_settings(read, ignored, labels) {
    const settings = {};
    for (const name of quiz_setting_names) {
        const raw = read(name);
        settings[name] = null;
        if (raw === null || raw === undefined || String(raw).trim() === '') continue;
        const text = String(raw).trim().slice(0, max_raw_chars);
        if (name === 'topics') {
            settings.topics = parse_topics(text, labels.topics, ignored);
            continue;
        }
        const value =
            name === 'counts'
                ? counting_rules.includes(text.toLowerCase())
                    ? text.toLowerCase()
                    : null
                : whole_number(text, quiz_setting_ranges[name]);
        if (value === null) ignored.push(`${labels[name]}=${text.slice(0, 32)}`);
        settings[name] = value;
    }
    return Object.freeze(settings);
}

// Field by field, a packaged value wins over one from the address.
export function merge_quiz_settings(address, packaged) {
    const merged = {};
    for (const name of quiz_setting_names) merged[name] = packaged?.[name] ?? address?.[name] ?? null;
    return Object.freeze(merged);
}

// Whether an instructor fixed anything at all (then the rules box is shown).
export function has_quiz_settings(settings) {
    return quiz_setting_names.some((name) => settings?.[name] !== null && settings?.[name] !== undefined);
}
