// "Inside one unit" recomputes a conv2d or dense unit from the layer's input, weights and
// bias in double precision (web/trainer/insight/unit_explanation.js). These tests hold that
// recomputation to the engine's own forward pass, unit by unit, through the same worker
// requests the page uses, in the SIMD and the scalar build, for valid and same padding,
// stride 2, 3x3 and 5x5 kernels, several input channels and dense layers on a flattened map.
// Tolerance: 1e-6 times max(1, the sum of |product| and |bias|), since the engine adds in
// float32 in its own order (engine_tolerance).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { create_trainer, preset_config } from '../../web/bridge/trainer.js';
import {
    channels_by_influence,
    conv_unit_explanation,
    dense_unit_explanation,
    engine_tolerance,
    flat_index_position,
} from '../../web/trainer/insight/unit_explanation.js';
import { handle_inspection_request } from '../../web/workers/model_inspection.js';
import { bundled_images, every_tenth_digit } from '../support/bundled_digits.js';

const sample = every_tenth_digit;
const images = bundled_images;

const conv = (units, kernel_size, activation, extra = {}) => ({
    type: 'conv2d',
    units,
    kernel_size,
    activation,
    ...extra,
});

// Networks whose every conv2d and dense unit is checked (or a spread of them where a layer
// has tens of thousands).
const networks = {
    small: (relu_lab) => preset_config(relu_lab, 'small').config,
    'seed-keras': (relu_lab) => preset_config(relu_lab, 'seed-keras').config,
    'same padding, stride 2, 5x5, leaky_relu and elu': (relu_lab) => ({
        ...preset_config(relu_lab, 'small').config,
        layers: [
            conv(6, 5, 'leaky_relu', { padding: 'same', activation_param: 0.1 }),
            conv(5, 3, 'elu', { stride: 2, padding: 'same' }),
            { type: 'flatten' },
            { type: 'dense', units: 16, activation: 'tanh' },
            { type: 'dense', units: 10, activation: 'softmax' },
        ],
    }),
};

const max_units_per_layer = 3000;

for (const build of ['simd', 'scalar']) {
    const relu_lab = await load_relu_lab_in_node({ build });
    for (const [name, make_config] of Object.entries(networks)) {
        test(`${build}, ${name}: every recomputed unit equals the engine's forward pass`, (t) => {
            const made = create_trainer(relu_lab, { ...make_config(relu_lab), seed: 11 });
            assert.ok(made.ok, made.error);
            const trainer = made.trainer;
            assert.deepEqual(trainer.set_training_data(sample(256, 0)), { ok: true });
            for (let i = 0; i < 8; i++) assert.equal(trainer.step(1).ok, true); // weights off their initial draw
            const digit = images.slice(4321 * 784, 4322 * 784);
            const outputs = handle_inspection_request(trainer, { type: 'layer_outputs', pixels: digit });
            assert.equal(outputs.ok, true);

            let checked = 0;
            let worst = 0;
            let worst_relative = 0;
            for (const layer of outputs.layers) {
                if (layer.type !== 'conv2d' && layer.type !== 'dense') continue;
                const parameters = handle_inspection_request(trainer, { type: 'layer_parameters', index: layer.index });
                assert.equal(parameters.ok, true);
                const input = layer.index === 0 ? outputs.input : outputs.layers[layer.index - 1].values;
                assert.equal(input.length, layer.in.channels * layer.in.height * layer.in.width);
                const total = layer.channels * layer.height * layer.width;
                const every = Math.max(1, Math.ceil(total / max_units_per_layer));
                for (let index = 0; index < total; index += every) {
                    const per_map = layer.height * layer.width;
                    const explanation =
                        layer.type === 'conv2d'
                            ? conv_unit_explanation({
                                  layer,
                                  input,
                                  weights: parameters.weights,
                                  bias: parameters.bias,
                                  channel: Math.floor(index / per_map),
                                  row: Math.floor((index % per_map) / layer.width),
                                  column: index % layer.width,
                              })
                            : dense_unit_explanation({
                                  layer,
                                  input,
                                  weights: parameters.weights,
                                  bias: parameters.bias,
                                  unit: index,
                              });
                    const difference = Math.abs(explanation.pre_activation - layer.values[index]);
                    const tolerance = engine_tolerance(explanation);
                    assert.ok(
                        difference <= tolerance,
                        `${layer.name} unit ${index}: ${explanation.pre_activation} vs ${layer.values[index]}`
                    );
                    worst = Math.max(worst, difference);
                    worst_relative = Math.max(worst_relative, difference / Math.max(1, explanation.magnitude));
                    checked++;
                }
            }
            t.diagnostic(
                `${checked} units; largest difference ${worst.toExponential(2)}, relative ${worst_relative.toExponential(2)}`
            );
            assert.ok(checked > 100);
            trainer.dispose();
        });
    }
}

test('padding cells are null and count as 0; products and sums add up', () => {
    // A 1-channel 3x3 input, one 3x3 filter of 1..9, same padding: the corner unit sees 4 pixels.
    const layer = {
        in: { channels: 1, height: 3, width: 3 },
        channels: 1,
        height: 3,
        width: 3,
        kernel_size: 3,
        stride: 1,
        pad_top: 1,
        pad_left: 1,
    };
    const input = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const weights = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const e = conv_unit_explanation({
        layer,
        input,
        weights,
        bias: Float32Array.of(0.5),
        channel: 0,
        row: 0,
        column: 0,
    });
    assert.deepEqual(e.patches[0].inputs, [null, null, null, null, 1, 2, null, 4, 5]);
    // Weights 5, 6, 8, 9 meet pixels 1, 2, 4, 5: 5 + 12 + 32 + 45 = 94.
    assert.equal(e.sum, 94);
    assert.equal(e.pre_activation, 94.5);
    assert.deepEqual(e.patches[0].products, [0, 0, 0, 0, 5, 12, 0, 32, 45]);
});

test('several input channels: per-channel sums ranked by size, total is their sum', () => {
    const layer = {
        in: { channels: 3, height: 1, width: 1 },
        channels: 1,
        height: 1,
        width: 1,
        kernel_size: 1,
        stride: 1,
        pad_top: 0,
        pad_left: 0,
    };
    const e = conv_unit_explanation({
        layer,
        input: Float32Array.of(1, 2, 3),
        weights: Float32Array.of(0.5, -4, 1),
        bias: Float32Array.of(0),
        channel: 0,
        row: 0,
        column: 0,
    });
    assert.deepEqual(
        channels_by_influence(e).map((p) => [p.channel, p.sum]),
        [
            [1, -8],
            [2, 3],
            [0, 0.5],
        ]
    );
    assert.equal(e.sum, -4.5);
});

test('dense: the top contributions by size, the rest summed, flattened positions named', () => {
    const layer = { in: { channels: 4, height: 1, width: 1 }, channels: 1, height: 1, width: 1 };
    const e = dense_unit_explanation({
        layer,
        input: Float32Array.of(1, 1, 1, 1),
        weights: Float32Array.of(0.25, -3, 2, 0.5),
        bias: Float32Array.of(1),
        unit: 0,
        top: 2,
    });
    assert.deepEqual(
        e.contributions.map((c) => c.index),
        [1, 2]
    );
    assert.equal(e.rest_count, 2);
    assert.equal(e.rest_sum, 0.75);
    assert.equal(e.pre_activation, 0.75);
    assert.deepEqual(flat_index_position(27, { channels: 2, height: 4, width: 5 }), { channel: 1, row: 1, column: 2 });
    assert.equal(flat_index_position(3, { channels: 4, height: 1, width: 1 }), null);
});
