// Which questions a session asks under an instructor's settings (issue 20): a fixed seed
// gives every learner the same set and the same drawn numbers, topic counts are
// honoured and uncounted topics share the rest, and the score reported follows the
// counting rule (best, last, mean).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import builtin_bank from '../../web/quiz/bank/relu_lab_bank.json' with { type: 'json' };
import { attempts_state, choose_session_ids, counted_percent, session_size } from '../../web/quiz/quiz_rules.js';
import { review } from '../../web/quiz/scheduler.js';

const questions = builtin_bank.questions;
const topic_of = new Map(questions.map((q) => [q.id, q.topic]));
const count_topics = (ids) => {
    const counts = {};
    for (const id of ids) counts[topic_of.get(id)] = (counts[topic_of.get(id)] ?? 0) + 1;
    return counts;
};
const empty = { cards: {} };

test('a fixed seed: the same set for every learner, whatever their review schedule', () => {
    // Learner b has answered ten questions wrongly (due now) and some right.
    let schedule_b = empty;
    for (const q of questions.slice(0, 10)) schedule_b = review(schedule_b, q.id, false, 1000);
    for (const q of questions.slice(10, 20)) schedule_b = review(schedule_b, q.id, true, 1000);
    const a = choose_session_ids({ questions, schedule: empty, now_ms: 5000, size: 8, seed: 42, fixed: true });
    const b = choose_session_ids({ questions, schedule: schedule_b, now_ms: 5000, size: 8, seed: 42, fixed: true });
    assert.equal(a.length, 8);
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, 8, 'no question twice');
    const other = choose_session_ids({ questions, schedule: empty, now_ms: 5000, size: 8, seed: 43, fixed: true });
    assert.notDeepEqual(other, a, 'another seed, another set');
    // With topics too.
    const topics = [
        { topic: 'history', count: 2 },
        { topic: 'cnn', count: null },
    ];
    assert.deepEqual(
        choose_session_ids({ questions, schedule: empty, now_ms: 0, size: 5, topics, seed: 9, fixed: true }),
        choose_session_ids({ questions, schedule: schedule_b, now_ms: 0, size: 5, topics, seed: 9, fixed: true })
    );
});

test('without a fixed seed the review schedule decides: due cards first', () => {
    let schedule = empty;
    for (const q of questions.slice(0, 3)) schedule = review(schedule, q.id, false, 1000);
    const ids = choose_session_ids({ questions, schedule, now_ms: 5000, size: 5, seed: 1, fixed: false });
    assert.deepEqual(new Set(ids.slice(0, 3)), new Set(questions.slice(0, 3).map((q) => q.id)));
});

test('topic counts are honoured; topics without a count share the rest', () => {
    const topics = [
        { topic: 'definition', count: 2 },
        { topic: 'derivative', count: 3 },
        { topic: 'variants', count: null },
        { topic: 'history', count: null },
    ];
    for (const seed of [1, 2, 3]) {
        const ids = choose_session_ids({ questions, schedule: empty, now_ms: 0, size: 10, topics, seed, fixed: false });
        assert.equal(ids.length, 10);
        assert.deepEqual(count_topics(ids), { definition: 2, derivative: 3, variants: 3, history: 2 });
    }
    // A count larger than the topic holds takes what there is, and others fill up.
    const history_size = questions.filter((q) => q.topic === 'history').length;
    const ids = choose_session_ids({
        questions,
        schedule: empty,
        now_ms: 0,
        size: history_size + 4,
        topics: [
            { topic: 'history', count: 40 },
            { topic: 'cnn', count: null },
        ],
        seed: 5,
        fixed: true,
    });
    assert.deepEqual(count_topics(ids), { history: history_size, cnn: 4 });
    // Counts adding up to more than the session: cut in the order given.
    const cut = choose_session_ids({
        questions,
        schedule: empty,
        now_ms: 0,
        size: 4,
        topics: [
            { topic: 'definition', count: 3 },
            { topic: 'derivative', count: 3 },
        ],
        seed: 5,
        fixed: true,
    });
    assert.deepEqual(count_topics(cut), { definition: 3, derivative: 1 });
});

test('session_size: fixed by the instructor, by topic counts that cover every topic, else the learner picks', () => {
    assert.deepEqual(session_size({ questions: 7, topics: null }, 5), { size: 7, fixed: true });
    assert.deepEqual(
        session_size(
            {
                questions: null,
                topics: [
                    { topic: 'a', count: 2 },
                    { topic: 'b', count: 3 },
                ],
            },
            20
        ),
        { size: 5, fixed: true }
    );
    assert.deepEqual(
        session_size(
            {
                questions: null,
                topics: [
                    { topic: 'a', count: 2 },
                    { topic: 'b', count: null },
                ],
            },
            10
        ),
        { size: 10, fixed: false }
    );
    assert.deepEqual(session_size({ questions: null, topics: null }, 20), { size: 20, fixed: false });
});

test('counted_percent: best, last or mean of the graded attempts', () => {
    const attempts = [
        { score: 4, max_score: 5, percent: 80, finished_ms: 1000 },
        { score: 5, max_score: 5, percent: 100, finished_ms: 2000 },
        { score: 1, max_score: 5, percent: 20, finished_ms: 3000 },
    ];
    assert.equal(counted_percent(attempts, 'best'), 100);
    assert.equal(counted_percent(attempts, 'last'), 20);
    assert.equal(counted_percent(attempts, 'mean'), 67); // (80 + 100 + 20) / 3 = 66.7
    // Last is by time, whatever the order stored.
    assert.equal(counted_percent([attempts[2], attempts[0]], 'last'), 20);
    assert.equal(counted_percent([], 'best'), null);
    assert.equal(counted_percent(attempts, null), 100, 'no rule: the best, as before');
});

test('attempts_state: used, left and whether graded attempts remain', () => {
    assert.deepEqual(attempts_state(0, 2), { used: 0, allowed: 2, left: 2, exhausted: false });
    assert.deepEqual(attempts_state(2, 2), { used: 2, allowed: 2, left: 0, exhausted: true });
    assert.deepEqual(attempts_state(5, null), { used: 5, allowed: null, left: null, exhausted: false });
});
