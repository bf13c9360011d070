// The training benchmark's own arithmetic and peers (tests/bench/), checked without a
// browser: FLOP counts worked by hand, every peer building the same network, the
// textbook Adam applied to ConvNetJS, and the tfjs-wasm Conv2DBackpropFilter shim
// against tfjs's cpu backend.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { test } from 'node:test';

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import { flops_per_image, layer_shapes, presets, random_batch } from '../bench/networks.js';
import { create_convnetjs } from '../bench/peers/convnetjs_peer.js';
import { create_tfjs } from '../bench/peers/tfjs_peer.js';
import { register_conv2d_backprop_filter_shim } from '../bench/peers/tfjs_wasm_conv2d_backprop_filter.js';

test('FLOPs per image, worked by hand', () => {
    // seed-keras multiply-adds: conv 26*26*64*9*1 = 389,376; dense 13*13*64*128 = 1,384,448;
    // dense 128*10 = 1,280; forward = 2 * 1,775,104 = 3,550,208 FLOP.
    // train = 3 * forward - the first layer's input gradient (2 * 389,376) = 9,871,872 (the 9.87 M).
    assert.deepEqual(flops_per_image(presets['seed-keras'].layers), { infer: 3_550_208, train: 9_871_872 });
    // small: conv 28*28*8*25*1 = 156,800; conv 14*14*16*25*8 = 627,200; dense 4*4*16*10 = 2,560;
    // forward = 2 * 786,560 = 1,573,120; train = 3 * 1,573,120 - 2 * 156,800 = 4,405,760.
    assert.deepEqual(flops_per_image(presets.small.layers), { infer: 1_573_120, train: 4_405_760 });
    assert.deepEqual(
        layer_shapes(presets.small.layers).map((s) => [s.height, s.width, s.channels]),
        [
            [28, 28, 8],
            [14, 14, 8],
            [14, 14, 16],
            [4, 4, 16],
            [1, 1, 10],
        ]
    );
});

test('tfjs and ConvNetJS build the same networks (parameter counts worked by hand)', async () => {
    // seed-keras: 3*3*1*64 + 64 = 640; 10,816*128 + 128 = 1,384,576; 128*10 + 10 = 1,290.
    // small: 5*5*1*8 + 8 = 208; 5*5*8*16 + 16 = 3,216; 256*10 + 10 = 2,570.
    const expected = { 'seed-keras': 1_386_506, small: 5_994 };
    const tfjs_cpu = create_tfjs('cpu');
    assert.equal((await tfjs_cpu.init()).available, true);
    const convnetjs = create_convnetjs();
    for (const [name, preset] of Object.entries(presets)) {
        const train = random_batch(preset.train_batch, 1);
        const infer = random_batch(4, 2);
        for (const peer of [tfjs_cpu, convnetjs]) {
            const net = await peer.build(preset, train, infer);
            assert.equal(net.parameter_count(), expected[name], `${peer.name} ${name}`);
            net.dispose();
        }
    }
});

test('ConvNetJS gets textbook Adam: the first step moves each weight by the learning rate', async () => {
    // Adam's first step is lr * m1 / (sqrt(v1) + eps) with m1 = g, v1 = g^2 after bias
    // correction, i.e. lr * sign(g) for |g| >> eps. ConvNetJS's GitHub Adam (multiplying
    // by the corrections) would move by lr * (0.1 * 0.1) / sqrt(0.001 * 0.001) = 10 lr.
    // ConvNetJS draws its initial weights from Math.random (no seed); the claim holds for any.
    const preset = presets.small;
    const net = await create_convnetjs().build(preset, random_batch(preset.train_batch, 7), random_batch(1, 8));
    const snapshot = net.parameters_snapshot();
    await net.train_step();
    const after = net.parameters_snapshot();
    const moves = snapshot.map((v, i) => Math.abs(after[i] - v)).filter((d) => d > 0);
    assert.ok(moves.length > snapshot.length / 2, `${moves.length} of ${snapshot.length} weights moved`);
    for (const d of moves) assert.ok(d <= 1e-3 * (1 + 1e-6), `moved ${d}`);
    moves.sort((a, b) => a - b);
    const median_move = moves[moves.length >> 1];
    assert.ok(Math.abs(median_move - 1e-3) < 1e-5, `median move ${median_move}`);
});

test('tfjs-wasm Conv2DBackpropFilter shim matches the cpu backend (seed 3)', async () => {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    register_conv2d_backprop_filter_shim();
    console.log('shim test seed 3');
    const cases = [
        [3, 28, 1, 3, 64, 'valid'],
        [2, 14, 8, 5, 16, 'same'],
        [2, 9, 3, 4, 5, 'same'],
    ];
    for (const [batch, side, channels, kernel, filters, padding] of cases) {
        const out_side = padding === 'same' ? side : side - kernel + 1;
        const x = tf.randomNormal([batch, side, side, channels], 0, 1, 'float32', 3).arraySync();
        const dy = tf.randomNormal([batch, out_side, out_side, filters], 0, 1, 'float32', 4).arraySync();
        const filter = tf.randomNormal([kernel, kernel, channels, filters], 0, 1, 'float32', 5).arraySync();
        const filter_gradient = () =>
            tf
                .grad((f) => tf.conv2d(tf.tensor(x), f, 1, padding).mul(tf.tensor(dy)).sum())(tf.tensor(filter))
                .dataSync();
        await tf.setBackend('cpu');
        const expected = filter_gradient();
        await tf.setBackend('wasm');
        const got = filter_gradient();
        // float32 sums of up to 32*26*26 = 21,632 products of N(0, 1) values: the two
        // backends sum in different orders, so allow 1e-5 of the largest magnitude.
        const scale = Math.max(...expected.map(Math.abs));
        for (let i = 0; i < expected.length; i++)
            assert.ok(
                Math.abs(got[i] - expected[i]) <= 1e-5 * scale,
                `case ${[batch, side, channels, kernel, filters, padding]} index ${i}`
            );
    }
    await tf.setBackend('cpu');
});
