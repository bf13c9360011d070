// Quiz progress and Learn's chapters read in cmi.suspend_data (<= 4,096 characters in
// SCORM 1.2, 64,000 in SCORM 2004): a round trip keeps every card to the minute, the whole
// built-in bank fits, a bank too large keeps the newest cards, the last session and the
// chapters read, how many cards each version holds is measured, and damaged text is
// refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
    decode_suspend_data,
    encode_suspend_data,
    suspend_data_max_chars_scorm12 as suspend_data_max_chars,
    suspend_data_max_chars_scorm2004,
} from '../../web/embed/scorm_suspend_data.js';
import { scorm_timespan } from '../../web/embed/scorm12_runtime.js';
import { create_rng } from '../../web/common/seeded_rng.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const minute_ms = 60_000;
const day_ms = 24 * 60 * minute_ms;
const start_ms = Date.UTC(2026, 10, 1, 9, 0); // whole minutes, so the round trip is exact

// A record as the quiz keeps it, with every card answered at some point (seeded).
function full_record(ids, seed) {
    console.log(`seed ${seed}`);
    const rng = create_rng(seed);
    const cards = {};
    ids.forEach((id, i) => {
        const last_ms = start_ms + i * 37 * minute_ms;
        const box = 1 + Math.floor(rng.next() * 5);
        cards[id] = {
            box,
            due_ms: last_ms + (box - 1) * 3 * day_ms,
            right: Math.floor(rng.next() * 9),
            wrong: Math.floor(rng.next() * 9),
            last_ms,
        };
    });
    return {
        schedule: { cards },
        last_session: { score: 4, max_score: 5, percent: 80, finished_ms: start_ms + 90 * day_ms },
    };
}

test('the whole built-in bank round-trips within 4,096 characters', () => {
    const bank = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));
    const record = full_record(
        bank.questions.map((q) => q.id),
        12345
    );
    const text = encode_suspend_data(bank.id, record);
    console.log(`${bank.questions.length} cards: ${text.length} characters`);
    assert.ok(text.length <= suspend_data_max_chars, `${text.length} characters`);
    const decoded = decode_suspend_data(text);
    assert.equal(decoded.bank_id, bank.id);
    assert.equal(decoded.dropped, 0);
    assert.deepEqual(decoded.record, record);
});

test('a bank too big keeps the most recently answered cards and the last session', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `instructor-question-${String(i).padStart(3, '0')}`);
    const record = full_record(ids, 777);
    const text = encode_suspend_data('big-bank', record);
    assert.ok(
        text.length <= suspend_data_max_chars && text.length > suspend_data_max_chars - 80,
        `${text.length} characters`
    );
    const decoded = decode_suspend_data(text);
    const kept = Object.keys(decoded.record.schedule.cards).sort();
    assert.ok(kept.length > 50 && kept.length < 400, `${kept.length} kept`);
    // The cards are answered in id order (last_ms grows with the index): the newest are the last ids.
    assert.deepEqual(kept, ids.slice(ids.length - kept.length));
    for (const id of kept) assert.deepEqual(decoded.record.schedule.cards[id], record.schedule.cards[id]);
    assert.deepEqual(decoded.record.last_session, record.last_session);
});

// How many cards with typical counters fit, for each version's limit.
function cards_that_fit(max_chars, reading) {
    const ids = Array.from({ length: 3000 }, (_, i) => `question-${String(i).padStart(4, '0')}`);
    const record = full_record(ids, 4242);
    const decoded = decode_suspend_data(encode_suspend_data('relu-lab-core', record, max_chars, { reading }));
    return { kept: Object.keys(decoded.record.schedule.cards).length, decoded, record, ids };
}

test('how many cards each version holds: the newest kept, the last session and the chapters read always', () => {
    const reading = {
        read: [
            'definition',
            'derivative',
            'why_relu',
            'sigmoid_tanh',
            'problems',
            'variants',
            'cnn',
            'initialisation',
            'history',
        ],
        last: 'history',
    };
    const v12 = cards_that_fit(suspend_data_max_chars, reading);
    const v2004 = cards_that_fit(suspend_data_max_chars_scorm2004, reading);
    console.log(`cards that fit with 9 chapters read: SCORM 1.2 ${v12.kept}, SCORM 2004 ${v2004.kept}`);
    assert.ok(v12.kept >= 79, "the whole built-in bank fits in SCORM 1.2 with Learn's progress");
    assert.ok(v2004.kept > 10 * v12.kept, `${v2004.kept} vs ${v12.kept}`);
    for (const { kept, decoded, record, ids } of [v12, v2004]) {
        assert.deepEqual(
            Object.keys(decoded.record.schedule.cards).sort(),
            ids.slice(ids.length - kept),
            'the newest cards'
        );
        assert.deepEqual(decoded.record.last_session, record.last_session);
        assert.deepEqual(decoded.reading, reading);
    }
    assert.ok(
        encode_suspend_data('relu-lab-core', v2004.record, suspend_data_max_chars_scorm2004, { reading }).length <=
            suspend_data_max_chars_scorm2004
    );
});

