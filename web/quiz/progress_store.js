// The learner's quiz progress in browser storage (localStorage works from file:// too),
// one record per bank id: the Leitner schedule and the last session's score. Versioned,
// read defensively (a damaged record is set aside with a message, never trusted), and
// exportable/importable as a JSON file.
import { is_plain_object } from './param_spec.js';
import { empty_schedule, sanitize_schedule } from './scheduler.js';

export const progress_storage_key = 'relu-lab.quiz.progress';
export const progress_format = 'relu-lab-quiz-progress';
export const progress_version = 1;
const max_import_chars = 2_000_000;

export function empty_progress() {
    return { format: progress_format, version: progress_version, banks: {} };
}

// { schedule, last_session: { score, max_score, percent, finished_ms } | null }
export function bank_progress(progress, bank_id) {
    const stored = Object.hasOwn(progress.banks, bank_id) ? progress.banks[bank_id] : null;
    return stored ?? { schedule: empty_schedule(), last_session: null };
}

export function with_bank_progress(progress, bank_id, record) {
    return { ...progress, banks: { ...progress.banks, [bank_id]: record } };
}

// A parsed value -> a clean progress object, or null when it is not ours at all.
export function sanitize_progress(value) {
    if (!is_plain_object(value) || value.format !== progress_format || value.version !== progress_version || !is_plain_object(value.banks)) return null;
    const out = empty_progress();
    for (const [bank_id, record] of Object.entries(value.banks)) {
        if (bank_id === '__proto__' || bank_id.length > 64 || !is_plain_object(record)) continue;
        const s = record.last_session;
        const last_ok = is_plain_object(s) && [s.score, s.max_score, s.percent, s.finished_ms].every(Number.isFinite);
        out.banks[bank_id] = {
            schedule: sanitize_schedule(record.schedule),
            last_session: last_ok ? { score: s.score, max_score: s.max_score, percent: s.percent, finished_ms: s.finished_ms } : null,
        };
    }
    return out;
}

// Text from an import file -> { progress } or { problem } (a quiz.* message key).
export function parse_progress_text(text) {
    if (typeof text !== 'string' || text.length > max_import_chars) return { problem: 'quiz.import_not_progress' };
    try {
        const progress = sanitize_progress(JSON.parse(text));
        return progress ? { progress } : { problem: 'quiz.import_not_progress' };
    } catch {
        return { problem: 'quiz.import_not_progress' };
    }
}

export function progress_to_text(progress) {
    return `${JSON.stringify(progress, null, 1)}\n`;
}

// storage: a Storage or null (unavailable). load() returns { progress, notice } where
// notice is null or a quiz.* message key; save() returns whether it was stored.
export function create_progress_store(storage, key = progress_storage_key) {
    return {
        available: storage !== null,
        load() {
            if (!storage) return { progress: empty_progress(), notice: 'quiz.storage_unavailable' };
            let text;
            try {
                text = storage.getItem(key);
            } catch {
                return { progress: empty_progress(), notice: 'quiz.storage_unavailable' };
            }
            if (text === null) return { progress: empty_progress(), notice: null };
            const parsed = parse_progress_text(text);
            if (parsed.progress) return { progress: parsed.progress, notice: null };
            // Keep the damaged record aside (for a curious learner), then start afresh.
            try {
                storage.setItem(`${key}.damaged`, text.slice(0, max_import_chars));
            } catch {
                // Nowhere to keep it; it is replaced on the next save.
            }
            return { progress: empty_progress(), notice: 'quiz.storage_damaged' };
        },
        save(progress) {
            if (!storage) return false;
            try {
                storage.setItem(key, JSON.stringify(progress));
                return true;
            } catch {
                return false;  // full or disabled: progress holds for this visit only
            }
        },
    };
}
