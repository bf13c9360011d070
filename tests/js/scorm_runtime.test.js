// The SCORM run-time against a fake SCORM 1.2 LMS, with a fake clock: the learner's id
// scopes stored progress, only the bank shipped in the package is graded, every answer
// is committed (at most one commit per interval, a trailing one for the rest, and always
// on pagehide), and the platform's copy is merged with local progress card by card.
// Then SCORM 2004 against scorm-again's strict LMS: the version is found from the API the
// platform offers, and a session records interactions, score, both statuses (against the
// platform's mastery score or the package's), session time and Learn's progress.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Scorm2004API } from 'scorm-again';

import { create_commit_throttle } from '../../web/embed/commit_throttle.js';
import { connect_scorm, find_scorm_api } from '../../web/embed/scorm.js';
import { decode_suspend_data, encode_suspend_data } from '../../web/embed/scorm_suspend_data.js';
import { merge_bank_records } from '../../web/quiz/progress_store.js';

const minute_ms = 60_000;
const t0 = Date.UTC(2026, 10, 2, 10, 0);

// Timers that run only when the test moves the clock.
function fake_clock(start_ms = t0) {
    let now_ms = start_ms;
    let timers = [];
    let next_id = 1;
    return {
        now: () => now_ms,
        set_timer(fn, ms) {
            const id = next_id++;
            timers.push({ id, at: now_ms + ms, fn });
            return id;
        },
        clear_timer(id) {
            timers = timers.filter((timer) => timer.id !== id);
        },
        advance(ms) {
            const until = now_ms + ms;
            for (;;) {
                const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
                if (!due) break;
                timers = timers.filter((timer) => timer !== due);
                now_ms = due.at;
                due.fn();
            }
            now_ms = until;
        },
        pending: () => timers.length,
    };
}

function fake_lms({ student_id = 'alice', suspend_data = '', mastery_score = '80' } = {}) {
    const cmi = {
        'cmi.core.student_id': student_id,
        'cmi.core.lesson_status': 'not attempted',
        'cmi.core.score.raw': '',
        'cmi.student_data.mastery_score': mastery_score,
        'cmi.suspend_data': suspend_data,
    };
    const calls = [];
    const committed = [];
    const api = {
        LMSInitialize: () => {
            calls.push('LMSInitialize');
            return 'true';
        },
        LMSGetValue: (element) => cmi[element] ?? '',
        LMSSetValue: (element, value) => {
            cmi[element] = String(value);
            calls.push(`set ${element}`);
            return 'true';
        },
        LMSCommit: () => {
            calls.push('LMSCommit');
            committed.push({ ...cmi });
            return 'true';
        },
        LMSFinish: () => {
            calls.push('LMSFinish');
            return 'true';
        },
        LMSGetLastError: () => '0',
    };
    return { api, cmi, calls, committed, commits: () => calls.filter((c) => c === 'LMSCommit').length };
}

function fake_window(api, { api_2004 = undefined, mastery_meta = null } = {}) {
    const listeners = new Map();
    const win = {
        API: api,
        API_1484_11: api_2004,
        // The package's own options (package_options.js reads <meta> tags).
        document: {
            querySelector: (selector) =>
                mastery_meta !== null && selector === 'meta[name="relu-lab-mastery-score"]'
                    ? { getAttribute: () => mastery_meta }
                    : null,
        },
        opener: null,
        addEventListener: (type, fn) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
        dispatch: (type) => (listeners.get(type) ?? []).forEach((fn) => fn({ type })),
    };
    win.parent = win;
    return win;
}

