// The quiz progress of one bank as SCORM 1.2 cmi.suspend_data, which holds at most 4,096
// characters. Compact JSON:
//   { "v": 1, "b": bank_id, "t": base_minute,
//     "c": [[question_id, box, due_minute - t, right, wrong, last_minute - t], ...],
//     "l": [score, max_score, percent, finished_minute - t] | null }
// Times are whole minutes since the epoch relative to t (spaced repetition works in days,
// so a minute is plenty). All 79 built-in questions fit in about 3,300 characters. When a
// bank is so large that it does not fit, the cards answered most recently are kept and
// the oldest dropped (they come back as new questions), and the last session always stays:
// the recent schedule is what the next session is chosen from.
import { sanitize_last_session } from '../quiz/progress_store.js';
import { sanitize_schedule } from '../quiz/scheduler.js';

export const suspend_data_max_chars = 4096;
export const suspend_data_version = 1;
const minute_ms = 60_000;

// record: { schedule, last_session } of the bank (progress_store.js bank_progress).
export function encode_suspend_data(bank_id, record, max_chars = suspend_data_max_chars) {
    const cards = Object.entries(record.schedule.cards).map(([id, c]) => ({ id, ...c }));
    const last = record.last_session;
    const minutes = (ms) => Math.round(ms / minute_ms);
    const times = [...cards.flatMap((c) => [c.due_ms, c.last_ms]), ...(last ? [last.finished_ms] : [])];
    const t = times.length ? minutes(Math.min(...times)) : 0;
    const head = { v: suspend_data_version, b: bank_id, t, l: last ? [last.score, last.max_score, last.percent, minutes(last.finished_ms) - t] : null };
    // Newest answers first, so a cut drops the oldest.
    cards.sort((a, b) => b.last_ms - a.last_ms || (a.id < b.id ? -1 : 1));
    const encoded = cards.map((c) => JSON.stringify([c.id, c.box, minutes(c.due_ms) - t, c.right, c.wrong, minutes(c.last_ms) - t]));
    const fixed_chars = JSON.stringify({ ...head, c: [] }).length;
    let used = fixed_chars;
    const kept = [];
    for (const card of encoded) {
        const extra = card.length + (kept.length ? 1 : 0);
        if (used + extra > max_chars) break;
        kept.push(card);
        used += extra;
    }
    if (fixed_chars > max_chars) return '';  // a bank id too long to store anything: store nothing
    const text = `{"v":${head.v},"b":${JSON.stringify(head.b)},"t":${head.t},"l":${JSON.stringify(head.l)},"c":[${kept.join(',')}]}`;
    return text;
}

// suspend_data text -> { bank_id, record: { schedule, last_session }, dropped } or null
// when it is empty, not ours or damaged. Values are checked as strictly as storage: a
// card or last session whose time falls outside the range of Date is dropped.
export function decode_suspend_data(text) {
    if (typeof text !== 'string' || text.length === 0 || text.length > suspend_data_max_chars) return null;
    let value;
    try {
        value = JSON.parse(text);
    } catch {
        return null;
    }
    if (value === null || typeof value !== 'object' || value.v !== suspend_data_version || typeof value.b !== 'string'
        || value.b.length > 64 || !Number.isInteger(value.t) || !Array.isArray(value.c)) return null;
    const t = value.t;
    const cards = {};
    let dropped = 0;
    for (const entry of value.c) {
        if (!Array.isArray(entry) || entry.length !== 6 || typeof entry[0] !== 'string' || entry[0] === '__proto__' || !entry.slice(1).every(Number.isInteger)) {
            dropped++;
            continue;
        }
        const [id, box, due, right, wrong, last] = entry;
        cards[id] = { box, due_ms: (t + due) * minute_ms, right, wrong, last_ms: (t + last) * minute_ms };
    }
    const schedule = sanitize_schedule({ cards });
    dropped += Object.keys(cards).length - Object.keys(schedule.cards).length;
    const l = value.l;
    const last_session = Array.isArray(l) && l.length === 4 && l.every(Number.isInteger)
        ? sanitize_last_session({ score: l[0], max_score: l[1], percent: l[2], finished_ms: (t + l[3]) * minute_ms })
        : null;
    return { bank_id: value.b, record: { schedule, last_session }, dropped };
}
