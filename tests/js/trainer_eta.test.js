// The trainer's time-left estimate, fed simulated timings (no clock): it waits for enough
// measured steps, follows the measured wall-clock rate (pauses between chunks included),
// counts the held-out evaluation at every remaining epoch end, and is gone once the run
// ends.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eta_observe, eta_seconds, eta_start } from '../../web/trainer/run/eta_estimator.js';

// One progress message per chunk of `steps_per_chunk` steps, `seconds_per_step` apart;
// an evaluation of `eval_s` after every `steps_per_epoch` steps.
function simulate({ chunks, steps_per_chunk, seconds_per_step, steps_per_epoch, eval_s, start_s = 100 }) {
    let state = eta_start();
    let time_s = start_s;
    let step = 0;
    state = eta_observe(state, { type: 'run_start', time_s, step });
    for (let i = 0; i < chunks; i++) {
        step += steps_per_chunk;
        time_s += steps_per_chunk * seconds_per_step;
        state = eta_observe(state, { type: 'progress', time_s, step });
        if (step % steps_per_epoch === 0) {
            time_s += eval_s;
            state = eta_observe(state, { type: 'epoch_end', time_s, step });
        }
    }
    return { state, time_s, step };
}

test('no estimate before enough steps were measured', () => {
    const { state } = simulate({
        chunks: 2,
        steps_per_chunk: 3,
        seconds_per_step: 0.02,
        steps_per_epoch: 100,
        eval_s: 0.5,
    });
    assert.equal(eta_seconds(state, { steps_left: 500, epoch_ends_left: 5 }), null);
});

test('a steady rate and a measured evaluation give the true time left', () => {
    // 40 steps an epoch, 0.05 s a step, 1.5 s evaluation: an epoch takes 3.5 s.
    const { state } = simulate({
        chunks: 30,
        steps_per_chunk: 4,
        seconds_per_step: 0.05,
        steps_per_epoch: 40,
        eval_s: 1.5,
    });
    // Three epochs done (120 steps); two to go: 2 × (40 × 0.05 + 1.5) = 7 s.
    const eta = eta_seconds(state, { steps_left: 80, epoch_ends_left: 2 });
    assert.ok(Math.abs(eta - 7) < 1e-6, `eta ${eta}`);
});

test('the evaluation time counts: without it the estimate would be 43 % short', () => {
    const { state } = simulate({
        chunks: 30,
        steps_per_chunk: 4,
        seconds_per_step: 0.05,
        steps_per_epoch: 40,
        eval_s: 1.5,
    });
    const with_eval = eta_seconds(state, { steps_left: 80, epoch_ends_left: 2 });
    const without = eta_seconds(state, { steps_left: 80, epoch_ends_left: 0 });
    assert.ok(Math.abs(with_eval - without - 3) < 1e-6);
});

test('a slower machine (the page throttled) shows in the estimate after a few chunks', () => {
    let { state, time_s, step } = simulate({
        chunks: 10,
        steps_per_chunk: 5,
        seconds_per_step: 0.02,
        steps_per_epoch: 1000,
        eval_s: 0,
    });
    // Now each step takes 0.1 s (5x slower): the estimate follows within 20 chunks.
    for (let i = 0; i < 20; i++) {
        step += 5;
        time_s += 0.5;
        state = eta_observe(state, { type: 'progress', time_s, step });
    }
    const eta = eta_seconds(state, { steps_left: 100, epoch_ends_left: 0 });
    assert.ok(Math.abs(eta - 10) < 0.2, `eta ${eta}`);
});

test('a pause is not measured as slow training', () => {
    let { state, time_s, step } = simulate({
        chunks: 20,
        steps_per_chunk: 5,
        seconds_per_step: 0.02,
        steps_per_epoch: 1000,
        eval_s: 0,
    });
    state = eta_observe(state, { type: 'run_end', time_s, step });
    assert.equal(eta_seconds(state, { steps_left: 100, epoch_ends_left: 0 }), null, 'no estimate while stopped');
    time_s += 60; // a minute's pause
    state = eta_observe(state, { type: 'run_start', time_s, step });
    step += 5;
    time_s += 0.1;
    state = eta_observe(state, { type: 'progress', time_s, step });
    const eta = eta_seconds(state, { steps_left: 100, epoch_ends_left: 0 });
    assert.ok(Math.abs(eta - 2) < 1e-6, `eta ${eta}`);
});

test('before an evaluation was measured it is estimated from the step time', () => {
    const { state } = simulate({
        chunks: 10,
        steps_per_chunk: 4,
        seconds_per_step: 0.05,
        steps_per_epoch: 1000,
        eval_s: 0,
    });
    // Held-out evaluation: 250 batches forward only, guessed at a third of a step each.
    const eta = eta_seconds(state, { steps_left: 0, epoch_ends_left: 1, eval_steps_guess: 250 / 3 });
    assert.ok(Math.abs(eta - (250 / 3) * 0.05) < 1e-6, `eta ${eta}`);
});

test('nothing left, nothing shown', () => {
    const { state } = simulate({
        chunks: 30,
        steps_per_chunk: 4,
        seconds_per_step: 0.05,
        steps_per_epoch: 40,
        eval_s: 1.5,
    });
    assert.equal(eta_seconds(state, { steps_left: 0, epoch_ends_left: 0 }), null);
});
