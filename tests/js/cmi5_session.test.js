// The cmi5 session (web/embed/cmi5.js) against a fake platform: what is sent, in which
// order, and what is not: no passed, failed or completed in Browse mode; passed and
// completed once per registration, also across launches; a result that comes before the
// launch data is judged once it is in, behind the answers before it; labs and training
// runs are experienced; a platform that refuses the launch is said so to the learner.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { connect_cmi5 } from '../../web/embed/cmi5.js';

const registration = '0f2d6b8e-1c1a-4c55-9a7e-0a4c2f6c9e11';
const actor = { account: { homePage: 'https://lms.example.org', name: 'ada' } };

function fake_platform({ launch_mode = 'Normal', mastery_score = 0.8, refuse_fetch = false } = {}) {
    const statements = [];
    let hold_launch_data = null; // a promise the launch data waits for, when set
    const respond = (status, body) => ({
        ok: status < 300,
        status,
        json: async () => body,
        text: async () => JSON.stringify(body),
    });
    return {
        statements,
        hold(promise) {
            hold_launch_data = promise;
        },
        async fetch(url, options = {}) {
            if (url.startsWith('https://lms.example.org/fetch')) {
                return refuse_fetch
                    ? respond(200, { 'error-code': '1', 'error-text': 'used' })
                    : respond(200, { 'auth-token': 'token-1' });
            }
            if (url.includes('/activities/state')) {
                if (hold_launch_data) await hold_launch_data;
                return respond(200, {
                    contextTemplate: {
                        extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' },
                    },
                    launchMode: launch_mode,
                    masteryScore: mastery_score,
                    moveOn: 'CompletedAndPassed',
                });
            }
            if (url.endsWith('/statements') && options.method === 'POST') {
                statements.push(...JSON.parse(options.body));
                return respond(200, []);
            }
            return respond(404, {});
        },
    };
}

function fake_window() {
    const listeners = new Map();
    const params = new URLSearchParams({
        endpoint: 'https://lrs.example.org/xapi/',
        fetch: 'https://lms.example.org/fetch/1',
        actor: JSON.stringify(actor),
        registration,
        activityId: 'urn:relu-lab:course/au',
    });
    return {
        location: { search: `?${params}` },
        document: null,
        addEventListener: (type, fn) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
        dispatch: (type) => (listeners.get(type) ?? []).forEach((fn) => fn({ type })),
    };
}

function fake_storage() {
    const items = new Map();
    return {
        getItem: (k) => items.get(k) ?? null,
        setItem: (k, v) => items.set(k, String(v)),
        removeItem: (k) => items.delete(k),
    };
}

function fake_events() {
    const listeners = new Map();
    return {
        on_learning_event: (name, fn) => listeners.set(name, [...(listeners.get(name) ?? []), fn]),
        emit: (name, payload) => (listeners.get(name) ?? []).forEach((fn) => fn({ name, ...payload })),
    };
}

const fake_quiz = () => ({ set_graded_by_platform() {}, in_shipped_bank: () => true });
const settle = () => new Promise((r) => setTimeout(r, 0));
let next_id = 0;

// A launch whose timers run only when the test says (run_timers).
async function launch({ platform = fake_platform(), storage = fake_storage(), problems = [] } = {}) {
    const win = fake_window();
    const events = fake_events();
    let timers = [];
    const session = connect_cmi5(win, {
        storage,
        fetch_impl: (...args) => platform.fetch(...args),
        set_timer: (fn) => timers.push(fn),
        clear_timer: () => {},
        new_id: () => `00000000-0000-4000-8000-${String(++next_id).padStart(12, '0')}`,
        page_language: () => 'en',
        on_problem: (key) => problems.push(key),
    });
    session.attach({ quiz: fake_quiz(), on_learning_event: events.on_learning_event });
    const run_timers = async () => {
        const due = timers;
        timers = [];
        for (const fn of due) fn();
        await settle();
    };
    await settle();
    return { win, events, session, platform, storage, run_timers };
}

const verbs = (statements) => statements.map((s) => s.verb.display['en-US']);

describe('cmi5 session', () => {
    test('passed and completed once per registration, also across launches; failed may come before passed', async () => {
        const storage = fake_storage();
        const first = await launch({ storage });
        first.events.emit('quiz.completed', { percent: 60 });
        first.events.emit('quiz.completed', { percent: 90 });
        first.events.emit('quiz.completed', { percent: 100 });
        first.win.dispatch('pagehide');
        await settle();
        assert.deepEqual(verbs(first.platform.statements), [
            'initialized',
            'failed',
            'completed',
            'passed',
            'terminated',
        ]);
        const second = await launch({ storage });
        second.events.emit('quiz.completed', { percent: 100 });
        second.win.dispatch('pagehide');
        await settle();
        assert.deepEqual(
            verbs(second.platform.statements),
            ['initialized', 'terminated'],
            'nothing twice for the registration'
        );
    });

    test('Browse mode: no passed, failed or completed', async () => {
        const { events, win, platform } = await launch({ platform: fake_platform({ launch_mode: 'Browse' }) });
        events.emit('quiz.completed', { percent: 100 });
        win.dispatch('pagehide');
        await settle();
        assert.deepEqual(verbs(platform.statements), ['initialized', 'terminated']);
    });

    test('a result before the launch data is in is judged then, behind the statements before it', async () => {
        const platform = fake_platform();
        let release;
        platform.hold(new Promise((r) => (release = r)));
        const { events, win, run_timers } = await launch({ platform });
        events.emit('labs.run_finished', { lab_id: 'dying_relu' });
        events.emit('quiz.completed', { percent: 85 });
        events.emit('trainer.run_finished', { epochs: 3 });
        release();
        await settle();
        await run_timers();
        win.dispatch('pagehide');
        await settle();
        assert.deepEqual(verbs(platform.statements), [
            'initialized',
            'experienced',
            'passed',
            'completed',
            'experienced',
            'terminated',
        ]);
        const ids = platform.statements
            .filter((s) => s.verb.display['en-US'] === 'experienced')
            .map((s) => s.object.id);
        assert.deepEqual(ids, ['urn:relu-lab:course/au/labs/dying_relu', 'urn:relu-lab:course/au/training/run']);
        const passed = platform.statements.find((s) => s.verb.display['en-US'] === 'passed');
        assert.deepEqual(passed.result.score, { scaled: 0.85, raw: 85, min: 0, max: 100 });
        assert.equal(passed.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore'], 0.8);
    });

    test('a Learn flashcard grade is answered, with its card as the object and the grade as the result', async () => {
        const { events, win, run_timers, platform } = await launch();
        await settle();
        events.emit('learn.flashcard_graded', {
            card_id: 'learn.problems.2',
            chapter_id: 'problems',
            knew: false,
            prompt: 'Why can a dead ReLU unit not recover?',
        });
        await settle();
        await run_timers();
        win.dispatch('pagehide');
        await settle();
        assert.deepEqual(verbs(platform.statements), ['initialized', 'answered', 'terminated']);
        const answered = platform.statements[1];
        assert.match(answered.object.id, /learn\.problems\.2$/);
        assert.equal(answered.result.success, false);
    });

    test('a fetch URL that refuses: the learner is told, nothing is sent', async () => {
        const problems = [];
        const { platform, win } = await launch({ platform: fake_platform({ refuse_fetch: true }), problems });
        win.dispatch('pagehide');
        await settle();
        assert.deepEqual(problems, ['embed.cmi5_launch_failed']);
        assert.deepEqual(platform.statements, []);
    });
});
