// Progress in browser storage: round trip, damaged or foreign records, storage that is
// missing or throws, export and import.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bank_progress, create_progress_store, empty_progress, parse_progress_text, progress_storage_key, progress_to_text, with_bank_progress } from '../../web/quiz/progress_store.js';
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
    return with_bank_progress(empty_progress(), 'relu-lab-core', { schedule, last_session: { score: 1, max_score: 2, percent: 50, finished_ms: 3000 } });
}

test('save then load gives the same progress', () => {
    const storage = memory_storage();
    const store = create_progress_store(storage);
    assert.deepEqual(store.load(), { progress: empty_progress(), notice: null });
    assert.equal(store.save(sample_progress()), true);
    assert.deepEqual(create_progress_store(storage).load(), { progress: sample_progress(), notice: null });
});

test('a damaged record is set aside with a message, never trusted', () => {
    for (const text of ['{not json', '[]', '{"format":"relu-lab-quiz-progress","version":99,"banks":{}}', '{"format":"other"}']) {
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
    const throwing = { getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('QuotaExceededError'); }, removeItem() {} };
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
