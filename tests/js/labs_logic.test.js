// The concept labs' pure logic: the worked example's numbers and checker, the histogram,
// the settings a lab accepts, and the A/B comparison. Reference values worked by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { bundled_digits_split } from '../../web/bridge/datasets.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import {
    activation_histogram,
    compare_copies,
    lab_data,
    lab_defaults,
    normalise_params,
    run_initialisation,
    run_same_seed_ab,
    run_vanishing_gradients,
} from '../../web/labs/lab_experiments.js';
import { strided_subset } from '../../web/labs/lab_training.js';
import { run_augmentation } from '../../web/labs/augmentation_experiment.js';
import {
    answer_rows,
    cell_hint,
    check_answers,
    check_cell,
    draw_example,
    expected_answers,
} from '../../web/labs/worked_example.js';

test('worked example: every seed draws one exact 0, a negative and a positive z, the same numbers each time', () => {
    for (let seed = 1; seed <= 200; seed++) {
        const { z, upstream } = draw_example(seed);
        assert.equal(z.length, 5);
        assert.equal(upstream.length, 5);
        assert.equal(z.filter((v) => v === 0).length, 1, `seed ${seed}: ${z}`);
        assert.ok(z.some((v) => v < 0) && z.some((v) => v > 0), `seed ${seed}: ${z}`);
        assert.ok(
            upstream.every((v) => v !== 0),
            `seed ${seed}: upstream ${upstream}`
        );
        assert.deepEqual(draw_example(seed), { z, upstream });
    }
    assert.notDeepEqual(draw_example(1), draw_example(2));
});

test('worked example: the kernels give relu, the mask (0 at exactly 0) and the masked gradient', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
    // By hand: relu(-1.5, 0, 2, -0.5, 1) = (0, 0, 2, 0, 1); mask = (0, 0, 1, 0, 1) (relu'(0) = 0
    // by the kernels' convention); downstream = upstream * mask = (0, 0, -1, 0, 3).
    const expected = expected_answers(relu_lab, { z: [-1.5, 0, 2, -0.5, 1], upstream: [2, 1.5, -1, 0.5, 3] });
    assert.deepEqual(expected, { relu: [0, 0, 2, 0, 1], mask: [0, 0, 1, 0, 1], downstream: [0, 0, -1, 0, 3] });
    // And for drawn examples, against max(0, z) and the mask computed here.
    for (let seed = 1; seed <= 20; seed++) {
        const example = draw_example(seed);
        const e = expected_answers(relu_lab, example);
        assert.deepEqual(
            e.relu,
            example.z.map((v) => Math.max(0, v))
        );
        assert.deepEqual(
            e.mask,
            example.z.map((v) => (v > 0 ? 1 : 0))
        );
        assert.deepEqual(
            e.downstream,
            example.upstream.map((g, i) => (example.z[i] > 0 ? g : 0))
        );
    }
});

test('worked example checker: right answers in any notation pass, wrong and non-numbers are flagged', () => {
    assert.equal(check_cell('1.5', 1.5), 'correct');
    assert.equal(check_cell('1,5', 1.5), 'correct'); // decimal comma (de, es, it)
    assert.equal(check_cell('−0.5', -0.5), 'correct'); // typographic minus
    assert.equal(check_cell('０', 0), 'correct'); // full-width digit
    assert.equal(check_cell(' 2 ', 2), 'correct');
    assert.equal(check_cell('-0', 0), 'correct');
    assert.equal(check_cell('1', 0), 'wrong');
    assert.equal(check_cell('0.5001', 0.5), 'wrong');
    assert.equal(check_cell('abc', 0), 'invalid');
    assert.equal(check_cell('', 0), 'empty');
    assert.equal(check_cell('   ', 0), 'empty');

    const expected = { relu: [0, 0, 2, 0, 1], mask: [0, 0, 1, 0, 1], downstream: [0, 0, -1, 0, 3] };
    const right = Object.fromEntries(answer_rows.map((row) => [row, expected[row].map(String)]));
    const all = check_answers(right, expected);
    assert.equal(all.all_correct, true);
    assert.equal(all.correct, 15);
    assert.equal(all.total, 15);

    // The classic mistake: the mask as 1 at z = 0, and the gradient passed through there.
    const mistaken = { ...right, mask: ['0', '1', '1', '0', '1'], downstream: ['0', '1.5', '-1', '0', '3'] };
    const checked = check_answers(mistaken, expected);
    assert.equal(checked.all_correct, false);
    assert.deepEqual(checked.states.mask, ['correct', 'wrong', 'correct', 'correct', 'correct']);
    assert.deepEqual(checked.states.downstream, ['correct', 'wrong', 'correct', 'correct', 'correct']);
    assert.equal(checked.correct, 13);
    const partial = check_answers({ relu: ['0', 'x'] }, expected);
    assert.deepEqual(partial.states.relu, ['correct', 'invalid', 'empty', 'empty', 'empty']);
});

