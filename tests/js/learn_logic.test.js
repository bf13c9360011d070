// The Learn section's logic without a page: the chapter registry matches the English
// texts and the quiz topics; page targets parse strictly; reading progress survives
// hostile storage; flashcard ids are unique and fit the quiz's review schedule.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { has_key } from '../../web/i18n/i18n.js';
import { chapter_by_id, chapter_ids, chapter_number, chapters, timeline } from '../../web/learn/chapters.js';
import { chapter_flashcards, flashcard_by_id, flashcard_ids, flashcards } from '../../web/learn/flashcard_deck.js';
import { lab_setup, lab_setups } from '../../web/learn/lab_setups.js';
import { is_target, parse_target, target_hash, target_text } from '../../web/common/page_targets.js';
import {
    create_reading_store,
    empty_reading,
    merged_reading,
    reading_format,
    reading_storage_key,
    reading_version,
    sanitize_reading,
    with_chapter_read,
    with_last_chapter,
} from '../../web/learn/reading_progress.js';
import { lab_ids } from '../../web/labs/lab_experiments.js';
import { builtin_topics } from '../../web/quiz/bank_schema.js';

test('nine chapters in the order of the quiz topics, each with its texts in English', () => {
    assert.deepEqual(chapter_ids, builtin_topics);
    for (const chapter of chapters) {
        assert.ok(has_key(`learn.chapters.${chapter.id}.title`), chapter.id);
        assert.ok(has_key(`learn.chapters.${chapter.id}.try_it`), chapter.id);
        assert.ok(is_target(chapter.try_it), chapter.try_it);
        assert.ok(chapter.cards >= 2 && chapter.cards <= 4, `${chapter.id}: ${chapter.cards} cards`);
        for (let i = 1; i <= chapter.cards; i++) {
            assert.ok(
                has_key(`learn.chapters.${chapter.id}.cards.${i}.front`) &&
                    has_key(`learn.chapters.${chapter.id}.cards.${i}.back`),
                `${chapter.id} card ${i}`
            );
        }
        assert.ok(
            !has_key(`learn.chapters.${chapter.id}.cards.${chapter.cards + 1}.front`),
            `${chapter.id}: a card beyond ${chapter.cards}`
        );
        const paragraphs = chapter.blocks.filter((b) => /^p\d+$/.test(b));
        for (const p of paragraphs) assert.ok(has_key(`learn.chapters.${chapter.id}.${p}`), `${chapter.id}.${p}`);
        assert.ok(
            chapter.blocks.some((b) => b.startsWith('example:')),
            `${chapter.id} has no live example`
        );
    }
    assert.equal(chapter_number('definition'), 1);
    assert.equal(chapter_number('history'), 9);
    assert.equal(chapter_number('nonsense'), 0);
    assert.equal(chapter_by_id('nonsense'), null);
    for (const entry of timeline) assert.ok(has_key(`learn.chapters.history.timeline.${entry.key}`), entry.key);
});

test('every chapter has 150 to 400 words of prose in English', async () => {
    const { locale_tables } = await import('../../web/i18n/locales/index.js');
    for (const chapter of chapters) {
        const texts = locale_tables.en.learn.chapters[chapter.id];
        let words = chapter.blocks
            .filter((b) => /^p\d+$/.test(b))
            .reduce((n, p) => n + texts[p].split(/\s+/).filter(Boolean).length, 0);
        if (chapter.blocks.includes('timeline'))
            words += Object.values(texts.timeline).reduce((n, s) => n + s.split(/\s+/).length, 0);
        assert.ok(words >= 150 && words <= 400, `${chapter.id}: ${words} words`);
    }
});

test('page targets: the accepted forms, and everything else refused', () => {
    assert.deepEqual(parse_target('labs/dying_relu'), { section: 'labs', name: 'dying_relu', setup: null });
    assert.deepEqual(parse_target('#labs/same_seed_ab/tanh_vs_relu'), {
        section: 'labs',
        name: 'same_seed_ab',
        setup: 'tanh_vs_relu',
    });
    assert.deepEqual(parse_target('explorer/sigmoid,tanh'), { section: 'explorer', name: 'sigmoid,tanh', setup: null });
    assert.deepEqual(parse_target('trainer/seed-keras'), { section: 'trainer', name: 'seed-keras', setup: null });
    assert.deepEqual(parse_target('quiz'), { section: 'quiz', name: null, setup: null });
    for (const bad of [
        '',
        '#',
        '/labs',
        'labs/',
        'labs//x',
        'a/b/c/d',
        'Labs/x',
        'labs/<b>',
        'labs/x y',
        'javascript:alert(1)',
        '../x',
        `labs/${'x'.repeat(200)}`,
        null,
        42,
        {},
    ]) {
        assert.equal(parse_target(bad), null, String(bad));
    }
    assert.equal(target_text({ section: 'labs', name: 'dying_relu', setup: null }), 'labs/dying_relu');
    assert.equal(target_hash('learn/cnn'), '#learn/cnn');
});

