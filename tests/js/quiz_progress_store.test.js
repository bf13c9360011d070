// Progress in browser storage: round trip, damaged or foreign records, storage that is
// missing or throws, export and import.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
    bank_progress,
    create_progress_store,
    empty_progress,
    learner_progress_key,
    merge_bank_records,
    parse_progress_text,
    progress_storage_key,
    progress_to_text,
    sanitize_progress,
    with_bank_progress,
} from '../../web/quiz/progress_store.js';
import { review } from '../../web/quiz/scheduler.js';

function memory_storage() {
    const map = new Map();
    return {
        map,
        getItem: (k) => (map.has(k) ? map.get(k) : null),
        setItem: (k, v) => map.set(k, String(v)),
        removeItem: (k) => map.delete(k),
    };
}

function sample_progress() {
    const record = bank_progress(empty_progress(), 'relu-lab-core');
    const schedule = review(review(record.schedule, 'def-formula', true, 1000), 'der-zero', false, 2000);
    return with_bank_progress(empty_progress(), 'relu-lab-core', {
        schedule,
        last_session: { score: 1, max_score: 2, percent: 50, finished_ms: 3000 },
    });
}

test('save then load gives the same progress', () => {
    const storage = memory_storage();
    const store = create_progress_store(storage);
    assert.deepEqual(store.load(), { progress: empty_progress(), notice: null });
    assert.equal(store.save(sample_progress()), true);
    assert.deepEqual(create_progress_store(storage).load(), { progress: sample_progress(), notice: null });
});

test('a damaged record is set aside with a message, never trusted', () => {
    for (const text of [
        '{not json',
        '[]',
        '{"format":"relu-lab-quiz-progress","version":99,"banks":{}}',
        '{"format":"other"}',
    ]) {
        const storage = memory_storage();
        storage.setItem(progress_storage_key, text);
        const { progress, notice } = create_progress_store(storage).load();
        assert.deepEqual(progress, empty_progress(), text);
        assert.equal(notice, 'quiz.storage_damaged');
        assert.equal(storage.getItem(`${progress_storage_key}.damaged`), text);
    }
    // Bad cards inside a good record are dropped, the rest is kept.
    const storage = memory_storage();
    const raw = JSON.parse(progress_to_text(sample_progress()));
    raw.banks['relu-lab-core'].schedule.cards.bogus = { box: 'high' };
    raw.banks['relu-lab-core'].last_session = { score: 'all' };
    storage.setItem(progress_storage_key, JSON.stringify(raw));
    const { progress } = create_progress_store(storage).load();
    assert.deepEqual(Object.keys(progress.banks['relu-lab-core'].schedule.cards).sort(), ['def-formula', 'der-zero']);
    assert.equal(progress.banks['relu-lab-core'].last_session, null);
});

test('no storage, or storage that throws: the quiz keeps working with a message', () => {
    const none = create_progress_store(null);
    assert.deepEqual(none.load(), { progress: empty_progress(), notice: 'quiz.storage_unavailable' });
    assert.equal(none.save(sample_progress()), false);
    const throwing = {
        getItem() {
            throw new Error('SecurityError');
        },
        setItem() {
            throw new Error('QuotaExceededError');
        },
        removeItem() {},
    };
    const store = create_progress_store(throwing);
    assert.deepEqual(store.load(), { progress: empty_progress(), notice: 'quiz.storage_unavailable' });
    assert.equal(store.save(sample_progress()), false);
});

test('export and import round trip; foreign files are refused', () => {
    const text = progress_to_text(sample_progress());
    assert.deepEqual(parse_progress_text(text), { progress: sample_progress() });
    for (const bad of ['', 'null', '{"banks": {}}', '<html>', 'x'.repeat(2_000_001)]) {
        assert.deepEqual(parse_progress_text(bad), { problem: 'quiz.import_not_progress' }, bad.slice(0, 20));
    }
    // A __proto__ bank id in an import file pollutes nothing.
    const hostile = text.replace('"relu-lab-core"', '"__proto__"');
    const { progress } = parse_progress_text(hostile);
    assert.deepEqual(Object.keys(progress.banks), []);
    assert.equal({}.schedule, undefined);
});

// A time outside Date's range (+-8.64e15 ms) or not a number, through every way progress
// comes in: an object, an import file's text, and what storage holds.
const hostile_times = [1e20, -1e20, NaN, Infinity, -Infinity, '1700000000000', null];

function progress_with_times({ card_due_ms = 5_000, card_last_ms = 4_000, finished_ms = 3_000 }) {
    return {
        format: 'relu-lab-quiz-progress',
        version: 1,
        banks: {
            'relu-lab-core': {
                schedule: {
                    cards: {
                        kept: { box: 2, due_ms: 5_000, right: 1, wrong: 0, last_ms: 4_000 },
                        hostile: { box: 2, due_ms: card_due_ms, right: 1, wrong: 0, last_ms: card_last_ms },
                    },
                },
                last_session: { score: 1, max_score: 2, percent: 50, finished_ms },
            },
        },
    };
}

