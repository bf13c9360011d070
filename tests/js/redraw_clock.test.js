// The redraw clock of the trainer's charts and progress text, and of a running lab:
// everything asked for between two ticks is drawn in one task (one frame), a key asked
// for twice is drawn once with its latest draw, flush() draws at once and clear() drops
// what is pending. Timers are Node's mocked ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { create_redraw_clock } from '../../web/charts/redraw_clock.js';

test('requests between two ticks are drawn together, once each, in one timer task', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const clock = create_redraw_clock(500);
    const drawn = [];
    clock.request('charts', () => drawn.push('charts (old)'));
    t.mock.timers.tick(200);
    clock.request('progress', () => drawn.push('progress'));
    clock.request('charts', () => drawn.push('charts'));
    t.mock.timers.tick(299);
    assert.deepEqual(drawn, [], 'nothing is drawn before the tick');
    t.mock.timers.tick(1);
    assert.deepEqual(drawn, ['charts', 'progress'], 'the latest draw per key, in the order first asked');
    t.mock.timers.tick(5000);
    assert.deepEqual(drawn, ['charts', 'progress'], 'no tick without a request');
});

test('a draw that asks again is drawn at the next tick, not in the same task', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const clock = create_redraw_clock(100);
    let draws = 0;
    const draw = () => {
        draws += 1;
        if (draws < 3) clock.request('again', draw);
    };
    clock.request('again', draw);
    t.mock.timers.tick(100);
    assert.equal(draws, 1);
    t.mock.timers.tick(100);
    assert.equal(draws, 2);
    t.mock.timers.tick(100);
    assert.equal(draws, 3);
    t.mock.timers.tick(1000);
    assert.equal(draws, 3);
});

test('flush() draws what is pending at once, and the timer no longer fires for it', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const clock = create_redraw_clock(500);
    const drawn = [];
    clock.flush();
    assert.deepEqual(drawn, [], 'flush with nothing pending draws nothing');
    clock.request('charts', () => drawn.push('charts'));
    clock.flush();
    assert.deepEqual(drawn, ['charts']);
    t.mock.timers.tick(1000);
    assert.deepEqual(drawn, ['charts'], 'drawn once');
    clock.request('progress', () => drawn.push('progress'));
    t.mock.timers.tick(500);
    assert.deepEqual(drawn, ['charts', 'progress'], 'the clock runs again after a flush');
});

test('clear() drops what is pending: nothing is drawn at the tick, and later requests still are', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const clock = create_redraw_clock(200);
    const drawn = [];
    clock.request('progress', () => drawn.push('stale progress'));
    clock.clear();
    t.mock.timers.tick(1000);
    assert.deepEqual(drawn, []);
    clock.request('progress', () => drawn.push('progress'));
    t.mock.timers.tick(200);
    assert.deepEqual(drawn, ['progress']);
});
