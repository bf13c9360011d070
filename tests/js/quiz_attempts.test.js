// Graded attempts are kept per learner with the quiz progress (issue 20): they survive a
// reload (storage), come back from a learning platform's suspend_data and merge with this
// browser's without counting one attempt twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decode_suspend_data, encode_suspend_data } from '../../web/embed/scorm_suspend_data.js';
import {
    bank_progress,
    create_progress_store,
    empty_progress,
    merge_bank_records,
    parse_progress_text,
    progress_to_text,
    with_attempt_score,
    with_bank_progress,
} from '../../web/quiz/progress_store.js';

const minute_ms = 60_000;
const t0 = 29_000_000 * minute_ms;
const attempt = (percent, minutes) => ({
    score: percent / 20,
    max_score: 5,
    percent,
    finished_ms: t0 + minutes * minute_ms,
});

function memory_storage() {
    const map = new Map();
    return {
        getItem: (k) => map.get(k) ?? null,
        setItem: (k, v) => map.set(k, String(v)),
        removeItem: (k) => map.delete(k),
    };
}

test('attempts are stored, read back, and a record without any has none', () => {
    const storage = memory_storage();
    const store = create_progress_store(storage);
    const record = { schedule: { cards: {} }, last_session: null, attempts: [attempt(40, 1), attempt(80, 2)] };
    store.save(with_bank_progress(empty_progress(), 'relu-lab-core', record));
    const loaded = bank_progress(create_progress_store(storage).load().progress, 'relu-lab-core');
    assert.deepEqual(loaded.attempts, record.attempts);
    assert.deepEqual(bank_progress(empty_progress(), 'x').attempts ?? [], []);
    // Export and import keep them too.
    const text = progress_to_text(with_bank_progress(empty_progress(), 'b', record));
    assert.deepEqual(parse_progress_text(text).progress.banks.b.attempts, record.attempts);
});

test('attempts that do not add up are dropped; the list is capped at the newest 40', () => {
    const text = JSON.stringify({
        format: 'relu-lab-quiz-progress',
        version: 1,
        banks: {
            b: {
                schedule: { cards: {} },
                last_session: null,
                attempts: [
                    attempt(60, 1),
                    { score: 9, max_score: 5, percent: 180, finished_ms: t0 },
                    'x',
                    attempt(100, 3),
                ],
            },
        },
    });
    assert.deepEqual(parse_progress_text(text).progress.banks.b.attempts, [attempt(60, 1), attempt(100, 3)]);
    const many = Array.from({ length: 45 }, (_, i) => attempt(20, i));
    const capped = parse_progress_text(
        JSON.stringify({
            format: 'relu-lab-quiz-progress',
            version: 1,
            banks: { b: { schedule: { cards: {} }, attempts: many } },
        })
    ).progress.banks.b.attempts;
    assert.equal(capped.length, 40);
    assert.equal(capped[0].finished_ms, many[5].finished_ms);
});

test('merge: the attempts of both sides, one attempt seen on both sides counted once', () => {
    const local = { schedule: { cards: {} }, last_session: null, attempts: [attempt(40, 1), attempt(80, 5)] };
    // The platform keeps minutes: the same attempt comes back a few seconds off.
    const platform = {
        schedule: { cards: {} },
        last_session: null,
        attempts: [{ ...attempt(40, 1), finished_ms: t0 + minute_ms + 20_000 }, attempt(100, 9)],
    };
    const merged = merge_bank_records(local, platform, { resolution_ms: minute_ms });
    assert.deepEqual(
        merged.attempts.map((a) => a.percent),
        [40, 80, 100]
    );
    assert.equal(merge_bank_records(local, { schedule: { cards: {} }, last_session: null }).attempts.length, 2);
});

test('an attempt counts from its start: the copy with more points is the later one', () => {
    // An attempt is stored when it starts (0 points) and its score grows with each right
    // answer, so leaving it early does not give it back; the same attempt on both sides
    // (same start) keeps the copy with more points.
    const started = { score: 0, max_score: 5, percent: 0, finished_ms: t0 + minute_ms };
    const further = { score: 3, max_score: 5, percent: 60, finished_ms: t0 + minute_ms };
    const merged = merge_bank_records(
        { schedule: { cards: {} }, last_session: null, attempts: [further] },
        { schedule: { cards: {} }, last_session: null, attempts: [started] },
        { resolution_ms: minute_ms }
    );
    assert.deepEqual(merged.attempts, [further]);
    const other_way = merge_bank_records(
        { schedule: { cards: {} }, last_session: null, attempts: [started] },
        { schedule: { cards: {} }, last_session: null, attempts: [further] },
        { resolution_ms: minute_ms }
    );
    assert.deepEqual(other_way.attempts, [further]);
    assert.deepEqual(with_attempt_score([started], started.finished_ms, 4), [
        { score: 4, max_score: 5, percent: 80, finished_ms: started.finished_ms },
    ]);
});

test('suspend_data carries the attempts, to the minute, and text without them reads as none', () => {
    const record = { schedule: { cards: {} }, last_session: null, attempts: [attempt(40, 1), attempt(80, 2)] };
    const text = encode_suspend_data('relu-lab-core', record);
    assert.deepEqual(decode_suspend_data(text).record.attempts, record.attempts);
    const plain = encode_suspend_data('relu-lab-core', { schedule: { cards: {} }, last_session: null });
    assert.equal(decode_suspend_data(plain).record.attempts, undefined);
    // Damaged entries are dropped.
    const damaged = text.replace('"a":[[', '"a":[["x",1],[');
    assert.deepEqual(decode_suspend_data(damaged).record.attempts, record.attempts);
});