test('times outside the range of Date are refused from objects, import files and storage', () => {
    for (const bad of hostile_times) {
        for (const field of ['card_due_ms', 'card_last_ms', 'finished_ms']) {
            const value = progress_with_times({ [field]: bad });
            const label = `${field} = ${String(bad)}`;
            // JSON has no NaN or Infinity: as text they arrive as null, which is refused too.
            const text = JSON.stringify(value);
            const storage = memory_storage();
            storage.setItem(progress_storage_key, text);
            const results = [
                sanitize_progress(value),
                parse_progress_text(text).progress,
                create_progress_store(storage).load().progress,
            ];
            for (const progress of results) {
                const record = progress.banks['relu-lab-core'];
                const session_is_hostile = field === 'finished_ms';
                assert.deepEqual(
                    Object.keys(record.schedule.cards),
                    session_is_hostile ? ['kept', 'hostile'] : ['kept'],
                    label
                );
                assert.equal(record.last_session === null, session_is_hostile, label);
            }
        }
    }
});

test('a last session that does not add up is refused', () => {
    for (const last of [
        { score: 3, max_score: 2, percent: 150, finished_ms: 3_000 },
        { score: -1, max_score: 2, percent: 0, finished_ms: 3_000 },
        { score: 1.5, max_score: 2, percent: 75, finished_ms: 3_000 },
        { score: 1, max_score: 2, percent: 1e20, finished_ms: 3_000 },
    ]) {
        const value = progress_with_times({});
        value.banks['relu-lab-core'].last_session = last;
        assert.equal(sanitize_progress(value).banks['relu-lab-core'].last_session, null, JSON.stringify(last));
    }
});

test('merge_bank_records: newer card and newer last session win, each on its own', () => {
    const older = { score: 1, max_score: 2, percent: 50, finished_ms: 1_000 };
    const newer = { score: 2, max_score: 2, percent: 100, finished_ms: 9_000 };
    const local = {
        schedule: { cards: { a: { box: 3, due_ms: 10, right: 2, wrong: 0, last_ms: 8_000 } } },
        last_session: older,
    };
    const platform = {
        schedule: {
            cards: {
                a: { box: 1, due_ms: 10, right: 1, wrong: 1, last_ms: 2_000 },
                b: { box: 2, due_ms: 10, right: 1, wrong: 0, last_ms: 2_000 },
            },
        },
        last_session: newer,
    };
    assert.deepEqual(merge_bank_records(local, platform), {
        schedule: { cards: { a: local.schedule.cards.a, b: platform.schedule.cards.b } },
        last_session: newer,
    });
    assert.deepEqual(
        merge_bank_records({ ...local, last_session: null }, { ...platform, last_session: null }).last_session,
        null
    );
    assert.deepEqual(
        merge_bank_records({ ...local, last_session: newer }, { ...platform, last_session: null }).last_session,
        newer
    );
});

test('progress of a learner on a learning platform lives under a key of its own', () => {
    const storage = memory_storage();
    const alice = create_progress_store(storage, learner_progress_key('alice'));
    const bob = create_progress_store(storage, learner_progress_key('bob'));
    assert.equal(alice.save(sample_progress()), true);
    assert.deepEqual(bob.load(), { progress: empty_progress(), notice: null });
    assert.deepEqual(
        create_progress_store(storage).load(),
        { progress: empty_progress(), notice: null },
        'nor standalone'
    );
    assert.deepEqual(create_progress_store(storage, learner_progress_key('alice')).load().progress, sample_progress());
    // Ids are text from the platform: any characters, never the same key for different ids.
    const keys = ['a.b', 'a', 'a%2Eb', '', 'ü 李'].map(learner_progress_key);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(keys.every((k) => k.startsWith(`${progress_storage_key}.learner.`) && k !== progress_storage_key));
});

test('full storage: reading still works; a failed save says it was the quota', () => {
    const storage = memory_storage();
    storage.setItem(progress_storage_key, JSON.stringify(sample_progress()));
    const quota_error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const full = {
        ...storage,
        getItem: storage.getItem,
        setItem() {
            throw quota_error;
        },
    };
    const store = create_progress_store(full);
    assert.deepEqual(store.load(), { progress: sample_progress(), notice: null });
    assert.equal(store.save(sample_progress()), false);
    assert.equal(store.last_save_problem(), 'quiz.storage_full');
    const blocked = create_progress_store({
        ...full,
        setItem() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
        },
    });
    assert.equal(blocked.save(sample_progress()), false);
    assert.equal(blocked.last_save_problem(), 'quiz.storage_unavailable');
});
