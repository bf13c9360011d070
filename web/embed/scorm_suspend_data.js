// The quiz progress of one bank, and the chapters read in Learn, as cmi.suspend_data:
// at most 4,096 characters in SCORM 1.2 and 64,000 in SCORM 2004 4th edition. Compact JSON:
//   { "v": 1, "b": bank_id, "t": base_minute,
//     "c": [[question_id, box, due_minute - t, right, wrong, last_minute - t], ...],
//     "l": [score, max_score, percent, finished_minute - t] | null,
//     "r": [[chapter_id, ...], last_chapter_id | null],        (optional: Learn)
//     "a": [[score, max_score, percent, finished_minute - t], ...] }  (optional: graded attempts)
// Times are whole minutes since the epoch relative to t (spaced repetition works in days,
// so a minute is plenty). A card takes about 40 characters: all 79 built-in questions fit
// in about 3,300 characters, and SCORM 1.2 holds about 100 cards, SCORM 2004 about 1,600
// (tests/js/scorm_suspend_data.test.js measures both). When the cards do not fit, the
// ones answered most recently are kept and the oldest dropped (they come back as new
// questions); the last session and the chapters read always stay: they are small, and
// the recent schedule is what the next session is chosen from.
import { sanitize_attempts, sanitize_last_session } from '../quiz/progress_store.js';
import { sanitize_schedule } from '../quiz/scheduler.js';

export const suspend_data_max_chars_scorm12 = 4096;
export const suspend_data_max_chars_scorm2004 = 64_000;
export const suspend_data_version = 1;
const max_reading_chapters = 64;
const chapter_id_pattern = /^[a-z][a-z0-9_-]{0,47}$/;
const minute_ms = 60_000;

// Learn's reading progress { read: [chapter ids], last } -> the "r" value, or null.
function reading_value(reading) {
    if (!reading || !Array.isArray(reading.read)) return null;
    const read = reading.read
        .filter((id) => typeof id === 'string' && chapter_id_pattern.test(id))
        .slice(0, max_reading_chapters);
    const last = typeof reading.last === 'string' && chapter_id_pattern.test(reading.last) ? reading.last : null;
    return [read, last];
}

// record: { schedule, last_session } of the bank (progress_store.js bank_progress);
// reading: Learn's { read, last } or null.
export function encode_suspend_data(
    bank_id,
    record,
    max_chars = suspend_data_max_chars_scorm12,
    { reading = null } = {}
) {
    const cards = Object.entries(record.schedule.cards).map(([id, c]) => ({ id, ...c }));
    const last = record.last_session;
    const minutes = (ms) => Math.round(ms / minute_ms);
    const attempts = record.attempts ?? [];
    const times = [
        ...cards.flatMap((c) => [c.due_ms, c.last_ms]),
        ...(last ? [last.finished_ms] : []),
        ...attempts.map((a) => a.finished_ms),
    ];
    const t = times.length ? minutes(Math.min(...times)) : 0;
    const r = reading_value(reading);
    const head = {
        v: suspend_data_version,
        b: bank_id,
        t,
        l: last ? [last.score, last.max_score, last.percent, minutes(last.finished_ms) - t] : null,
        ...(r ? { r } : {}),
        ...(attempts.length
            ? { a: attempts.map((x) => [x.score, x.max_score, x.percent, minutes(x.finished_ms) - t]) }
            : {}),
    };
    // Newest answers first, so a cut drops the oldest.
    cards.sort((a, b) => b.last_ms - a.last_ms || (a.id < b.id ? -1 : 1));
    const encoded = cards.map((c) =>
        JSON.stringify([c.id, c.box, minutes(c.due_ms) - t, c.right, c.wrong, minutes(c.last_ms) - t])
    );
    const fixed_chars = JSON.stringify({ ...head, c: [] }).length;
    let used = fixed_chars;
    const kept = [];
    for (const card of encoded) {
        const extra = card.length + (kept.length ? 1 : 0);
        if (used + extra > max_chars) break;
        kept.push(card);
        used += extra;
    }
    if (fixed_chars > max_chars) return ''; // a bank id too long to store anything: store nothing
    const text = `{"v":${head.v},"b":${JSON.stringify(head.b)},"t":${head.t},"l":${JSON.stringify(head.l)},${r ? `"r":${JSON.stringify(r)},` : ''}${head.a ? `"a":${JSON.stringify(head.a)},` : ''}"c":[${kept.join(',')}]}`;
    return text;
}

// suspend_data text -> { bank_id, record: { schedule, last_session }, reading, dropped }
// or null when it is empty, not ours or damaged (reading: { read, last } or null when
// the text has none). Values are checked as strictly as storage: a card or last session
// whose time falls outside the range of Date is dropped.
export function decode_suspend_data(text) {
    if (typeof text !== 'string' || text.length === 0 || text.length > suspend_data_max_chars_scorm2004) return null;
    let value;
    try {
        value = JSON.parse(text);
    } catch {
        return null;
    }
    if (
        value === null ||
        typeof value !== 'object' ||
        value.v !== suspend_data_version ||
        typeof value.b !== 'string' ||
        value.b.length > 64 ||
        !Number.isInteger(value.t) ||
        !Array.isArray(value.c)
    )
        return null;
    const t = value.t;
    const cards = {};
    let dropped = 0;
    for (const entry of value.c) {
        if (
            !Array.isArray(entry) ||
            entry.length !== 6 ||
            typeof entry[0] !== 'string' ||
            entry[0] === '__proto__' ||
            !entry.slice(1).every(Number.isInteger)
        ) {
            dropped++;
            continue;
        }
        const [id, box, due, right, wrong, last] = entry;
        cards[id] = { box, due_ms: (t + due) * minute_ms, right, wrong, last_ms: (t + last) * minute_ms };
    }
    const schedule = sanitize_schedule({ cards });
    dropped += Object.keys(cards).length - Object.keys(schedule.cards).length;
    const l = value.l;
    const last_session =
        Array.isArray(l) && l.length === 4 && l.every(Number.isInteger)
            ? sanitize_last_session({
                  score: l[0],
                  max_score: l[1],
                  percent: l[2],
                  finished_ms: (t + l[3]) * minute_ms,
              })
            : null;
    const r =
        Array.isArray(value.r) && value.r.length === 2 && Array.isArray(value.r[0])
            ? reading_value({ read: value.r[0], last: value.r[1] })
            : null;
    const reading = r ? { read: r[0], last: r[1] } : null;
    const record = { schedule, last_session };
    if (Array.isArray(value.a)) {
        const attempts = sanitize_attempts(
            value.a
                .filter((x) => Array.isArray(x) && x.length === 4 && x.every(Number.isInteger))
                .map(([score, max_score, percent, finished]) => ({
                    score,
                    max_score,
                    percent,
                    finished_ms: (t + finished) * minute_ms,
                }))
        );
        if (attempts.length) record.attempts = attempts;
    }
    return { bank_id: value.b, record, reading, dropped };
}
