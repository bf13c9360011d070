// The arithmetic behind Learn's live examples, in Node with the real wasm kernels: the
// seed network's shapes and parameter counts against the C++ network itself, the
// convolution patch worked by hand, the gradient products, the dead-unit count, the
// signal through He and LeCun layers, and the sigmoids summing to softplus.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { create_trainer, preset_config } from '../../web/bridge/trainer.js';
import { layer_table } from '../../web/learn/examples/cnn_shapes.js';
import { conv_pre_activations, max_pool_2x2 } from '../../web/learn/examples/conv_patch.js';
import { count_dead_units, pre_activations_at } from '../../web/learn/examples/dead_units.js';
import { depth_products } from '../../web/learn/examples/gradient_depth.js';
import { init_draws, init_schemes, init_setup, signal_rms } from '../../web/learn/examples/init_signal.js';
import { collapse_outputs, collapse_weights } from '../../web/learn/examples/linear_collapse.js';
import { kinks } from '../../web/learn/examples/kink_conventions.js';
import { stepped_sum } from '../../web/learn/examples/stepped_sigmoids.js';

const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });

test('the seed network: 26x26x64 and 640, 13x13x64, 10,816, 1,384,576 and 1,290, as the C++ network builds it', () => {
    const { rows, total, input } = layer_table(preset_config(relu_lab, 'seed-keras').config);
    assert.deepEqual(input, [28, 28, 1]);
    assert.deepEqual(
        rows.map((r) => [r.code, r.shape, r.parameters]),
        [
            ['Conv2D(64, (3, 3), activation="relu")', [26, 26, 64], 640],
            ['MaxPooling2D((2, 2))', [13, 13, 64], 0],
            ['Flatten()', [10816], 0],
            ['Dense(128, activation="relu")', [128], 1384576],
            ['Dense(10, activation="softmax")', [10], 1290],
        ]
    );
    assert.equal(total, 1386506);
    // The same counts from the C++ network of every preset (its activation layers apart).
    for (const name of ['seed-keras', 'small', 'deep-mlp']) {
        const config = preset_config(relu_lab, name).config;
        const made = create_trainer(relu_lab, config);
        assert.ok(made.ok, name);
        const cpp = made.trainer.layers().filter((l) => l.type !== 'activation');
        const ours = layer_table(config);
        assert.deepEqual(
            ours.rows.map((r) => r.parameters),
            cpp.map((l) => l.parameters),
            name
        );
        assert.deepEqual(
            ours.rows.map((r) => r.shape.reduce((a, b) => a * b, 1)),
            cpp.map((l) => l.channels * l.height * l.width),
            name
        );
        assert.equal(ours.total, made.trainer.parameter_count(), name);
        made.trainer.dispose();
    }
});

test('the convolution patch, worked by hand', () => {
    const z = conv_pre_activations();
    // Row 0, column 2: the patch [[0,0,1],[0,1,1],[1,1,0]] on the stroke.
    // -1·0 - 1·0 + 2·1 - 1·0 + 2·1 - 1·1 + 2·1 - 1·1 - 1·0 = 4, plus the bias -1: 3.
    assert.equal(z[2], 3);
    // Row 0, column 0: only the corner pixel, weight -1, plus the bias: -2.
    assert.equal(z[0], -2);
    const y = relu_lab.forward('relu', z);
    assert.ok(y.every((v, i) => v === Math.max(0, z[i])));
    assert.deepEqual(max_pool_2x2([1, 2, 0, 0, 3, 4, 0, 5, 0, 0, 0, 0, 0, 6, 0, 0]), [4, 5, 6, 0]);
    // ReLU then pooling equals pooling then ReLU (ReLU keeps the order of numbers).
    assert.deepEqual(
        max_pool_2x2(Array.from(y)),
        Array.from(relu_lab.forward('relu', Float32Array.from(max_pool_2x2(Array.from(z)))))
    );
});

