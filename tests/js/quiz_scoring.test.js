// Scoring: tolerance checks, choice sets, result ranges and the running score.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { range_index, same_choice_set, score_of, within_tolerance } from '../../web/quiz/scoring.js';

test('within_tolerance: absolute plus relative bound, per element', () => {
    const tol = { absolute: 0.01, relative: 0 };
    assert.equal(within_tolerance(0.5, 0.5, tol), true);
    assert.equal(within_tolerance(0.509, 0.5, tol), true);
    assert.equal(within_tolerance(0.52, 0.5, tol), false);
    // Relative: 1e-6 is within 2 % of 1.02e-6 but not of 1.1e-6 (no absolute slack).
    assert.equal(within_tolerance(1e-6, 1.02e-6, { absolute: 0, relative: 0.02 }), true);
    assert.equal(within_tolerance(1e-6, 1.1e-6, { absolute: 0, relative: 0.02 }), false);
    // leaky_relu(-3) with slope 0.01 in float32 is -0.029999999329447746; -0.03 is right.
    assert.equal(
        within_tolerance(-0.03, Math.fround(Math.fround(0.01) * -3), { absolute: 1e-4, relative: 1e-3 }),
        true
    );
    assert.equal(within_tolerance([0, 0, 0, 1, 2], [0, 0, 0, 1, 2], { absolute: 1e-6, relative: 1e-6 }), true);
    assert.equal(within_tolerance([0, 0, 0, 1, 3], [0, 0, 0, 1, 2], { absolute: 1e-6, relative: 1e-6 }), false);
});

test('within_tolerance refuses wrong lengths, NaN, infinities and non-numbers', () => {
    const tol = { absolute: 1, relative: 1 };
    assert.equal(within_tolerance([1, 2], [1, 2, 3], tol), false);
    assert.equal(within_tolerance([], [1], tol), false);
    assert.equal(within_tolerance(NaN, 1, tol), false);
    assert.equal(within_tolerance(Infinity, 1e308, tol), false);
    assert.equal(within_tolerance('1', 1, tol), false);
    assert.equal(within_tolerance([undefined], [1], tol), false);
    // Exact tolerance 0: only the value itself.
    assert.equal(within_tolerance(2012, 2012, { absolute: 0, relative: 0 }), true);
    assert.equal(within_tolerance(2011, 2012, { absolute: 0, relative: 0 }), false);
});

test('same_choice_set: exactly the right set, order free', () => {
    assert.equal(same_choice_set([2, 0, 1], [0, 1, 2]), true);
    assert.equal(same_choice_set([0, 1], [0, 1, 2]), false);
    assert.equal(same_choice_set([0, 1, 2, 3], [0, 1, 2]), false);
    assert.equal(same_choice_set([], [0]), false);
});

test('range_index: [min, max) ranges with open ends', () => {
    const ranges = [{ max: 0.001 }, { min: 0.001, max: 0.5 }, { min: 0.5 }];
    assert.equal(range_index(9.5e-7, ranges), 0);
    assert.equal(range_index(0.001, ranges), 1); // min is included
    assert.equal(range_index(0.5, ranges), 2);
    assert.equal(range_index(1, ranges), 2);
    assert.equal(range_index(NaN, ranges), -1);
    assert.equal(range_index(5, [{ min: 0, max: 1 }]), -1);
});

test('score_of: count, maximum and rounded percent', () => {
    assert.deepEqual(score_of([]), { score: 0, max_score: 0, percent: 0 });
    assert.deepEqual(score_of([true, false, true]), { score: 2, max_score: 3, percent: 67 });
    assert.deepEqual(score_of([true, true, true, true, true, false]), { score: 5, max_score: 6, percent: 83 });
});