test('every Try-it target names a known lab and set-up', () => {
    for (const chapter of chapters) {
        const target = parse_target(chapter.try_it);
        if (target.section !== 'labs') continue;
        assert.ok(lab_ids.includes(target.name), chapter.try_it);
        if (target.setup) assert.ok(lab_setup(target.name, target.setup), chapter.try_it);
    }
    for (const lab of Object.keys(lab_setups)) assert.ok(lab_ids.includes(lab), lab);
    assert.equal(lab_setup('same_seed_ab', 'constructor'), null);
    assert.equal(lab_setup('__proto__', 'x'), null);
});

test('flashcards: 2 to 4 per chapter, unique ids short enough for the review schedule', () => {
    assert.equal(new Set(flashcard_ids).size, flashcards.length);
    for (const id of flashcard_ids) assert.ok(id.length <= 64 && /^learn\.[a-z_]+\.\d$/.test(id), id);
    assert.equal(flashcard_by_id('learn.derivative.2').chapter, 'derivative');
    assert.equal(flashcard_by_id('learn.derivative.9'), null);
    for (const chapter of chapters) assert.equal(chapter_flashcards(chapter.id).length, chapter.cards);
    assert.ok(flashcards.length >= 18 && flashcards.length <= 36, String(flashcards.length));
});

function memory_storage(initial = {}) {
    const map = new Map(Object.entries(initial));
    return {
        getItem: (k) => (map.has(k) ? map.get(k) : null),
        setItem: (k, v) => map.set(k, String(v)),
        removeItem: (k) => map.delete(k),
        map,
    };
}

test('reading progress: saved and read back, in reading order', () => {
    const storage = memory_storage();
    const store = create_reading_store(storage, chapter_ids);
    assert.deepEqual(store.load(), empty_reading());
    let reading = with_chapter_read(empty_reading(), 'cnn');
    reading = with_chapter_read(reading, 'definition');
    reading = with_chapter_read(reading, 'cnn');
    reading = with_last_chapter(reading, 'cnn');
    assert.ok(store.save(reading));
    assert.deepEqual(store.load(), { read: ['definition', 'cnn'], last: 'cnn' });
});

test('reading progress: hostile or foreign storage yields a clean record, never a throw', () => {
    const record = (value) => JSON.stringify({ format: reading_format, version: reading_version, ...value });
    const cases = [
        'not json',
        '[]',
        'null',
        '42',
        JSON.stringify({ read: ['cnn'] }),
        record({ read: 'cnn', last: 7 }),
        record({ read: ['__proto__', 'constructor', 'cnn', 'cnn'], last: '__proto__' }),
        record({ read: [{}, null, 3], last: 'nonsense' }),
        'x'.repeat(20_000),
    ];
    for (const text of cases) {
        const reading = create_reading_store(memory_storage({ [reading_storage_key]: text }), chapter_ids).load();
        assert.ok(
            Array.isArray(reading.read) && reading.read.every((id) => chapter_ids.includes(id)),
            text.slice(0, 40)
        );
        assert.ok(reading.last === null || chapter_ids.includes(reading.last), text.slice(0, 40));
    }
    assert.deepEqual(sanitize_reading(JSON.parse(record({ read: ['cnn', 'cnn'], last: 'cnn' })), chapter_ids), {
        read: ['cnn'],
        last: 'cnn',
    });
    // Storage that throws on every access.
    const throwing = {
        getItem() {
            throw new Error('denied');
        },
        setItem() {
            throw new Error('denied');
        },
    };
    const store = create_reading_store(throwing, chapter_ids);
    assert.deepEqual(store.load(), empty_reading());
    assert.equal(store.save({ read: ['cnn'], last: 'cnn' }), false);
    assert.equal(create_reading_store(null, chapter_ids).save(empty_reading()), false);
});

test("reading progress merged with a platform's copy: chapters read on either side, this browser's last chapter first", () => {
    const local = { read: ['cnn'], last: 'cnn' };
    const platform = { read: ['history', 'definition', 'no-such-chapter'], last: 'history' };
    assert.deepEqual(merged_reading(local, platform, chapter_ids), {
        read: ['definition', 'cnn', 'history'],
        last: 'cnn',
    });
    assert.deepEqual(merged_reading(empty_reading(), platform, chapter_ids).last, 'history');
    assert.deepEqual(merged_reading(local, { read: 'junk', last: 7 }, chapter_ids), local);
    assert.deepEqual(merged_reading(local, null, chapter_ids), local);
});
