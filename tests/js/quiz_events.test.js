// The learning-events module: documented names only, listeners per name or '*',
// unsubscribe, frozen payloads, and a failing listener does not stop the others.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { emit_learning_event, learning_event_names, on_learning_event } from '../../web/events/learning_events.js';

test('listeners receive frozen events; unsubscribing stops them', () => {
    const seen = [];
    const all = [];
    const stop = on_learning_event(learning_event_names.quiz_answered, (e) => seen.push(e));
    const stop_all = on_learning_event('*', (e) => all.push(e.name));
    emit_learning_event(learning_event_names.quiz_answered, {
        question_id: 'q1',
        topic: 'definition',
        correct: true,
        score_so_far: 1,
    });
    emit_learning_event(learning_event_names.quiz_completed, { score: 1, max_score: 1, percent: 100 });
    assert.equal(seen.length, 1);
    assert.deepEqual(
        { ...seen[0] },
        { name: 'quiz.answered', question_id: 'q1', topic: 'definition', correct: true, score_so_far: 1 }
    );
    assert.ok(Object.isFrozen(seen[0]));
    assert.deepEqual(all, ['quiz.answered', 'quiz.completed']);
    stop();
    stop_all();
    emit_learning_event(learning_event_names.quiz_answered, { question_id: 'q2' });
    assert.equal(seen.length, 1);
});

test('unknown names are refused; a throwing listener does not break the others', (t) => {
    assert.throws(() => on_learning_event('quiz.typo', () => {}));
    assert.throws(() => emit_learning_event('quiz.typo', {}));
    t.mock.method(console, 'warn', () => {});
    const got = [];
    const stop_bad = on_learning_event(learning_event_names.quiz_score, () => {
        throw new Error('listener bug');
    });
    const stop_good = on_learning_event(learning_event_names.quiz_score, (e) => got.push(e.score));
    emit_learning_event(learning_event_names.quiz_score, { score: 3, max_score: 5, percent: 60 });
    assert.deepEqual(got, [3]);
    stop_bad();
    stop_good();
});
