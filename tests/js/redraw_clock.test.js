// The redraw clock of the trainer's charts and progress text, and of a running lab:
// everything asked for between two ticks is drawn in one task (one frame), a key asked
// for twice is drawn once with its latest draw, ticks are at least an interval apart but
// the first request after a quiet interval is drawn at once, flush() draws at once
// without moving the ticks, and clear() drops what is pending. Timers and the clock are Node's mocked ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { create_redraw_clock } from '../../web/charts/redraw_clock.js';

function mocked_clock(t, interval_ms) {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    return create_redraw_clock(interval_ms, { now: () => Date.now() });
}

test('the first request is drawn at once; later ones wait for a tick an interval on, drawn together, once each', (t) => {
    const clock = mocked_clock(t, 500);
    const drawn = [];
    clock.request('progress', () => drawn.push('first progress'));
    assert.deepEqual(drawn, [], 'not in the task that asked');
    t.mock.timers.tick(0);
    assert.deepEqual(drawn, ['first progress'], 'at once, in the next task');
    t.mock.timers.tick(100);
    clock.request('charts', () => drawn.push('charts (old)'));
    t.mock.timers.tick(200);
    clock.request('progress', () => drawn.push('progress'));
    clock.request('charts', () => drawn.push('charts'));
    t.mock.timers.tick(199);
    assert.deepEqual(drawn, ['first progress'], 'nothing is drawn before the next tick');
    t.mock.timers.tick(1);
    assert.deepEqual(
        drawn,
        ['first progress', 'charts', 'progress'],
        'the latest draw per key, in the order first asked, an interval after the last tick'
    );
    t.mock.timers.tick(5000);
    assert.equal(drawn.length, 3, 'no tick without a request');
    clock.request('progress', () => drawn.push('after a pause'));
    t.mock.timers.tick(0);
    assert.equal(drawn.at(-1), 'after a pause', 'after a quiet interval, at once again');
});

test('a draw that asks again is drawn at the next tick, not in the same task', (t) => {
    const clock = mocked_clock(t, 100);
    let draws = 0;
    const draw = () => {
        draws += 1;
        if (draws < 3) clock.request('again', draw);
    };
    clock.request('again', draw);
    t.mock.timers.tick(0);
    assert.equal(draws, 1);
    t.mock.timers.tick(99);
    assert.equal(draws, 1);
    t.mock.timers.tick(1);
    assert.equal(draws, 2);
    t.mock.timers.tick(100);
    assert.equal(draws, 3);
    t.mock.timers.tick(1000);
    assert.equal(draws, 3);
});

test('flush() draws what is pending at once, and neither the timer nor the pace of the ticks is moved by it', (t) => {
    const clock = mocked_clock(t, 500);
    const drawn = [];
    clock.flush();
    assert.deepEqual(drawn, [], 'flush with nothing pending draws nothing');
    clock.request('progress', () => drawn.push('first'));
    t.mock.timers.tick(0); // drawn at once: the ticks go on from t = 0
    t.mock.timers.tick(100);
    clock.request('charts', () => drawn.push('charts'));
    clock.flush();
    assert.deepEqual(drawn, ['first', 'charts']);
    clock.request('progress', () => drawn.push('progress'));
    t.mock.timers.tick(399);
    assert.deepEqual(drawn, ['first', 'charts'], 'the next tick is an interval after the last, not after the flush');
    t.mock.timers.tick(1);
    assert.deepEqual(drawn, ['first', 'charts', 'progress']);
    t.mock.timers.tick(1000);
    assert.equal(drawn.length, 3, 'each drawn once');
    // A run that stopped flushes; the next run's first request, right after, is drawn at once.
    clock.request('progress', () => drawn.push('stopped'));
    clock.flush();
    clock.request('progress', () => drawn.push('next run'));
    t.mock.timers.tick(0);
    assert.deepEqual(drawn.slice(3), ['stopped', 'next run']);
});

test('clear() drops what is pending: nothing is drawn at the tick, and later requests still are', (t) => {
    const clock = mocked_clock(t, 200);
    const drawn = [];
    clock.request('progress', () => drawn.push('stale progress'));
    clock.clear();
    t.mock.timers.tick(1000);
    assert.deepEqual(drawn, []);
    clock.request('progress', () => drawn.push('progress'));
    t.mock.timers.tick(0);
    assert.deepEqual(drawn, ['progress']);
});
