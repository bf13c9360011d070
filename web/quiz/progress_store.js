// The learner's quiz progress in browser storage (localStorage works from file:// too),
// one record per bank id: the Leitner schedule and the last session's score. Versioned,
// read defensively (a damaged record is set aside with a message, never trusted), and
// exportable/importable as a JSON file.
import { is_quota_error } from '../shell/storage.js';
import { is_plain_object } from './param_spec.js';
import { empty_schedule, is_time_ms, merge_schedules, sanitize_schedule } from './scheduler.js';

export const progress_storage_key = 'relu-lab.quiz.progress';
export const progress_format = 'relu-lab-quiz-progress';
export const progress_version = 1;
const max_import_chars = 2_000_000;

export function empty_progress() {
    return { format: progress_format, version: progress_version, banks: {} };
}

// { schedule, last_session: { score, max_score, percent, finished_ms } | null,
//   attempts (only when there are any): [{ score, max_score, percent, finished_ms }] }
export function bank_progress(progress, bank_id) {
    const stored = Object.hasOwn(progress.banks, bank_id) ? progress.banks[bank_id] : null;
    return stored ?? { schedule: empty_schedule(), last_session: null };
}

export function with_bank_progress(progress, bank_id, record) {
    return { ...progress, banks: { ...progress.banks, [bank_id]: record } };
}

// Where the progress of one learner of a learning platform is kept: apart from the page's
// own key and from every other learner's (a platform serves all its packages from one
// origin, and several learners may share a computer). Ids are the platform's text;
// encodeURIComponent keeps different ids apart.
export function learner_progress_key(learner_id) {
    return `${progress_storage_key}.learner.${encodeURIComponent(String(learner_id))}`;
}

// A last session as it can be trusted: whole-point scores that add up, a percent from
// 0 to 100, and a time Date can hold. Anything else -> null.
export function sanitize_last_session(s) {
    if (!is_plain_object(s)) return null;
    const ok =
        Number.isInteger(s.score) &&
        Number.isInteger(s.max_score) &&
        s.score >= 0 &&
        s.score <= s.max_score &&
        Number.isFinite(s.percent) &&
        s.percent >= 0 &&
        s.percent <= 100 &&
        is_time_ms(s.finished_ms);
    return ok ? { score: s.score, max_score: s.max_score, percent: s.percent, finished_ms: s.finished_ms } : null;
}

// Graded attempts of a quiz with rules (quiz_rules.js): at most this many, the newest.
// An attempt is stored when it starts (0 points; its finished_ms is its start) and its
// score grows with each right answer: leaving an attempt early does not give it back.
export const max_kept_attempts = 40;

// The attempt that started at started_ms, now with `score` points.
export function with_attempt_score(attempts, started_ms, score) {
    return attempts.map((a) =>
        a.finished_ms === started_ms
            ? { ...a, score, percent: a.max_score ? Math.round((100 * score) / a.max_score) : 0 }
            : a
    );
}

// A list of attempts as it can be trusted: each one a last session that adds up, in
// time order, the newest max_kept_attempts.
export function sanitize_attempts(list) {
    if (!Array.isArray(list)) return [];
    return list
        .slice(-4 * max_kept_attempts)
        .map(sanitize_last_session)
        .filter(Boolean)
        .sort((a, b) => a.finished_ms - b.finished_ms)
        .slice(-max_kept_attempts);
}

// Two copies of one bank's record (this browser's and a learning platform's) -> one:
// card by card the newer answer, and the later of the two last sessions.
export function merge_bank_records(local, other, { resolution_ms = 1 } = {}) {
    const a = local.last_session;
    const b = other.last_session;
    const step = (ms) => Math.round(ms / resolution_ms);
    const last_session = !b ? a : !a ? b : step(b.finished_ms) > step(a.finished_ms) ? b : a;
    const merged = { schedule: merge_schedules(local.schedule, other.schedule, { resolution_ms }), last_session };
    // Attempts of both sides; one started in the same step is one attempt, and of its two
    // copies the one with more points is the later (a score only grows within an attempt).
    const by_start = new Map();
    for (const attempt of [...(local.attempts ?? []), ...(other.attempts ?? [])]) {
        const key = step(attempt.finished_ms);
        const seen = by_start.get(key);
        if (!seen || attempt.score > seen.score) by_start.set(key, attempt);
    }
    if (by_start.size) merged.attempts = sanitize_attempts([...by_start.values()]);
    return merged;
}

// A parsed value -> a clean progress object, or null when it is not ours at all.
export function sanitize_progress(value) {
    if (
        !is_plain_object(value) ||
        value.format !== progress_format ||
        value.version !== progress_version ||
        !is_plain_object(value.banks)
    )
        return null;
    const out = empty_progress();
    for (const [bank_id, record] of Object.entries(value.banks)) {
        if (bank_id === '__proto__' || bank_id.length > 64 || !is_plain_object(record)) continue;
        out.banks[bank_id] = {
            schedule: sanitize_schedule(record.schedule),
            last_session: sanitize_last_session(record.last_session),
        };
        const attempts = sanitize_attempts(record.attempts);
        if (attempts.length) out.banks[bank_id].attempts = attempts;
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
// notice is null or a quiz.* message key; save() returns whether it was stored, and
// last_save_problem() why not: 'quiz.storage_full' when the quota is reached (what is
// stored stays readable), 'quiz.storage_unavailable' otherwise.
export function create_progress_store(storage, key = progress_storage_key) {
    let save_problem = null;
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
            if (!storage) {
                save_problem = 'quiz.storage_unavailable';
                return false;
            }
            try {
                storage.setItem(key, JSON.stringify(progress));
                save_problem = null;
                return true;
            } catch (error) {
                // Full or disabled: progress holds for this visit only.
                save_problem = is_quota_error(error) ? 'quiz.storage_full' : 'quiz.storage_unavailable';
                return false;
            }
        },
        last_save_problem: () => save_problem,
    };
}