// A quiz as mount_quiz returns it, for the parts SCORM uses.
function fake_quiz({ shipped_bank_id = 'relu-lab-core', records = {} } = {}) {
    const quiz = {
        shipped_bank_id,
        bank_in_use: shipped_bank_id,
        custom: false,
        records: structuredClone(records),
        graded_by_platform: false,
        in_shipped_bank: () => !quiz.custom,
        bank_record: (bank_id) => quiz.records[bank_id] ?? { schedule: { cards: {} }, last_session: null },
        merge_progress(bank_id, record, options) {
            quiz.records[bank_id] = merge_bank_records(quiz.bank_record(bank_id), record, options);
            return quiz.records[bank_id];
        },
        set_graded_by_platform(graded) {
            quiz.graded_by_platform = graded;
        },
        answer(id, correct, now_ms) {
            const rec = quiz.bank_record(quiz.bank_in_use);
            const old = rec.schedule.cards[id];
            quiz.records[quiz.bank_in_use] = {
                ...rec,
                schedule: {
                    cards: {
                        ...rec.schedule.cards,
                        [id]: {
                            box: correct ? Math.min(5, (old?.box ?? 1) + 1) : 1,
                            due_ms: now_ms,
                            right: (old?.right ?? 0) + Number(correct),
                            wrong: (old?.wrong ?? 0) + Number(!correct),
                            last_ms: now_ms,
                        },
                    },
                },
            };
        },
    };
    return quiz;
}

function fake_events() {
    const listeners = new Map();
    return {
        on_learning_event: (name, fn) => listeners.set(name, [...(listeners.get(name) ?? []), fn]),
        emit: (name, payload) => (listeners.get(name) ?? []).forEach((fn) => fn({ name, ...payload })),
    };
}

function launch({ lms = fake_lms(), quiz = fake_quiz(), clock = fake_clock() } = {}) {
    const win = fake_window(lms.api);
    const events = fake_events();
    const session = connect_scorm(win, { now: clock.now, set_timer: clock.set_timer, clear_timer: clock.clear_timer });
    const attached = session.attach({ quiz, on_learning_event: events.on_learning_event });
    // The quiz answers and says so, as the real quiz does.
    const answer = (id, correct = true) => {
        quiz.answer(id, correct, clock.now());
        events.emit('quiz.answered', { bank_id: quiz.bank_in_use, question_id: id, correct });
    };
    return { lms, quiz, clock, win, events, session, attached, answer };
}

describe('commit throttle', () => {
    test('the first request commits at once; later ones within the interval make one trailing commit', () => {
        const clock = fake_clock();
        let commits = 0;
        const throttle = create_commit_throttle(() => commits++, {
            min_interval_ms: 10_000,
            now: clock.now,
            set_timer: clock.set_timer,
            clear_timer: clock.clear_timer,
        });
        throttle.request();
        assert.equal(commits, 1);
        for (let i = 0; i < 5; i++) {
            clock.advance(1_000);
            throttle.request();
        }
        assert.equal(commits, 1, 'no second commit inside the interval');
        clock.advance(4_999);
        assert.equal(commits, 1);
        clock.advance(1);
        assert.equal(commits, 2, 'the trailing commit, one interval after the first');
        clock.advance(60_000);
        assert.equal(commits, 2, 'nothing more without a request');
        throttle.request();
        assert.equal(commits, 3, 'a request after a quiet interval commits at once');
    });

    test('flush commits now, pending or not, and cancels the trailing commit', () => {
        const clock = fake_clock();
        let commits = 0;
        const throttle = create_commit_throttle(() => commits++, {
            min_interval_ms: 10_000,
            now: clock.now,
            set_timer: clock.set_timer,
            clear_timer: clock.clear_timer,
        });
        throttle.request();
        clock.advance(2_000);
        throttle.request();
        throttle.flush();
        assert.equal(commits, 2);
        assert.equal(clock.pending(), 0);
        clock.advance(60_000);
        assert.equal(commits, 2);
        throttle.flush();
        assert.equal(commits, 3, 'pagehide always commits');
    });
});

