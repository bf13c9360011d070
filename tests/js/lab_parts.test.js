// A lab run split across workers and merged back (web/labs/lab_parts.js), on made-up
// results: order restored, repeated values kept apart, progress merged part by part.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
    create_progress_merger,
    merge_progress,
    merge_results,
    part_params,
    plan_lab_run,
    split_list,
} from '../../web/labs/lab_parts.js';

// Only the seed range is read from the module.
const relu_lab = { trainer_facts: { seed: [0, 2 ** 32 - 1] } };

// A part's result as an experiment returns it: one entry per value, in the part's order.
const part_result = (plan, k, { cancelled = false, step = undefined, trace_length = 2 } = {}) => ({
    lab: plan.lab,
    params: { steps: 20, seed: 1, [plan.field]: plan.parts[k].values },
    ...(step === undefined ? {} : { step }),
    series: plan.parts[k].indices.map((i) => ({
        activation: plan.values[i],
        index: i, // which network this is, so a misplaced entry shows
        trace: Array.from({ length: trace_length }, (_, s) => ({ step: s * 10, loss: i + s })),
    })),
    cancelled,
});

test('split_list: contiguous shares that differ by at most one, never more than the list', () => {
    assert.deepEqual(split_list(['a', 'b', 'c', 'd', 'e'], 2), [
        { indices: [0, 1, 2], values: ['a', 'b', 'c'] },
        { indices: [3, 4], values: ['d', 'e'] },
    ]);
    assert.deepEqual(
        split_list(['a', 'b'], 8).map((p) => p.values),
        [['a'], ['b']]
    );
    assert.deepEqual(split_list(['a', 'b', 'c'], 1), [{ indices: [0, 1, 2], values: ['a', 'b', 'c'] }]);
    assert.equal(split_list(['a', 'b', 'c'], 0).length, 1);
    // Repeated values stay separate networks, each with its own index.
    assert.deepEqual(split_list(['relu', 'relu', 'relu'], 3), [
        { indices: [0], values: ['relu'] },
        { indices: [1], values: ['relu'] },
        { indices: [2], values: ['relu'] },
    ]);
});

test('plan_lab_run: splits the list the experiment will read, and each part may be shorter than the minimum', () => {
    const plan = plan_lab_run('dying_relu', { activations: ['relu', 'nonsense', 'elu', 'relu', 'tanh'] }, relu_lab, 2);
    assert.equal(plan.field, 'activations');
    // Unknown names and (for this lab) duplicates dropped, as normalise_params does.
    assert.deepEqual(plan.values, ['relu', 'elu', 'tanh']);
    assert.deepEqual(
        plan.parts.map((p) => p.params.activations),
        [['relu', 'elu'], ['tanh']]
    );
    // The default list when the learner gave none; never more parts than values.
    const ab = plan_lab_run('same_seed_ab', { steps: 30 }, relu_lab, 8);
    assert.deepEqual(ab.values, ['relu', 'leaky_relu', 'relu']);
    assert.equal(ab.parts.length, 3);
    assert.deepEqual(ab.parts[2].params, { steps: 30, copies: ['relu'], list_part: true });
    // A lab without a list (or an unknown one) runs whole on one worker.
    const other = plan_lab_run('backprop_worked_example', { x: 1 }, relu_lab, 4);
    assert.equal(other.parts.length, 1);
    assert.deepEqual(other.parts[0].params, { x: 1 });
    assert.deepEqual(part_params({ a: 1, modes: ['none'] }, 'modes', ['elastic']), {
        a: 1,
        modes: ['elastic'],
        list_part: true,
    });
});