test('gradient products: 0.25^n for sigmoid at 0, 1 for active ReLU units, 0 past an inactive one', () => {
    const at_zero = depth_products(relu_lab, 10, 0);
    assert.ok(Math.abs(at_zero.sigmoid[9] - 0.25 ** 10) < 1e-12);
    assert.equal(at_zero.tanh[9], 1);
    assert.equal(at_zero.relu[0], 0); // relu'(0) = 0 by the kernels' convention
    const at_one = depth_products(relu_lab, 20, 1);
    assert.deepEqual(at_one.relu, new Array(20).fill(1));
    assert.ok(at_one.sigmoid[19] < 1e-13 && at_one.tanh[19] < 1e-7);
});

test('kink conventions: the kernels agree with PyTorch at every kink the table shows', () => {
    for (const k of kinks) {
        const kernel = relu_lab.derivative(k.name, new Float32Array([k.x]), k.param)[0];
        assert.ok(Math.abs(kernel - k.pytorch[0]) < 1e-6, `${k.name}'(${k.x}) = ${kernel}`);
    }
    assert.ok(
        kinks.some((k) => k.pytorch[0] !== k.tensorflow[0]),
        'the table shows a disagreement'
    );
});

test('dead units: ReLU units with biases far below 0 die, Leaky ReLU units never', () => {
    const units = 50;
    const inputs = 20;
    const offsets = new Float32Array(units).fill(0);
    const noise = new Float32Array(units * inputs).map((_, i) => ((i % 7) - 3) / 3); // in [-1, 1]
    assert.equal(
        count_dead_units(relu_lab, 'relu', undefined, pre_activations_at(-2, offsets, noise, inputs), units, inputs),
        units
    );
    assert.equal(
        count_dead_units(relu_lab, 'relu', undefined, pre_activations_at(2, offsets, noise, inputs), units, inputs),
        0
    );
    assert.equal(
        count_dead_units(relu_lab, 'leaky_relu', 0.01, pre_activations_at(-2, offsets, noise, inputs), units, inputs),
        0
    );
});

test('signal through ReLU layers: He keeps its size, LeCun halves the mean square per layer, 0.01 vanishes', () => {
    const draws = init_draws(1);
    const std = Object.fromEntries(init_schemes.map((s) => [s.id, s.std(init_setup.width)]));
    const he = signal_rms(relu_lab, draws, std.he, 10);
    const lecun = signal_rms(relu_lab, draws, std.lecun, 10);
    const small = signal_rms(relu_lab, draws, std.small, 10);
    assert.ok(he[9] > 0.4 && he[9] < 2.5, `He after 10 layers: ${he[9]}`);
    // Same draws scaled by 1/sqrt(2) per layer and ReLU positively homogeneous: exactly 2^-(l/2).
    lecun.forEach((v, l) => assert.ok(Math.abs(v / he[l] - 2 ** (-(l + 1) / 2)) < 1e-4, `layer ${l + 1}`));
    assert.ok(small[9] < 1e-10, `0.01 after 10 layers: ${small[9]}`);
});

test('the linear network is a straight line whatever the weights; with ReLU it bends', () => {
    const xs = Float32Array.from({ length: 61 }, (_, i) => -3 + i * 0.1);
    for (const seed of [1, 2, 3, 4]) {
        const out = collapse_outputs(relu_lab, xs, collapse_weights(seed));
        const second_difference = (ys, i) => ys[i + 1] - 2 * ys[i] + ys[i - 1];
        let max_linear = 0;
        let max_relu = 0;
        for (let i = 1; i < xs.length - 1; i++) {
            max_linear = Math.max(max_linear, Math.abs(second_difference(out.linear, i)));
            max_relu = Math.max(max_relu, Math.abs(second_difference(out.relu, i)));
        }
        assert.ok(max_linear < 1e-5, `seed ${seed}: linear bends by ${max_linear}`);
        assert.ok(max_relu > 1e-2, `seed ${seed}: ReLU output does not bend`);
    }
});

test('the sum of shifted sigmoids approaches softplus as copies are added', () => {
    const xs = Float32Array.from([-2, 0, 1, 2, 3]);
    const softplus = relu_lab.forward('softplus', xs);
    const gap = (copies) =>
        Math.max(...Array.from(stepped_sum(relu_lab, xs, copies), (s, i) => Math.abs(s - softplus[i])));
    assert.ok(gap(20) < gap(5) && gap(5) < gap(1), `${gap(1)} ${gap(5)} ${gap(20)}`);
    assert.ok(gap(20) < 0.05, String(gap(20)));
});
