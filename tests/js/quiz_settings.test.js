// Graded quiz settings an instructor fixes (issue 20): read from the page address
// (embed_config's frozen `quiz` field; bad values listed in `ignored`) and from package
// meta tags (package_options.js); a packaged value wins over the address.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { embed_config } from '../../web/embed/embed_config.js';
import { package_quiz_settings } from '../../web/embed/package_options.js';
import { merge_quiz_settings } from '../../web/quiz/quiz_settings.js';

test('the address: every setting read as written, frozen', () => {
    const c = embed_config(
        '?sections=quiz&quiz_questions=12&quiz_topics=definition:2,derivative:3,variants&quiz_seed=42&quiz_attempts=2&quiz_counts=last&mastery=80'
    );
    assert.deepEqual(c.quiz, {
        questions: 12,
        topics: [
            { topic: 'definition', count: 2 },
            { topic: 'derivative', count: 3 },
            { topic: 'variants', count: null },
        ],
        seed: 42,
        attempts: 2,
        counts: 'last',
        mastery: 80,
    });
    assert.ok(Object.isFrozen(c.quiz));
    assert.ok(Object.isFrozen(c.quiz.topics));
    assert.ok(Object.isFrozen(c.quiz.topics[0]));
    assert.deepEqual(c.ignored, []);
});

test('no settings: every field null', () => {
    assert.deepEqual(embed_config('').quiz, {
        questions: null,
        topics: null,
        seed: null,
        attempts: null,
        counts: null,
        mastery: null,
    });
});

test('out of range or malformed values are dropped and listed in ignored', () => {
    const c = embed_config(
        '?quiz_questions=0&quiz_attempts=21&quiz_seed=2147483648&quiz_counts=worst&mastery=101&quiz_topics=history:0,nonsense,<b>,cnn:x,history'
    );
    assert.deepEqual(
        { ...c.quiz, topics: c.quiz.topics && [...c.quiz.topics] },
        {
            questions: null,
            topics: [{ topic: 'history', count: null }],
            seed: null,
            attempts: null,
            counts: null,
            mastery: null,
        }
    );
    assert.deepEqual(c.ignored, [
        'quiz_questions=0',
        'quiz_topics=history:0',
        'quiz_topics=nonsense',
        'quiz_topics=<b>',
        'quiz_topics=cnn:x',
        'quiz_seed=2147483648',
        'quiz_attempts=21',
        'quiz_counts=worst',
        'mastery=101',
    ]);
    const edges = embed_config('?quiz_questions=40&quiz_attempts=1&quiz_seed=1&mastery=0&quiz_counts=MEAN');
    assert.deepEqual(
        [edges.quiz.questions, edges.quiz.attempts, edges.quiz.seed, edges.quiz.mastery, edges.quiz.counts],
        [40, 1, 1, 0, 'mean']
    );
    assert.equal(embed_config('?quiz_questions=41').quiz.questions, null);
    assert.equal(embed_config('?quiz_questions=1.5').quiz.questions, null);
    assert.equal(embed_config('?quiz_seed=2147483647').quiz.seed, 2147483647);
    // Nothing valid among the topics: no topic filter at all.
    assert.equal(embed_config('?quiz_topics=nonsense').quiz.topics, null);
});

function fake_document(metas) {
    return {
        querySelector(selector) {
            const name = /name="([^"]+)"/.exec(selector)?.[1];
            return Object.hasOwn(metas, name) ? { getAttribute: () => metas[name] } : null;
        },
    };
}

test('package meta tags: the same settings, the same validation', () => {
    const doc = fake_document({
        'relu-lab-quiz-questions': '10',
        'relu-lab-quiz-topics': 'history:4, cnn',
        'relu-lab-quiz-seed': '7',
        'relu-lab-quiz-attempts': '3',
        'relu-lab-quiz-counts': 'mean',
        'relu-lab-mastery-score': '75',
    });
    const settings = package_quiz_settings(doc);
    assert.deepEqual(settings, {
        questions: 10,
        topics: [
            { topic: 'history', count: 4 },
            { topic: 'cnn', count: null },
        ],
        seed: 7,
        attempts: 3,
        counts: 'mean',
        mastery: 75,
    });
    const bad = package_quiz_settings(fake_document({ 'relu-lab-quiz-questions': '99', 'relu-lab-quiz-counts': 'x' }));
    assert.equal(bad.questions, null);
    assert.equal(bad.counts, null);
    assert.deepEqual(package_quiz_settings(null).questions, null);
});

test('a packaged value wins over the address, field by field', () => {
    const address = embed_config('?quiz_questions=3&quiz_attempts=2&quiz_counts=last&mastery=80').quiz;
    const packaged = package_quiz_settings(
        fake_document({ 'relu-lab-quiz-attempts': '5', 'relu-lab-mastery-score': '60' })
    );
    const merged = merge_quiz_settings(address, packaged);
    assert.deepEqual(
        [merged.questions, merged.attempts, merged.counts, merged.mastery, merged.seed],
        [3, 5, 'last', 60, null]
    );
    assert.ok(Object.isFrozen(merged));
});