describe('SCORM session', () => {
    test('without an LMS there is no session', () => {
        const win = fake_window(undefined);
        assert.equal(connect_scorm(win), null);
        // An LMS that refuses to initialize: standalone too.
        const refusing = fake_lms();
        refusing.api.LMSInitialize = () => 'false';
        assert.equal(connect_scorm(fake_window(refusing.api)), null);
    });

    test('the learner id comes from the platform and names where progress is stored', () => {
        const { session, lms } = launch({ lms: fake_lms({ student_id: 'student 42' }) });
        assert.equal(session.learner_id, 'student 42');
        assert.equal(session.version, '1.2');
        assert.deepEqual(lms.calls.slice(0, 1), ['LMSInitialize']);
    });

    test('every answer on the shipped bank is saved and committed, at most once per 10 s, and on pagehide', () => {
        const { lms, clock, win, answer } = launch();
        answer('q1');
        assert.equal(lms.commits(), 1, 'the first answer is committed at once');
        assert.ok(decode_suspend_data(lms.committed[0]['cmi.suspend_data']).record.schedule.cards.q1);
        assert.equal(lms.committed[0]['cmi.core.exit'], 'suspend');
        for (const id of ['q2', 'q3', 'q4']) {
            clock.advance(2_000);
            answer(id);
        }
        assert.equal(lms.commits(), 1);
        clock.advance(4_000); // 10 s after the first commit
        assert.equal(lms.commits(), 2, 'one trailing commit');
        assert.deepEqual(
            Object.keys(decode_suspend_data(lms.committed[1]['cmi.suspend_data']).record.schedule.cards).sort(),
            ['q1', 'q2', 'q3', 'q4']
        );
        clock.advance(1_000);
        answer('q5');
        win.dispatch('pagehide');
        assert.equal(lms.commits(), 3, 'pagehide commits at once');
        assert.ok(decode_suspend_data(lms.committed[2]['cmi.suspend_data']).record.schedule.cards.q5);
        assert.deepEqual(lms.calls.filter((c) => !c.startsWith('set ')).slice(-2), ['LMSCommit', 'LMSFinish']);
        clock.advance(60_000);
        assert.equal(lms.commits(), 3, 'nothing after finish');
    });

    test('only the bank shipped in the package is graded; a custom bank is practice', () => {
        const { lms, quiz, events } = launch();
        assert.equal(quiz.graded_by_platform, true, 'the quiz knows a platform grades it');
        quiz.custom = true;
        quiz.bank_in_use = 'my-own-bank';
        events.emit('quiz.answered', { bank_id: 'my-own-bank', question_id: 'x', correct: true });
        events.emit('quiz.completed', { bank_id: 'my-own-bank', score: 1, max_score: 1, percent: 100 });
        assert.equal(lms.cmi['cmi.core.score.raw'], '');
        assert.equal(lms.cmi['cmi.core.lesson_status'], 'incomplete');
        assert.ok(
            !lms.calls.some((c) => c.startsWith('set cmi.core.score') || c === 'set cmi.suspend_data'),
            lms.calls.join()
        );
        // The same learner, back on the course's bank: graded.
        quiz.custom = false;
        quiz.bank_in_use = 'relu-lab-core';
        events.emit('quiz.completed', { bank_id: 'relu-lab-core', score: 4, max_score: 5, percent: 80 });
        assert.equal(lms.cmi['cmi.core.score.raw'], '80');
        assert.equal(lms.cmi['cmi.core.lesson_status'], 'passed');
    });

    test('a custom bank that borrows the shipped bank id is still not graded', () => {
        const { lms, quiz, events } = launch();
        quiz.custom = true; // same id as the shipped bank, but the learner's own file
        events.emit('quiz.completed', { bank_id: 'relu-lab-core', score: 1, max_score: 1, percent: 100 });
        assert.equal(lms.cmi['cmi.core.score.raw'], '');
    });

    test('relaunch: the platform copy and local progress are merged card by card, newer wins', () => {
        // Local progress (this browser) has a newer answer to q1 than the platform copy, and
        // q3 that never reached the platform (the page crashed before a commit); the platform
        // has a newer q2 (answered on another computer).
        const local = {
            schedule: {
                cards: {
                    q1: { box: 3, due_ms: t0 + 3 * 86_400_000, right: 2, wrong: 0, last_ms: t0 - 10 * minute_ms },
                    q2: { box: 2, due_ms: t0, right: 1, wrong: 0, last_ms: t0 - 3 * 86_400_000 },
                    q3: { box: 2, due_ms: t0, right: 1, wrong: 0, last_ms: t0 - 5 * minute_ms },
                },
            },
            last_session: null,
        };
        const platform = {
            schedule: {
                cards: {
                    q1: { box: 2, due_ms: t0, right: 1, wrong: 0, last_ms: t0 - 86_400_000 },
                    q2: { box: 1, due_ms: t0, right: 1, wrong: 1, last_ms: t0 - 60 * minute_ms },
                },
            },
            last_session: { score: 3, max_score: 5, percent: 60, finished_ms: t0 - 60 * minute_ms },
        };
        const lms = fake_lms({ suspend_data: encode_suspend_data('relu-lab-core', platform) });
        const quiz = fake_quiz({ records: { 'relu-lab-core': local } });
        const { attached, clock } = launch({ lms, quiz });
        assert.equal(attached.restored, true);
        const merged = quiz.bank_record('relu-lab-core');
        assert.deepEqual(merged.schedule.cards.q1, local.schedule.cards.q1, 'local q1 is newer');
        assert.deepEqual(merged.schedule.cards.q2, platform.schedule.cards.q2, 'platform q2 is newer');
        assert.deepEqual(merged.schedule.cards.q3, local.schedule.cards.q3, 'local only');
        assert.deepEqual(merged.last_session, platform.last_session);
        // What the platform lacked goes back to it at once.
        assert.equal(lms.commits(), 1);
        const sent = decode_suspend_data(lms.committed[0]['cmi.suspend_data']).record;
        assert.deepEqual(Object.keys(sent.schedule.cards).sort(), ['q1', 'q2', 'q3']);
        clock.advance(60_000);
        assert.equal(lms.commits(), 1);
    });

    test('relaunch with nothing new locally: no write and no commit', () => {
        // Two answers within one minute: the platform's copy orders them by the second, which
        // it then no longer keeps; the copy is complete all the same.
        const platform = {
            schedule: {
                cards: {
                    a: { box: 2, due_ms: t0, right: 1, wrong: 0, last_ms: t0 + 10_000 },
                    b: { box: 2, due_ms: t0, right: 1, wrong: 0, last_ms: t0 + 20_000 },
                },
            },
            last_session: { score: 2, max_score: 2, percent: 100, finished_ms: t0 + 25_000 },
        };
        const lms = fake_lms({ suspend_data: encode_suspend_data('relu-lab-core', platform) });
        const { attached } = launch({ lms });
        assert.equal(attached.restored, true);
        assert.deepEqual(
            lms.calls.filter((c) => c === 'LMSCommit' || c === 'set cmi.suspend_data'),
            []
        );
    });

    test("erasing the shipped bank's progress erases the platform copy too", () => {
        const platform = {
            schedule: { cards: { q1: { box: 2, due_ms: t0, right: 1, wrong: 0, last_ms: t0 - minute_ms } } },
            last_session: null,
        };
        const lms = fake_lms({ suspend_data: encode_suspend_data('relu-lab-core', platform) });
        const { quiz, events } = launch({ lms });
        quiz.records['relu-lab-core'] = { schedule: { cards: {} }, last_session: null };
        events.emit('quiz.progress_reset', { bank_id: 'relu-lab-core' });
        assert.deepEqual(decode_suspend_data(lms.cmi['cmi.suspend_data']).record, quiz.records['relu-lab-core']);
        assert.equal(lms.commits(), 1);
    });

    test('without a quiz (its section failed to start) the session still finishes on pagehide', () => {
        const lms = fake_lms();
        const win = fake_window(lms.api);
        const session = connect_scorm(win, {});
        assert.deepEqual(session.attach({ quiz: null, on_learning_event: () => {} }), { mode: 'lms', restored: false });
        win.dispatch('pagehide');
        assert.deepEqual(
            lms.calls.filter((c) => !c.startsWith('set ')),
            ['LMSInitialize', 'LMSCommit', 'LMSFinish']
        );
    });
});

