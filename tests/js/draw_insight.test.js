// The pure pieces of the draw pad and "what the network sees" (web/trainer/pixels/digit_pixels.js),
// the normalisation bridge (web/bridge/digit_normalize.js) and the inspection requests the
// trainer worker delegates (web/workers/model_inspection.js), on the real wasm module and
// the shipped pretrained model.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { bundled_digits_split } from '../../web/bridge/datasets.js';
import { normalize_digit } from '../../web/bridge/digit_normalize.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { trainer_from_model } from '../../web/bridge/trainer.js';
import {
    confusion_examples,
    diverging_rgba,
    grey_rgba,
    ink_from_rgba,
    latest_only,
    max_abs,
    misclassified_examples,
    negative_fraction,
    parse_css_colour,
    rgba_blocks_from_image,
    top_classes,
    zero_fraction,
} from '../../web/trainer/pixels/digit_pixels.js';
import { handle_inspection_request, max_images_per_request } from '../../web/workers/model_inspection.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const relu_lab = await load_relu_lab_in_node({ build: 'simd' });
const model_bytes = new Uint8Array(readFileSync(join(root, 'web', 'data', 'models', 'pretrained-small.relulab')));
const split = await bundled_digits_split(relu_lab, {
    images_gz: new Uint8Array(readFileSync(join(root, 'web', 'data', 'digits', 'digits-images.idx3-ubyte.gz'))),
    labels_gz: new Uint8Array(readFileSync(join(root, 'web', 'data', 'digits', 'digits-labels.idx1-ubyte.gz'))),
});

test('pixels: ink is the alpha channel, blocks round-trip, colour scales hit their ends', () => {
    // 2 x 1 RGBA: alpha 0 and 255 -> ink 0 and 1, whatever the colour.
    assert.deepEqual(Array.from(ink_from_rgba(new Uint8ClampedArray([9, 9, 9, 0, 1, 2, 3, 255]), 2, 1)), [0, 1]);
    // A 2 x 2 image enlarged 3x: 6 x 6 RGBA, each pixel a 3 x 3 block with its value as alpha.
    const blocks = rgba_blocks_from_image(Uint8Array.from([0, 51, 102, 255]), 2, 2, 3, [10, 20, 30]);
    assert.equal(blocks.length, 6 * 6 * 4);
    assert.equal(blocks[(0 * 6 + 0) * 4 + 3], 0);
    assert.equal(blocks[(2 * 6 + 5) * 4 + 3], 51); // row 2 (source row 0), col 5 (source col 1)
    assert.equal(blocks[(3 * 6 + 2) * 4 + 3], 102); // source (1, 0)
    assert.equal(blocks[(5 * 6 + 5) * 4 + 3], 255);
    assert.deepEqual(Array.from(blocks.subarray(0, 3)), [10, 20, 30]);
    // Grey: 0 is paper, 1 is ink, 0.5 halfway (rounded), out-of-range and NaN clamped.
    const grey = grey_rgba(Float32Array.from([0, 1, 0.5, 7, NaN]), [0, 0, 0], [200, 100, 50]);
    assert.deepEqual(
        Array.from(grey),
        [200, 100, 50, 255, 0, 0, 0, 255, 100, 50, 25, 255, 0, 0, 0, 255, 200, 100, 50, 255]
    );
    // Diverging: -limit, 0, +limit, 2 * limit (clamped), and limit 0 (all zero colour).
    const d = diverging_rgba(Float32Array.from([-2, 0, 2, 4]), 2, [0, 0, 255], [255, 255, 255], [255, 0, 0]);
    assert.deepEqual(Array.from(d), [0, 0, 255, 255, 255, 255, 255, 255, 255, 0, 0, 255, 255, 0, 0, 255]);
    assert.deepEqual(
        Array.from(diverging_rgba(Float32Array.from([3]), 0, [0, 0, 0], [7, 8, 9], [1, 1, 1])),
        [7, 8, 9, 255]
    );
});

