// The statement queue (web/embed/xapi_queue.js) with a fake store, clock and storage:
// statements are kept in storage the moment they are made, sent in batches in order, one
// request at a time; a lost answer sends the same batch again; offline they wait and a
// reload finds them; a batch never mixes two sessions; refused credentials stop sending.
// And the cmi5 launch parameters (web/embed/cmi5_launch.js): a launch that is not
// complete or not valid is no launch.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { read_cmi5_launch } from '../../web/embed/cmi5_launch.js';
import { create_statement_queue } from '../../web/embed/xapi_queue.js';

function fake_storage() {
    const items = new Map();
    return {
        getItem: (k) => (items.has(k) ? items.get(k) : null),
        setItem: (k, v) => items.set(k, String(v)),
        removeItem: (k) => items.delete(k),
        items,
    };
}

function fake_timers() {
    let timers = [];
    return {
        set_timer: (fn, ms) => {
            const timer = { fn, ms };
            timers.push(timer);
            return timer;
        },
        clear_timer: (timer) => {
            timers = timers.filter((t) => t !== timer);
        },
        // Runs the timers now due (ordered by delay), as time passing would.
        run() {
            const due = timers;
            timers = [];
            for (const t of due.sort((a, b) => a.ms - b.ms)) t.fn();
        },
        delays: () => timers.map((t) => t.ms),
    };
}

// A store whose answers the test decides: 'sent', 'retry' (no answer), 'refused', 'blocked'.
function fake_store() {
    const batches = [];
    let answer = 'sent';
    const pending = [];
    return {
        batches,
        answer_with: (value) => {
            answer = value;
        },
        // Answers are given at once unless held.
        send_batch: async (statements) => {
            batches.push(statements.map((s) => s.id));
            return answer;
        },
        pending,
    };
}

const statement = (id, session = 's1') => ({ id, context: { extensions: { session } } });
const flush_promises = () => new Promise((r) => setImmediate(r));

function make_queue({ storage = fake_storage(), store = fake_store(), timers = fake_timers() } = {}) {
    const queue = create_statement_queue({
        storage,
        storage_key: 'q',
        send_batch: store.send_batch,
        set_timer: timers.set_timer,
        clear_timer: timers.clear_timer,
        group_of: (s) => s.context.extensions.session,
    });
    return { queue, storage, store, timers };
}

describe('statement queue', () => {
    test('stored at once, sent in order in one batch once started, then removed from storage', async () => {
        const { queue, storage, store, timers } = make_queue();
        queue.add(statement('a'), statement('b'));
        queue.add(statement('c'));
        assert.deepEqual(
            JSON.parse(storage.getItem('q')).map((s) => s.id),
            ['a', 'b', 'c'],
            'kept before anything is sent'
        );
        timers.run();
        await flush_promises();
        assert.deepEqual(store.batches, [], 'nothing before the store is known');
        queue.start();
        await flush_promises();
        assert.deepEqual(store.batches, [['a', 'b', 'c']]);
        assert.equal(storage.getItem('q'), null);
        queue.add(statement('d'));
        assert.deepEqual(timers.delays(), [1000], 'later statements wait a moment, to go together');
        timers.run();
        await flush_promises();
        assert.deepEqual(store.batches, [['a', 'b', 'c'], ['d']]);
    });

    test('offline: the batch goes again as it was, with growing pauses, and the rest after it', async () => {
        const { queue, store, timers } = make_queue();
        queue.start();
        store.answer_with('retry');
        queue.add(statement('a'), statement('b'));
        timers.run();
        await flush_promises();
        queue.add(statement('c'));
        assert.deepEqual(timers.delays(), [2000]);
        timers.run();
        await flush_promises();
        assert.deepEqual(timers.delays(), [5000]);
        store.answer_with('sent');
        queue.start(); // back online
        await flush_promises();
        assert.deepEqual(store.batches, [['a', 'b'], ['a', 'b'], ['a', 'b'], ['c']]);
        assert.equal(queue.pending(), 0);
    });

    test('a reload finds what was not sent, first in line', async () => {
        const storage = fake_storage();
        const first = make_queue({ storage });
        first.queue.add(statement('old-1', 'past'), statement('old-2', 'past'));
        const second = make_queue({ storage });
        second.queue.add(statement('new-1'));
        second.queue.start();
        await flush_promises();
        assert.deepEqual(
            second.store.batches,
            [['old-1', 'old-2'], ['new-1']],
            'one session per batch, the older first'
        );
    });

    test('a refused batch is dropped; refused credentials stop sending and keep the statements', async () => {
        const { queue, store, storage } = make_queue();
        store.answer_with('refused');
        queue.add(statement('bad'));
        queue.start();
        await flush_promises();
        assert.equal(queue.pending(), 0);
        store.answer_with('blocked');
        queue.add(statement('x'));
        queue.start();
        await flush_promises();
        assert.equal(queue.is_blocked(), true);
        assert.deepEqual(
            JSON.parse(storage.getItem('q')).map((s) => s.id),
            ['x']
        );
    });

    test('storage that fails or holds garbage does not stop the queue', async () => {
        const broken = {
            getItem: () => '{not json',
            setItem: () => {
                throw new Error('full');
            },
            removeItem: () => {},
        };
        const { queue, store } = make_queue({ storage: broken });
        queue.add(statement('a'));
        queue.start();
        await flush_promises();
        assert.deepEqual(store.batches, [['a']]);
    });
});

describe('cmi5 launch parameters', () => {
    const valid = {
        endpoint: 'https://lrs.example.org/xapi',
        fetch: 'https://lms.example.org/fetch/123',
        actor: JSON.stringify({
            objectType: 'Agent',
            account: { homePage: 'https://lms.example.org', name: 'learner-7' },
            name: 'Ada',
        }),
        registration: '0f2d6b8e-1c1a-4c55-9a7e-0a4c2f6c9e11',
        activityId: 'urn:relu-lab:course/au',
    };
    const search = (params) => `?${new URLSearchParams(params)}`;

    test('a full launch: the endpoint with a slash, the actor as an Agent, a learner id for storage', () => {
        const launch = read_cmi5_launch(search({ sections: 'quiz', ...valid }));
        assert.equal(launch.endpoint, 'https://lrs.example.org/xapi/');
        assert.deepEqual(launch.actor, {
            objectType: 'Agent',
            name: 'Ada',
            account: { homePage: 'https://lms.example.org', name: 'learner-7' },
        });
        assert.equal(launch.learner_id, 'https://lms.example.org#learner-7');
        assert.equal(launch.activity_id, 'urn:relu-lab:course/au');
    });

    test('anything missing or not valid: no cmi5 launch', () => {
        assert.equal(read_cmi5_launch(''), null);
        assert.equal(read_cmi5_launch('?sections=quiz'), null);
        for (const name of Object.keys(valid)) {
            const without = { ...valid };
            delete without[name];
            assert.equal(read_cmi5_launch(search(without)), null, `without ${name}`);
        }
        for (const [name, value] of [
            ['endpoint', 'javascript:alert(1)'],
            ['fetch', 'file:///etc/passwd'],
            ['registration', 'not-a-uuid'],
            ['actor', '{"name":"no identifier"}'],
            ['actor', 'not json'],
            ['activityId', 'no scheme'],
        ]) {
            assert.equal(read_cmi5_launch(search({ ...valid, [name]: value })), null, `${name}=${value}`);
        }
    });
});