test('merge_results: series back in list order with duplicates kept, the whole list in params, least step, any cancel', () => {
    const plan = plan_lab_run('same_seed_ab', { copies: ['relu', 'elu', 'relu', 'relu'] }, relu_lab, 3);
    assert.deepEqual(
        plan.parts.map((p) => p.indices),
        [[0, 1], [2], [3]]
    );
    // Parts answer in any order; merging goes by index, not by arrival.
    const results = [part_result(plan, 0, { step: 30 }), part_result(plan, 1, { step: 20 }), part_result(plan, 2)];
    const merged = merge_results(plan, results);
    assert.deepEqual(
        merged.series.map((s) => s.index),
        [0, 1, 2, 3]
    );
    assert.deepEqual(
        merged.series.map((s) => s.activation),
        ['relu', 'elu', 'relu', 'relu']
    );
    assert.deepEqual(merged.params.copies, ['relu', 'elu', 'relu', 'relu']);
    assert.equal(merged.params.steps, 20);
    assert.equal(merged.lab, 'same_seed_ab');
    assert.equal(merged.step, 20, 'the least step over the parts that report one');
    assert.equal(merged.cancelled, false);
    assert.equal('series_index' in merged, false, 'a final result has the shape of a one-worker result');

    results[1] = part_result(plan, 1, { cancelled: true });
    assert.equal(merge_results(plan, results).cancelled, true);
});

test('merge_progress: least step over the parts that reported; a partial of what has arrived, each entry with its place', () => {
    const plan = plan_lab_run('dying_relu', { activations: ['relu', 'leaky_relu', 'prelu', 'elu'] }, relu_lab, 2);
    const merge = create_progress_merger(plan);
    // Part 1 (prelu, elu) reports first: part 0 adds nothing yet.
    const partial_1 = part_result(plan, 1);
    delete partial_1.cancelled;
    let merged = merge(1, { step: 10, steps: 20, partial: partial_1 });
    assert.equal(merged.step, 10);
    assert.equal(merged.steps, 20);
    assert.deepEqual(
        merged.partial.series.map((s) => s.activation),
        ['prelu', 'elu']
    );
    assert.deepEqual(merged.partial.series_index, [2, 3]);
    assert.deepEqual(merged.partial.params.activations, ['relu', 'leaky_relu', 'prelu', 'elu']);
    assert.equal('cancelled' in merged.partial, false);

    // Part 0 is behind: the run has got to its step.
    const partial_0 = part_result(plan, 0, { trace_length: 1 });
    delete partial_0.cancelled;
    merged = merge(0, { step: 0, steps: 20, partial: partial_0 });
    assert.equal(merged.step, 0);
    assert.deepEqual(merged.partial.series_index, [0, 1, 2, 3]);
    assert.deepEqual(
        merged.partial.series.map((s) => s.trace.length),
        [1, 1, 2, 2]
    );

    // A progress without a partial moves the step and keeps that part's last partial.
    merged = merge(0, { step: 20, steps: 20 });
    assert.equal(merged.step, 10);
    assert.deepEqual(merged.partial.series_index, [0, 1, 2, 3]);
    assert.deepEqual(
        merged.partial.series.map((s) => s.trace.length),
        [1, 1, 2, 2]
    );
    // Nothing reported yet: nothing to show.
    assert.equal(merge_progress(plan, [undefined, undefined]), null);
    // Parts that never send a partial (sparsity): step and steps only.
    assert.deepEqual(
        merge_progress(plan, [
            { step: 30, steps: 40 },
            { step: 20, steps: 40 },
        ]),
        {
            step: 20,
            steps: 40,
        }
    );
});

test('merge_progress: the top-level step of a partial is the least over the parts that sent one', () => {
    const plan = plan_lab_run('vanishing_gradients', { activations: ['sigmoid', 'relu', 'elu'] }, relu_lab, 3);
    const merge = create_progress_merger(plan);
    const partial = (k, step) => {
        const r = part_result(plan, k, { step });
        delete r.cancelled;
        return { step, steps: 50, partial: r };
    };
    merge(2, partial(2, 41));
    assert.equal(merge(0, partial(0, 31)).partial.step, 31);
    const merged = merge(1, partial(1, 51));
    assert.equal(merged.step, 31);
    assert.equal(merged.partial.step, 31);
    assert.deepEqual(
        merged.partial.series.map((s) => s.activation),
        ['sigmoid', 'relu', 'elu']
    );
});