test('pixels: statistics, top classes, confusion examples and misclassified ordering', () => {
    const v = Float32Array.from([-3, 0, 2, -1, 0.5, NaN]);
    assert.equal(max_abs(v), 3);
    assert.equal(max_abs(v, 2, 5), 2);
    assert.equal(zero_fraction(v), 1 / 6);
    assert.equal(negative_fraction(v), 2 / 6);
    assert.equal(zero_fraction(v, 3, 3), 0);
    assert.deepEqual(
        top_classes(Float32Array.from([0.1, 0.6, 0.3]), 2).map((c) => c.label),
        [1, 2]
    );
    // Ties keep the smaller label first.
    assert.deepEqual(
        top_classes([0.5, 0.5], 2).map((c) => c.label),
        [0, 1]
    );

    const labels = [0, 1, 1, 2, 2, 2];
    const predicted = [0, 1, 2, 2, 0, 2];
    const cells = confusion_examples(labels, predicted, 3);
    assert.deepEqual(cells[1][2], [2]);
    assert.deepEqual(cells[2][0], [4]);
    assert.deepEqual(cells[2][2], [3, 5]);
    assert.equal(
        cells.flat().reduce((n, c) => n + c.length, 0),
        6
    );
    // Probabilities [6, 3]: image 2 wrong with p = 0.9, image 4 wrong with p = 0.7.
    const p = Float32Array.from([1, 0, 0, 0, 1, 0, 0.05, 0.05, 0.9, 0, 0, 1, 0.7, 0, 0.3, 0, 0, 1]);
    assert.deepEqual(
        misclassified_examples(labels, predicted, p, 3).map((m) => [m.index, m.label, m.predicted]),
        [
            [2, 1, 2],
            [4, 2, 0],
        ]
    );
    assert.equal(misclassified_examples(labels, predicted, p, 3, 1).length, 1);

    assert.deepEqual(parse_css_colour('#0a5fb4'), [10, 95, 180]);
    assert.deepEqual(parse_css_colour(' rgb(29, 31, 35) '), [29, 31, 35]);
    assert.deepEqual(parse_css_colour('#fff'), [255, 255, 255]);
    assert.deepEqual(parse_css_colour('oklch(0.5 0.1 200)', [1, 2, 3]), [1, 2, 3]);
});

