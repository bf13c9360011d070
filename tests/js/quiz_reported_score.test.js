// The score a SCORM platform receives follows the instructor's counting rule (issue 20):
// the quiz's quiz.completed event carries the counted score (quiz/quiz_rules.js); the
// best only ever raises what was reported, the last or the mean replaces it, and a
// practice session after the last graded attempt reports nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { connect_scorm } from '../../web/embed/scorm.js';

function launch() {
    const cmi = {
        'cmi.core.student_id': 'alice',
        'cmi.core.lesson_status': 'not attempted',
        'cmi.core.score.raw': '',
        'cmi.student_data.mastery_score': '80',
        'cmi.suspend_data': '',
    };
    const api = {
        LMSInitialize: () => 'true',
        LMSGetValue: (element) => cmi[element] ?? '',
        LMSSetValue: (element, value) => {
            cmi[element] = String(value);
            return 'true';
        },
        LMSCommit: () => 'true',
        LMSFinish: () => 'true',
        LMSGetLastError: () => '0',
    };
    const win = { API: api, document: { querySelector: () => null }, opener: null, addEventListener() {} };
    win.parent = win;
    const listeners = new Map();
    const quiz = {
        shipped_bank_id: 'relu-lab-core',
        in_shipped_bank: () => true,
        bank_record: () => ({ schedule: { cards: {} }, last_session: null }),
        merge_progress: (_id, record) => record,
        set_graded_by_platform() {},
        set_mastery_percent(percent) {
            quiz.mastery_shown = percent;
        },
    };
    let now_ms = Date.UTC(2026, 11, 1);
    const session = connect_scorm(win, { now: () => now_ms, set_timer: () => 0, clear_timer() {} });
    session.attach({
        quiz,
        on_learning_event: (name, fn) => listeners.set(name, [...(listeners.get(name) ?? []), fn]),
    });
    const complete = (payload) => {
        now_ms += 60_000;
        for (const fn of listeners.get('quiz.completed') ?? [])
            fn({ name: 'quiz.completed', bank_id: 'relu-lab-core', max_score: 5, ...payload });
    };
    return { cmi, quiz, complete };
}

test('counts=last: a later, lower attempt replaces the score and the status', () => {
    const { cmi, quiz, complete } = launch();
    assert.equal(quiz.mastery_shown, 80, 'the platform mastery score reaches the rules box');
    complete({ score: 5, percent: 100, graded: true, counts: 'last', counted_percent: 100 });
    assert.deepEqual([cmi['cmi.core.score.raw'], cmi['cmi.core.lesson_status']], ['100', 'passed']);
    complete({ score: 2, percent: 40, graded: true, counts: 'last', counted_percent: 40 });
    assert.deepEqual([cmi['cmi.core.score.raw'], cmi['cmi.core.lesson_status']], ['40', 'failed']);
});

test('counts=mean: the mean of the attempts is reported, as the quiz counted it', () => {
    const { cmi, complete } = launch();
    complete({ score: 5, percent: 100, graded: true, counts: 'mean', counted_percent: 100 });
    complete({ score: 2, percent: 40, graded: true, counts: 'mean', counted_percent: 70 });
    assert.equal(cmi['cmi.core.score.raw'], '70');
});

test('counts=best (and no rule): a lower attempt never lowers what was reported', () => {
    const { cmi, complete } = launch();
    complete({ score: 4, percent: 80, graded: true, counts: 'best', counted_percent: 80 });
    complete({ score: 1, percent: 20, graded: true, counts: 'best', counted_percent: 80 });
    assert.equal(cmi['cmi.core.score.raw'], '80');
    complete({ score: 1, percent: 20 }); // an older quiz without rules: the session's own score
    assert.equal(cmi['cmi.core.score.raw'], '80');
});

test('practice after the last graded attempt reports nothing', () => {
    const { cmi, complete } = launch();
    complete({ score: 2, percent: 40, graded: true, counts: 'last', counted_percent: 40 });
    complete({ score: 5, percent: 100, graded: false, counts: 'last', counted_percent: 40 });
    assert.deepEqual([cmi['cmi.core.score.raw'], cmi['cmi.core.lesson_status']], ['40', 'failed']);
});