describe('which SCORM version', () => {
    test('SCORM 2004 where the platform offers it (also beside 1.2), else 1.2; in a parent frame or the opener', () => {
        const v12 = fake_lms().api;
        const v2004 = new Scorm2004API({ logLevel: 5 });
        assert.equal(find_scorm_api(fake_window(v12)).runtime.version, '1.2');
        assert.equal(find_scorm_api(fake_window(v12, { api_2004: v2004 })).runtime.version, '2004');
        assert.equal(find_scorm_api(fake_window(undefined, { api_2004: v2004 })).api, v2004);
        // The content in a frame of the LMS's frame; the LMS's window opened ours.
        const lms_window = fake_window(undefined, { api_2004: v2004 });
        const framed = { ...fake_window(undefined), parent: { ...fake_window(undefined), parent: lms_window } };
        assert.equal(find_scorm_api(framed).runtime.version, '2004');
        const popup = { ...fake_window(undefined), opener: lms_window };
        assert.equal(find_scorm_api(popup).runtime.version, '2004');
        assert.equal(find_scorm_api(fake_window(undefined)), null);
    });
});

// scorm-again's SCORM 2004 LMS with strict errors; every refused SetValue is recorded.
function strict_2004_lms(initial = {}) {
    const api = new Scorm2004API({ logLevel: 5, strict_errors: true, autocommit: false });
    api.loadFromJSON({ learner_id: 'learner-7', ...initial });
    const refused = [];
    const calls = [];
    const set_value = api.SetValue.bind(api);
    api.SetValue = (element, value) => {
        const ok = set_value(element, value);
        if (ok !== 'true') refused.push(`${element}=${value} (error ${api.GetLastError()})`);
        return ok;
    };
    for (const name of ['Initialize', 'Commit', 'Terminate']) {
        const original = api[name].bind(api);
        api[name] = (arg) => {
            calls.push(name);
            return original(arg);
        };
    }
    return { api, refused, calls };
}