test('latest_only: one call in flight, the latest waiting request wins', async () => {
    const seen = [];
    let release;
    const work = latest_only(async (arg) => {
        seen.push(arg);
        if (arg === 1)
            await new Promise((resolve) => {
                release = resolve;
            });
    });
    work(1);
    work(2);
    work(3); // replaces 2 while 1 runs
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(seen, [1]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(seen, [1, 3]);
});

test('normalize bridge: a 40 x 20 rectangle becomes a centred 20 x 10 block, with the step-2 image', () => {
    // Same case as the C++ test: box 40 x 20 at (10, 5) of 100 x 60; scale 0.5; the 20 x 10
    // block has its centre of mass at (10, 5) and lands at (14 - 10, 14 - 5) = (4, 9).
    const rows = 100,
        cols = 60;
    const ink = new Float32Array(rows * cols);
    for (let r = 10; r < 50; r++) for (let c = 5; c < 25; c++) ink[r * cols + c] = 1;
    const n = normalize_digit(relu_lab, ink, rows, cols);
    assert.equal(n.ok, true);
    assert.deepEqual([n.steps.box_top, n.steps.box_left, n.steps.box_rows, n.steps.box_cols], [10, 5, 40, 20]);
    assert.deepEqual(
        [n.steps.scaled_rows, n.steps.scaled_cols, n.steps.offset_row, n.steps.offset_col],
        [20, 10, 4, 9]
    );
    assert.equal(n.steps.scale, 0.5);
    assert.equal(n.image.length, 784);
    assert.equal(n.scaled.length, 400);
    for (let r = 0; r < 28; r++) {
        for (let c = 0; c < 28; c++)
            assert.ok(Math.abs(n.image[r * 28 + c] - (r >= 4 && r < 24 && c >= 9 && c < 19 ? 1 : 0)) < 1e-6);
    }
    for (let r = 0; r < 20; r++) {
        for (let c = 0; c < 20; c++) assert.ok(Math.abs(n.scaled[r * 20 + c] - (c < 10 ? 1 : 0)) < 1e-6);
    }
    const empty = normalize_digit(relu_lab, new Float32Array(30 * 30), 30, 30);
    assert.equal(empty.ok, false);
    assert.match(empty.error, /Nothing drawn/);
    // The C++ code travels as it is, so the learner reads its translation.
    assert.equal(empty.code, 'digit.nothing_drawn');
    assert.equal('code' in empty.steps, false);
    assert.throws(() => normalize_digit(relu_lab, new Float32Array(5), 3, 3), RangeError);
});

test('normalize bridge: a held-out digit enlarged 10x on a pad comes back as itself', () => {
    // What the pad does for "pick a sample": each pixel a 10 x 10 block; area averaging over
    // a 200 px box that is already 20 source pixels long gives the pixel values back.
    const index = 7;
    const digit = split.test.pixels.subarray(index * 784, (index + 1) * 784);
    const rgba = rgba_blocks_from_image(digit, 28, 28, 10, [0, 0, 0]);
    const n = normalize_digit(relu_lab, ink_from_rgba(rgba, 280, 280), 280, 280);
    assert.equal(n.ok, true);
    let worst = 0;
    for (let i = 0; i < 784; i++) worst = Math.max(worst, Math.abs(n.image[i] - digit[i] / 255));
    // The bundled digits were centred by the same rule, so the offset brings every pixel
    // back to its own place; the values agree to float rounding.
    assert.ok(worst < 1e-5, `largest difference ${worst}`);
});

test('inspection: predict, layer outputs before and after ReLU, filters', () => {
    const { trainer } = trainer_from_model(relu_lab, model_bytes);
    assert.equal(
        handle_inspection_request(null, { type: 'predict', pixels: new Uint8Array(784) }).code,
        'insight.no_model'
    );
    assert.throws(() => handle_inspection_request(trainer, { type: 'no_such_request' }), /unknown request/);
    assert.equal(handle_inspection_request(trainer, { type: 'predict', pixels: new Uint8Array(10) }).ok, false);

    const index = 123;
    const image = split.test.pixels.slice(index * 784, (index + 1) * 784);
    const p = handle_inspection_request(trainer, { type: 'predict', pixels: image });
    assert.equal(p.ok, true);
    assert.equal(p.probabilities.length, 10);
    assert.ok(Math.abs(p.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5);
    assert.equal(p.predicted, split.test.labels[index]);

    // Without pixels: the last predicted image; after evaluation ran 1,000 others through.
    trainer.set_eval_data(split.test);
    trainer.evaluate();
    const out = handle_inspection_request(trainer, { type: 'layer_outputs' });
    assert.equal(out.ok, true);
    assert.deepEqual(Array.from(out.probabilities), Array.from(p.probabilities));
    assert.equal(out.input.length, 784);
    assert.ok(Math.abs(out.input[400] - image[400] / 255) < 1e-7);
    const pairs = out.layers.filter((l) => l.pre_activation_of >= 0);
    assert.deepEqual(
        pairs.map((l) => [out.layers[l.pre_activation_of].name, l.name]),
        [
            ['conv2d_1', 'relu_1'],
            ['conv2d_2', 'relu_2'],
        ]
    );
    for (const after of pairs) {
        const before = out.layers[after.pre_activation_of];
        assert.equal(before.values.length, before.channels * before.height * before.width);
        assert.deepEqual([after.channels, after.height, after.width], [before.channels, before.height, before.width]);
        // The independent reference: after = max(0, before), exactly.
        let negatives = 0;
        for (let i = 0; i < before.values.length; i++) {
            assert.equal(after.values[i], Math.max(0, before.values[i]));
            if (before.values[i] < 0) negatives++;
        }
        assert.ok(negatives > 0, `${before.name} has negative values for ReLU to remove`);
    }
    // The logits layer (last) is 10 wide; softmax of it is the probabilities.
    const logits = out.layers[out.layers.length - 1].values;
    const exp = Array.from(logits, (z) => Math.exp(z - Math.max(...logits)));
    const sum = exp.reduce((a, b) => a + b, 0);
    exp.forEach((e, i) => assert.ok(Math.abs(e / sum - out.probabilities[i]) < 1e-5));

    const filters = handle_inspection_request(trainer, { type: 'first_layer_filters' });
    assert.equal(filters.ok, true);
    assert.deepEqual([filters.filters, filters.channels, filters.kernel_size, filters.weights.length], [8, 1, 5, 200]);
    trainer.dispose();
});

test('inspection: evaluate_details agrees with the confusion matrix; eval_images returns the right digits', () => {
    const { trainer } = trainer_from_model(relu_lab, model_bytes);
    trainer.set_eval_data(split.test);
    assert.equal(handle_inspection_request(trainer, { type: 'evaluate_details' }).code, 'insight.no_eval_data');
    const d = handle_inspection_request(trainer, { type: 'evaluate_details' }, { eval_data: split.test });
    assert.equal(d.ok, true);
    assert.equal(d.count, 1000);
    assert.equal(d.probabilities.length, 10000);
    // Rebuild the matrix from the per-image answers: it must equal the C++ one.
    const rebuilt = new Array(100).fill(0);
    for (let i = 0; i < d.count; i++) rebuilt[d.labels[i] * 10 + d.predicted[i]]++;
    assert.deepEqual(Array.from(d.confusion), rebuilt);
    let right = 0;
    for (let i = 0; i < d.count; i++) if (d.labels[i] === d.predicted[i]) right++;
    assert.ok(Math.abs(right / d.count - d.accuracy) < 1e-9);
    // The answer for one image agrees with predicting it alone.
    const wrong = misclassified_examples(d.labels, d.predicted, d.probabilities, 10);
    assert.equal(wrong.length, d.count - right);
    const first = wrong[0];
    const alone = handle_inspection_request(trainer, {
        type: 'predict',
        pixels: split.test.pixels.slice(first.index * 784, (first.index + 1) * 784),
    });
    assert.equal(alone.predicted, first.predicted);
    // Given an evaluation (the trainer worker passes its team's), the details come from it.
    const given = { ...trainer.evaluate({ with_probabilities: true, with_layer_statistics: false }), accuracy: 0.5 };
    const from_given = handle_inspection_request(
        trainer,
        { type: 'evaluate_details' },
        { eval_data: split.test, evaluation: given }
    );
    assert.equal(from_given.accuracy, 0.5);
    assert.equal(from_given.probabilities, given.probabilities);

    const images = handle_inspection_request(
        trainer,
        { type: 'eval_images', indices: [first.index, 5, -1, 1e9, 2.5] },
        { eval_data: split.test }
    );
    assert.deepEqual(images.indices, [first.index, 5]);
    assert.deepEqual(Array.from(images.labels), [split.test.labels[first.index], split.test.labels[5]]);
    assert.deepEqual(Array.from(images.pixels.subarray(784)), Array.from(split.test.pixels.subarray(5 * 784, 6 * 784)));
    const many = handle_inspection_request(
        null,
        { type: 'eval_images', indices: Array.from({ length: 1000 }, (_, i) => i) },
        { eval_data: split.test }
    );
    assert.equal(many.indices.length, max_images_per_request);
    trainer.dispose();
});

test('inspection: a network without convolutions has no filters, and its dense ReLUs pair up', async () => {
    const { preset_config, create_trainer } = await import('../../web/bridge/trainer.js');
    const config = preset_config(relu_lab, 'deep-mlp').config;
    const made = create_trainer(relu_lab, { ...config, seed: 3 });
    assert.ok(made.ok, made.error);
    const filters = handle_inspection_request(made.trainer, { type: 'first_layer_filters' });
    assert.deepEqual([filters.ok, filters.code], [false, 'insight.no_conv']);
    const out = handle_inspection_request(made.trainer, {
        type: 'layer_outputs',
        pixels: split.test.pixels.slice(0, 784),
    });
    assert.equal(out.ok, true);
    const pairs = out.layers.filter((l) => l.pre_activation_of >= 0);
    assert.ok(pairs.length >= 2, `${pairs.length} activation layers`);
    for (const after of pairs) {
        const before = out.layers[after.pre_activation_of];
        assert.equal(before.type, 'dense');
        assert.equal(after.height * after.width, 1);
        for (let i = 0; i < before.values.length; i++) assert.equal(after.values[i], Math.max(0, before.values[i]));
    }
    made.trainer.dispose();
});