test("Learn's reading progress: unknown shapes and ids are dropped, text without it reads as null", () => {
    const record = { schedule: { cards: {} }, last_session: null };
    const text = encode_suspend_data('b', record, suspend_data_max_chars, {
        reading: { read: ['definition', 'Not An Id', 42], last: '<script>' },
    });
    assert.deepEqual(decode_suspend_data(text).reading, { read: ['definition'], last: null });
    assert.equal(decode_suspend_data(encode_suspend_data('b', record)).reading, null);
    for (const r of ['"x"', '[1,2]', '[["a"]]', 'null'])
        assert.equal(decode_suspend_data(`{"v":1,"b":"x","t":0,"l":null,"r":${r},"c":[]}`).reading, null, r);
});

test('times are kept to the minute', () => {
    const record = {
        schedule: {
            cards: {
                a: { box: 2, due_ms: start_ms + day_ms + 29_999, right: 1, wrong: 0, last_ms: start_ms + 30_001 },
            },
        },
        last_session: null,
    };
    const decoded = decode_suspend_data(encode_suspend_data('b', record));
    assert.deepEqual(decoded.record.schedule.cards.a, {
        box: 2,
        due_ms: start_ms + day_ms,
        right: 1,
        wrong: 0,
        last_ms: start_ms + minute_ms,
    });
    assert.equal(decoded.record.last_session, null);
});

test('an empty record encodes to a short text and back', () => {
    const text = encode_suspend_data('relu-lab-core', { schedule: { cards: {} }, last_session: null });
    assert.equal(text, '{"v":1,"b":"relu-lab-core","t":0,"l":null,"c":[]}');
    assert.deepEqual(decode_suspend_data(text).record, { schedule: { cards: {} }, last_session: null });
});

test('damaged or foreign suspend_data is refused; bad cards are dropped and counted', () => {
    for (const text of [
        '',
        'not json',
        '{"v":2,"b":"x","t":0,"c":[]}',
        '[]',
        'x'.repeat(5000),
        `{"v":1,"b":"x","t":0,"l":null,"c":[],"p":"${'x'.repeat(64_000)}"}`,
        null,
        '{"v":1,"b":"x","t":0.5,"c":[]}',
    ]) {
        assert.equal(decode_suspend_data(text), null, String(text).slice(0, 30));
    }
    const decoded = decode_suspend_data(
        '{"v":1,"b":"x","t":100,"l":null,"c":[["ok",1,0,0,1,0],["bad box",9,0,0,0,0],["short",1],[1,2,3,4,5,6],["__proto__",1,0,0,0,0]]}'
    );
    assert.deepEqual(Object.keys(decoded.record.schedule.cards), ['ok']);
    assert.equal(decoded.dropped, 4);
});

test('session time as a SCORM 1.2 timespan', () => {
    assert.equal(scorm_timespan(0), '0000:00:00.00');
    assert.equal(scorm_timespan(((2 * 60 + 3) * 60 + 4.56) * 1000), '0002:03:04.56'); // 2 h 3 min 4.56 s
    assert.equal(scorm_timespan(59_999), '0000:01:00.00'); // 59.999 s rounds to a whole minute
    assert.equal(scorm_timespan(1e12), '9999:46:40.00'); // hours capped
});

test('times outside the range of Date are refused: the card or the last session, not the rest', () => {
    // Whole minutes; Date ends at 8.64e15 ms = 144,000,000,000 minutes.
    const last_minute = 144_000_000_000;
    for (const [t, due, last, finished] of [
        [1e20, 0, 0, 0], // a huge base time: every card and the last session are out
        [-1e20, 0, 0, 0],
        [0, 1e20, 0, 0], // one card's due time
        [0, 0, -1e20, 0], // one card's last answer
        [0, 0, 0, 1e20], // the last session alone
        [0, last_minute + 1, 0, 0],
    ]) {
        const text = JSON.stringify({
            v: 1,
            b: 'x',
            t,
            l: [1, 2, 50, finished],
            c: [
                ['hostile', 2, due, 1, 0, last],
                ['ok', 2, 0, 1, 0, 0],
            ],
        });
        const decoded = decode_suspend_data(text);
        const label = JSON.stringify([t, due, last, finished]);
        const base_ok = Math.abs(t) < 1e15;
        assert.deepEqual(
            Object.keys(decoded.record.schedule.cards),
            base_ok ? (due || last ? ['ok'] : ['hostile', 'ok']) : [],
            label
        );
        assert.equal(decoded.record.last_session === null, !base_ok || finished !== 0, label);
    }
    // Non-numbers never pass (JSON has no NaN or Infinity; strings and nulls are refused).
    for (const bad of ['"5"', 'null', '1.5']) {
        const decoded = decode_suspend_data(`{"v":1,"b":"x","t":0,"l":[1,2,50,${bad}],"c":[["a",2,${bad},1,0,0]]}`);
        assert.deepEqual(decoded.record, { schedule: { cards: {} }, last_session: null }, bad);
    }
    // A last session that does not add up is refused as storage refuses it.
    assert.equal(decode_suspend_data('{"v":1,"b":"x","t":0,"l":[3,2,150,0],"c":[]}').record.last_session, null);
});