function launch_2004({ initial = {}, mastery_meta = null, quiz = fake_quiz(), learn = null } = {}) {
    const lms = strict_2004_lms(initial);
    const clock = fake_clock();
    const win = fake_window(undefined, { api_2004: lms.api, mastery_meta });
    const events = fake_events();
    const session = connect_scorm(win, {
        now: clock.now,
        set_timer: clock.set_timer,
        clear_timer: clock.clear_timer,
        page_language: () => 'de',
    });
    const attached = session.attach({ quiz, learn, on_learning_event: events.on_learning_event });
    // An answer as quiz_view.js reports it, with the response and how long it took.
    const answer = (id, response, expected, correct) => {
        quiz.answer(id, correct, clock.now());
        events.emit('quiz.answered', {
            bank_id: quiz.bank_in_use,
            question_id: id,
            type: 'single_choice',
            topic: 'definition',
            correct,
            answer: { response, expected, prompt: `Frage ${id}`, latency_ms: 4_500 },
        });
    };
    return { ...lms, clock, win, events, session, attached, quiz, answer };
}

describe('SCORM 2004 session (scorm-again, strict)', () => {
    test('answers, score, completion and success, session time, suspend data, terminate', () => {
        const { api, refused, calls, clock, win, events, session, answer } = launch_2004({
            initial: { scaled_passing_score: '0.8' },
        });
        assert.equal(session.version, '2004');
        assert.equal(session.learner_id, 'learner-7');
        assert.equal(api.GetValue('cmi.completion_status'), 'incomplete', 'a first launch is incomplete');
        answer('def-formula', { choice: 0 }, 0, true);
        clock.advance(30_000);
        answer('def-statements', { choices: [0, 1] }, [0, 1, 3], false);
        events.emit('quiz.completed', { bank_id: 'relu-lab-core', score: 1, max_score: 2, percent: 50 });
        assert.deepEqual(
            ['raw', 'min', 'max', 'scaled'].map((f) => api.GetValue(`cmi.score.${f}`)),
            ['50', '0', '100', '0.5']
        );
        assert.equal(api.GetValue('cmi.completion_status'), 'completed');
        assert.equal(api.GetValue('cmi.success_status'), 'failed', '50 % against a scaled passing score of 0.8');
        assert.equal(api.GetValue('cmi.interactions._count'), '2');
        assert.deepEqual(
            ['id', 'type', 'learner_response', 'correct_responses.0.pattern', 'result', 'latency', 'description'].map(
                (f) => api.GetValue(`cmi.interactions.1.${f}`)
            ),
            [
                'def-statements',
                'choice',
                'choice-0[,]choice-1',
                'choice-0[,]choice-1[,]choice-3',
                'incorrect',
                'PT4.5S',
                '{lang=de}Frage def-statements',
            ]
        );
        assert.equal(api.GetValue('cmi.interactions.0.timestamp'), '2026-11-02T10:00:00.00Z');
        clock.advance(95_000);
        win.dispatch('pagehide');
        assert.deepEqual(refused, []);
        // session_time and exit are write-only: read what the LMS would store (its JSON).
        const stored = JSON.parse(JSON.stringify(api.cmi));
        assert.equal(stored.session_time, 'PT2M5S');
        assert.equal(stored.exit, 'suspend');
        assert.deepEqual(Object.keys(decode_suspend_data(stored.suspend_data).record.schedule.cards).sort(), [
            'def-formula',
            'def-statements',
        ]);
        assert.deepEqual(calls.slice(-2), ['Commit', 'Terminate']);
    });

    test('a passing score: passed; the best score is kept over a later worse one', () => {
        const { api, events, refused } = launch_2004({ initial: { scaled_passing_score: '0.8' } });
        events.emit('quiz.completed', { bank_id: 'relu-lab-core', score: 4, max_score: 5, percent: 80 });
        assert.deepEqual([api.GetValue('cmi.success_status'), api.GetValue('cmi.score.scaled')], ['passed', '0.8']);
        events.emit('quiz.completed', { bank_id: 'relu-lab-core', score: 1, max_score: 5, percent: 20 });
        assert.deepEqual([api.GetValue('cmi.success_status'), api.GetValue('cmi.score.raw')], ['passed', '80']);
        assert.deepEqual(refused, []);
    });

    test("without a scaled passing score from the platform, the package's mastery score decides", () => {
        const with_package = launch_2004({ mastery_meta: '60' });
        with_package.events.emit('quiz.completed', { bank_id: 'relu-lab-core', score: 3, max_score: 5, percent: 60 });
        assert.equal(with_package.api.GetValue('cmi.success_status'), 'passed');
        const neither = launch_2004();
        neither.events.emit('quiz.completed', { bank_id: 'relu-lab-core', score: 3, max_score: 5, percent: 60 });
        assert.deepEqual(
            [neither.api.GetValue('cmi.completion_status'), neither.api.GetValue('cmi.success_status')],
            ['completed', 'unknown']
        );
        assert.deepEqual([...with_package.refused, ...neither.refused], []);
    });

    test("Learn's chapters read travel in suspend_data and come back through merge_reading", () => {
        const reading = { read: ['definition', 'derivative'], last: 'derivative' };
        const first = launch_2004({ learn: { reading: () => reading } });
        first.answer('def-formula', { choice: 0 }, 0, true);
        first.win.dispatch('pagehide');
        const saved = first.api.cmi.suspend_data;
        assert.deepEqual(decode_suspend_data(saved).reading, reading);
        const merged = [];
        const second = launch_2004({
            initial: { suspend_data: saved },
            learn: { reading: () => ({ read: [], last: null }), merge_reading: (r) => merged.push(r) },
        });
        assert.deepEqual(merged, [reading]);
        assert.equal(second.attached.restored, true);
    });

    test("answers on a learner's own bank make no interactions", () => {
        const { api, quiz, events } = launch_2004();
        quiz.custom = true;
        events.emit('quiz.answered', {
            bank_id: 'mine',
            question_id: 'def-formula',
            correct: true,
            answer: { response: { choice: 0 }, expected: 0, latency_ms: 1 },
        });
        assert.equal(api.GetValue('cmi.interactions._count'), '0');
    });
});