test('activation histogram: exact zeros on their own, outer bins, shares of the total', () => {
    // 8 values: 0, 0 (exact zeros), -2 (below -1.5), 5 (at/above 3), 0.1 and 0.2 in [0, 0.25),
    // -0.1 in [-0.25, 0), 3 (>= hi, above).
    const h = activation_histogram([0, 0, -2, 5, 0.1, 0.2, -0.1, 3], { lo: -1.5, hi: 3, width: 0.25 });
    assert.equal(h.total, 8);
    assert.equal(h.exact_zero, 2 / 8);
    assert.equal(h.below, 1 / 8);
    assert.equal(h.above, 2 / 8);
    assert.equal(h.bins.length, 18);
    assert.equal(h.bins[6], 2 / 8); // [0, 0.25) is bin (0 - -1.5) / 0.25 = 6
    assert.equal(h.bins[5], 1 / 8); // [-0.25, 0)
    assert.ok(Math.abs(h.exact_zero + h.below + h.above + h.bins.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.equal(activation_histogram([]).total, 0);
});

test('lab settings: unknown names dropped, numbers clamped, defaults otherwise', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
    assert.deepEqual(normalise_params('vanishing_gradients', {}, relu_lab), lab_defaults.vanishing_gradients);
    const v = normalise_params(
        'vanishing_gradients',
        {
            depth: 99,
            activations: ['relu', 'nope', 'relu'],
            learning_rate: 'x',
            steps: 3,
        },
        relu_lab
    );
    assert.equal(v.depth, 30);
    assert.deepEqual(v.activations, ['relu']);
    assert.equal(v.learning_rate, lab_defaults.vanishing_gradients.learning_rate);
    assert.equal(v.steps, 10);
    assert.deepEqual(
        normalise_params('vanishing_gradients', { activations: [] }, relu_lab).activations,
        lab_defaults.vanishing_gradients.activations
    );
    const d = normalise_params('dying_relu', { scenario: 'negative_bias' }, relu_lab);
    assert.equal(d.bias_init, -0.5);
    assert.equal(d.learning_rate, 0.01);
    assert.equal(
        normalise_params('dying_relu', { scenario: 'negative_bias', learning_rate: 0.003 }, relu_lab).learning_rate,
        0.003
    );
    // A/B keeps repeated activations (a control copy) and 2 to 4 copies.
    assert.deepEqual(normalise_params('same_seed_ab', { copies: ['relu', 'relu'] }, relu_lab).copies, ['relu', 'relu']);
    assert.deepEqual(
        normalise_params('same_seed_ab', { copies: ['relu'] }, relu_lab).copies,
        lab_defaults.same_seed_ab.copies
    );
    assert.equal(
        normalise_params('same_seed_ab', { copies: ['relu', 'elu', 'tanh', 'gelu', 'sigmoid'] }, relu_lab).copies
            .length,
        4
    );
    assert.equal(normalise_params('sparsity', { steps: 0 }, relu_lab).steps, 0);
    assert.equal(normalise_params('initialisation', { depth: 50 }, relu_lab).depth, 20);
    // Seeds are clamped to the core's range (relu_lab.trainer_facts.seed), as in the trainer.
    assert.equal(normalise_params('same_seed_ab', { seed: 2 ** 40 }, relu_lab).seed, relu_lab.trainer_facts.seed[1]);
    assert.equal(normalise_params('same_seed_ab', { seed: 3e9 }, relu_lab).seed, 3e9);
    assert.equal(normalise_params('no_such_lab', {}, relu_lab), null);
});

test('A/B comparison: identical traces give 0, a different step gives its difference', () => {
    const trace = [
        { step: 0, loss: 2.3, accuracy: 0.1, dead_fraction: 0 },
        { step: 10, loss: 1.2, accuracy: 0.6, dead_fraction: 0.25 },
    ];
    const other = [
        { step: 0, loss: 2.3, accuracy: 0.1, dead_fraction: 0 },
        { step: 10, loss: 1.5, accuracy: 0.55, dead_fraction: 0 },
    ];
    const pairs = compare_copies([
        { activation: 'relu', trace },
        { activation: 'leaky_relu', trace: other },
        { activation: 'relu', trace: trace.map((p) => ({ ...p })) },
    ]);
    assert.deepEqual(
        pairs.map((p) => [p.i, p.j, p.same_activation]),
        [
            [0, 1, false],
            [0, 2, true],
            [1, 2, false],
        ]
    );
    assert.equal(pairs[1].max_difference, 0);
    assert.ok(Math.abs(pairs[0].max_difference - 0.3) < 1e-12); // loss 1.5 - 1.2
});

test('strided subsets keep every class of a class-ordered set', () => {
    const count = 100;
    const labels = Uint8Array.from({ length: count }, (_, i) => Math.floor(i / 10)); // 10 of each, in order
    const pixels = new Uint8Array(count * 4).map((_, i) => Math.floor(i / 4));
    const s = strided_subset({ pixels, labels, count, rows: 2, cols: 2 }, 20);
    assert.equal(s.count, 20);
    assert.deepEqual([...new Set(s.labels)].sort(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(Array.from(s.pixels.subarray(4, 8)), [5, 5, 5, 5]); // image 1 is source image 5
});

test('a refusal by the trainer reaches the page as a value it can translate', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
    // 2x2 images for a network that expects 28x28: refused by set_training_data.
    const tiny = { pixels: new Uint8Array(8), labels: new Uint8Array(2), count: 2, rows: 2, cols: 2 };
    await assert.rejects(run_same_seed_ab(relu_lab, { train: tiny, test: tiny }, { steps: 10 }), (error) => {
        assert.equal(error.i18n_key, 'labs.error_trainer');
        assert.match(error.params.refusal.error, /28/);
        assert.equal(error.params.detail, error.params.refusal.error);
        return true;
    });
});

// ---- The claims the labs' texts make, pinned on the real experiments (seed 1, the C++
// core in wasm, the bundled digits), so a text and its numbers cannot drift apart.

const digits_dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'data', 'digits');
async function bundled_lab_data(relu_lab) {
    const split = await bundled_digits_split(relu_lab, {
        images_gz: new Uint8Array(readFileSync(join(digits_dir, 'digits-images.idx3-ubyte.gz'))),
        labels_gz: new Uint8Array(readFileSync(join(digits_dir, 'digits-labels.idx1-ubyte.gz'))),
    });
    assert.ok(split.ok, split.error);
    return lab_data(split.train, split.test);
}

// Per activation: the first-batch gradient norms from layer 1 (input side) to the output layer.
function first_batch(result) {
    return Object.fromEntries(result.series.map((s) => [s.activation, s.before]));
}
const spread = (norms) => Math.max(...norms) / Math.min(...norms);
const input_over_output = (norms) => norms[0] / norms[norms.length - 1];

test('vanishing gradients, default (each activation its own initialiser): sigmoid vanishes; ReLU, Leaky ReLU, ELU and tanh stay within a factor of 10', async (t) => {
    const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
    const data = await bundled_lab_data(relu_lab);
    // The first batch's gradients do not depend on the number of steps; 10 keeps this quick.
    const result = await run_vanishing_gradients(relu_lab, data, { steps: 10 });
    assert.equal(result.params.depth, 20);
    assert.equal(result.params.init, 'automatic');
    // The text names what 'automatic' gives each activation: the core says which.
    assert.deepEqual(Object.fromEntries(result.series.map((s) => [s.activation, s.init])), {
        sigmoid: 'glorot_uniform',
        tanh: 'glorot_uniform',
        relu: 'he_normal',
        leaky_relu: 'he_normal',
        elu: 'he_normal',
    });
    const norms = first_batch(result);
    t.diagnostic(
        `input/output gradient ratio: ${JSON.stringify(Object.fromEntries(Object.entries(norms).map(([a, n]) => [a, input_over_output(n)])))}`
    );
    t.diagnostic(
        `largest/smallest layer: ${JSON.stringify(Object.fromEntries(Object.entries(norms).map(([a, n]) => [a, spread(n)])))}`
    );
    // "sigmoid's line falls steeply from the output to the input": 20 factors of at most 0.25.
    assert.ok(input_over_output(norms.sigmoid) < 1e-6, `sigmoid ${input_over_output(norms.sigmoid)}`);
    for (const activation of ['relu', 'leaky_relu', 'elu', 'tanh']) {
        // "stay within a factor of ten from layer to layer" (measured: 3.4 to 6.0)...
        assert.ok(spread(norms[activation]) < 10, `${activation} spread ${spread(norms[activation])}`);
        // ..."and even grow a little towards the input".
        assert.ok(input_over_output(norms[activation]) > 1, `${activation} ${input_over_output(norms[activation])}`);
    }
});

test('vanishing gradients, one initialiser for all: with Glorot ReLU vanishes too; with He sigmoid still does', async (t) => {
    const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
    const data = await bundled_lab_data(relu_lab);
    const glorot = await run_vanishing_gradients(relu_lab, data, { steps: 10, init: 'glorot_uniform' });
    assert.ok(glorot.series.every((s) => s.init === 'glorot_uniform'));
    const g = first_batch(glorot);
    t.diagnostic(
        `Glorot uniform for all, input/output: relu ${input_over_output(g.relu)}, leaky_relu ${input_over_output(g.leaky_relu)}, elu ${input_over_output(g.elu)}`
    );
    // "ReLU's and Leaky ReLU's first layer gets about a hundred times less than the last".
    for (const activation of ['relu', 'leaky_relu']) {
        const ratio = input_over_output(g[activation]);
        assert.ok(ratio > 1 / 300 && ratio < 1 / 30, `${activation} ${ratio}`);
    }
    const he = await run_vanishing_gradients(relu_lab, data, { steps: 10, init: 'he_normal' });
    assert.ok(he.series.every((s) => s.init === 'he_normal'));
    const h = first_batch(he);
    t.diagnostic(
        `He normal for all, input/output: sigmoid ${input_over_output(h.sigmoid)}, tanh ${input_over_output(h.tanh)}`
    );
    // "He's larger weights do not rescue sigmoid".
    assert.ok(input_over_output(h.sigmoid) < 1e-6, `sigmoid ${input_over_output(h.sigmoid)}`);
    assert.ok(h.relu[0] / h.sigmoid[0] > 1e6);
});

test("initialisation, default: with Glorot a 10-layer ReLU net's spread shrinks and learning crawls; with He it learns", async (t) => {
    const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
    const data = await bundled_lab_data(relu_lab);
    const result = await run_initialisation(relu_lab, data, { inits: ['he_normal', 'glorot_normal'] });
    const by_init = Object.fromEntries(result.series.map((s) => [s.init, s]));
    const { he_normal: he, glorot_normal: glorot } = by_init;
    const drop = (s) => s.trace[0].loss - s.trace.at(-1).loss;
    t.diagnostic(
        `after ${result.params.steps} steps: He loss ${he.trace[0].loss} -> ${he.trace.at(-1).loss}, accuracy ${he.trace.at(-1).accuracy}; Glorot loss ${glorot.trace[0].loss} -> ${glorot.trace.at(-1).loss}, accuracy ${glorot.trace.at(-1).accuracy}`
    );
    // "shrinks layer by layer": layer 10's spread is under a tenth of layer 1's.
    assert.ok(glorot.stddev.at(-1) < glorot.stddev[0] / 10, JSON.stringify(glorot.stddev));
    // "learning crawls": the held-out loss barely moves in 150 SGD steps, while He's falls by over 1.
    assert.ok(drop(glorot) < 0.05, `Glorot loss drop ${drop(glorot)}`);
    assert.ok(drop(he) > 1, `He loss drop ${drop(he)}`);
    assert.ok(he.trace.at(-1).accuracy > glorot.trace.at(-1).accuracy + 0.3);
});

test('worked example hints: a wrong cell gets a nudge that fits the mistake; right, empty and non-numbers get none', () => {
    // Expected values worked by hand: relu(z) = max(0, z), mask 1 for z > 0 else 0, downstream = upstream x mask.
    const at = (z, upstream) => ({
        relu: { z, upstream, expected: Math.max(0, z) },
        mask: { z, upstream, expected: z > 0 ? 1 : 0 },
        downstream: { z, upstream, expected: z > 0 ? upstream : 0 },
    });
    const negative = at(-1.5, 2);
    const positive = at(2, -0.5);
    const zero = at(0, 3);
    assert.equal(cell_hint('relu', '-1.5', negative.relu), 'relu_never_negative');
    assert.equal(cell_hint('relu', '1.5', negative.relu), 'relu_not_positive');
    assert.equal(cell_hint('relu', '0', positive.relu), 'relu_positive');
    assert.equal(cell_hint('mask', '1', zero.mask), 'mask_at_zero'); // the classic slip at exactly 0
    assert.equal(cell_hint('mask', '2', positive.mask), 'mask_zero_or_one');
    assert.equal(cell_hint('mask', '0', positive.mask), 'mask_positive');
    assert.equal(cell_hint('mask', '1', negative.mask), 'mask_negative');
    assert.equal(cell_hint('downstream', '-1', positive.downstream), 'downstream_times_z'); // -0.5 x 2
    assert.equal(cell_hint('downstream', '0', positive.downstream), 'downstream_passes');
    assert.equal(cell_hint('downstream', '2', negative.downstream), 'downstream_blocked');
    assert.equal(cell_hint('downstream', '-3', negative.downstream), 'downstream_times_z'); // 2 x -1.5
    for (const text of ['0', '', '  ', 'abc']) assert.equal(cell_hint('relu', text, negative.relu), null, text);
    assert.equal(cell_hint('mask', '1', positive.mask), null);
    assert.equal(cell_hint('downstream', '−0,5', positive.downstream), null);
});

test('augmentation lab, as shipped: with 250 digits the copy without augmentation overfits most, and reads fewer held-out digits', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'simd' });
    const data = await bundled_lab_data(relu_lab);
    const result = await run_augmentation(relu_lab, data, {});
    assert.deepEqual(result.params, {
        modes: ['none', 'shifts_rotations', 'elastic'],
        training_images: 250,
        steps: 300,
        seed: 1,
    });
    const final = Object.fromEntries(result.series.map((s) => [s.mode, s.trace.at(-1)]));
    const gap = (p) => p.train_accuracy - p.test_accuracy;
    console.log(JSON.stringify(final));
    // What the lab's text says: all 250 training digits right, about nine in ten held out...
    assert.ok(final.none.train_accuracy >= 0.99, `none reads ${final.none.train_accuracy} of its training digits`);
    assert.ok(
        final.none.test_accuracy > 0.85 && final.none.test_accuracy < 0.95,
        `none held out ${final.none.test_accuracy}`
    );
    // ... both augmentations keep the gap smaller and read more held-out digits: by at
    // least 3 of the 500 held-out digits. (Seeds 1 to 4 at 300 steps: shifts read 3 to 32
    // more and elastic 8 to 27 more, and both narrow the gap by as many points; seed 1,
    // the shipped one, is the closest call for shifts.)
    for (const mode of ['shifts_rotations', 'elastic']) {
        assert.ok(
            gap(final[mode]) < gap(final.none) - 0.005,
            `${mode} gap ${gap(final[mode])} vs none ${gap(final.none)}`
        );
        assert.ok(
            final[mode].test_accuracy > final.none.test_accuracy + 0.005,
            `${mode} held out ${final[mode].test_accuracy}`
        );
    }
    // The learner's settings are checked: unknown modes dropped, sizes from the list only.
    const checked = normalise_params(
        'augmentation',
        { modes: ['elastic', 'blur'], training_images: 300, steps: 5 },
        relu_lab
    );
    assert.deepEqual(checked, { modes: ['elastic'], training_images: 250, steps: 10, seed: 1 });
});
