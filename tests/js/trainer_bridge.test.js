// The trainer as page code sees it (web/bridge/trainer.js), on the real bundled digits:
// values in, values out, refusals as sentences, no wasm memory left behind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { create_trainer, preset_config, trainer_from_model } from '../../web/bridge/trainer.js';
import { every_tenth_digit } from '../support/bundled_digits.js';

const sample = every_tenth_digit;

const relu_lab = await load_relu_lab_in_node({ build: 'simd' });

test('presets and refusals come back as values with a sentence', () => {
    const small = preset_config(relu_lab, 'small');
    assert.equal(small.ok, true);
    assert.ok(Array.isArray(small.config.layers) && small.config.layers.length > 0);
    const unknown = preset_config(relu_lab, 'huge-net');
    assert.equal(unknown.ok, false);
    assert.match(unknown.error, /huge-net/);
    const bad = create_trainer(relu_lab, { ...small.config, batch_size: 0 });
    assert.equal(bad.ok, false);
    assert.ok(bad.error.length > 10, bad.error);
});

test('train, evaluate, predict, save and reload give identical predictions', () => {
    const config = preset_config(relu_lab, 'small').config;
    const { ok, trainer, error } = create_trainer(relu_lab, { ...config, seed: 7 });
    assert.ok(ok, error);
    assert.deepEqual(trainer.set_training_data(sample(400, 0)), { ok: true });
    assert.deepEqual(trainer.set_eval_data(sample(200, 5)), { ok: true });
    const mismatched = trainer.set_training_data({ ...sample(10, 0), count: 11 });
    assert.equal(mismatched.ok, false);

    const before = trainer.evaluate();
    let metrics;
    for (let i = 0; i < 60; i++) metrics = trainer.step(1);
    assert.equal(metrics.ok, true, metrics.error);
    assert.ok(Number.isFinite(metrics.loss));
    const after = trainer.evaluate();
    assert.equal(after.count, 200);
    // 60 batches of small on real digits: far better than chance (10 %) and than the start.
    assert.ok(
        after.accuracy > 0.5 && after.accuracy > before.accuracy + 0.2,
        `${before.accuracy} -> ${after.accuracy}`
    );
    // Without layer statistics: the same predictions, no per-layer numbers.
    const lean = trainer.evaluate({ with_layer_statistics: false });
    assert.deepEqual(
        [lean.accuracy, lean.loss, Array.from(lean.confusion)],
        [after.accuracy, after.loss, Array.from(after.confusion)]
    );
    assert.ok(after.layers.length > 0);
    assert.equal(lean.layers.length, 0);

    const image = sample(1, 3).pixels;
    const p = trainer.predict(image);
    assert.equal(p.length, 10);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-4);
    const float_image = Float32Array.from(image, (v) => v / 255);
    assert.deepEqual(
        Array.from(trainer.predict(float_image)).map((v) => v.toFixed(5)),
        Array.from(p).map((v) => v.toFixed(5))
    );

    const bytes = trainer.save();
    assert.ok(bytes instanceof Uint8Array && bytes.length > 1000);
    const restored = trainer_from_model(relu_lab, bytes);
    assert.ok(restored.ok, restored.error);
    assert.deepEqual(Array.from(restored.trainer.predict(image)), Array.from(p));

    const corrupt = bytes.slice();
    corrupt[Math.floor(corrupt.length / 2)] ^= 0xff;
    const refused = trainer_from_model(relu_lab, corrupt);
    assert.equal(refused.ok, false);
    assert.ok(refused.error.length > 10, refused.error);
    assert.equal(trainer.load(bytes.subarray(0, 100)).ok, false);

    restored.trainer.dispose();
    trainer.dispose();
    assert.throws(() => trainer.step(1), /disposed/);
});

test('wasm memory stays flat across training steps and across create/dispose', () => {
    const config = preset_config(relu_lab, 'small').config;
    const memory = () => relu_lab.wasm_heap_bytes();
    const { trainer } = create_trainer(relu_lab, config);
    trainer.set_training_data(sample(200, 1));
    trainer.step(2); // warm-up: first-use buffers (GEMM packing) are sized here
    const after_warm_up = memory();
    for (let i = 0; i < 30; i++) trainer.step(1);
    assert.equal(memory(), after_warm_up);
    trainer.dispose();

    const start = memory();
    for (let i = 0; i < 25; i++) {
        const made = create_trainer(relu_lab, config);
        made.trainer.set_training_data(sample(50, i));
        made.trainer.step(1);
        made.trainer.dispose();
    }
    assert.equal(memory(), start, 'a disposed trainer left memory behind');
});

// A model file (layout in cpp/train/model_file.h) naming 2^30 + 1 parameters followed by
// one float: 115 bytes, size field and checksum right. Four bytes a parameter make
// 2^32 + 4 bytes, which a 32-bit size_t wraps to 4: the check passed and the resize
// aborted the whole module, losing the learner's model.
function model_file_whose_weights_wrap() {
    const fields = [];
    const u8 = (v) => fields.push(v & 0xff);
    const u32 = (v) => {
        for (let i = 0; i < 4; i++) u8(Math.floor(v / 2 ** (8 * i)));
    };
    for (const ch of 'RELULABM') u8(ch.charCodeAt(0));
    u32(1); // format version
    u32(0); // payload size, set below
    [1, 4, 4, 10, 8].forEach(u32); // channels, height, width, classes, batch size
    u32(1);
    u32(0);
    u8(0);
    u32(0); // seed (u64), augment, learning-rate decay
    u8(0);
    for (let i = 0; i < 6; i++) u32(0); // sgd and its six settings
    u8(0);
    u32(0);
    u32(0); // weight init, too_large_scale, bias
    u32(0); // no layers
    u32(0);
    u32(0);
    u32(0); // steps (u64), epochs
    u32(2 ** 30 + 1);
    u32(0); // parameter count, one float
    u32(0); // optimizer state count
    const bytes = new Uint8Array(fields.length + 4);
    bytes.set(fields);
    new DataView(bytes.buffer).setUint32(12, fields.length - 16, true);
    new DataView(bytes.buffer).setUint32(fields.length, crc32(bytes.subarray(0, fields.length)), true);
    return bytes;
}

test('a model file whose parameter count wraps 2^32 is refused, and the module and its model carry on', () => {
    const bytes = model_file_whose_weights_wrap();
    assert.equal(bytes.length, 115);
    const config = preset_config(relu_lab, 'small').config;
    const { trainer } = create_trainer(relu_lab, { ...config, seed: 3 });
    assert.deepEqual(trainer.set_training_data(sample(100, 2)), { ok: true });
    assert.deepEqual(trainer.set_eval_data(sample(50, 7)), { ok: true });
    trainer.step(2);
    const saved = trainer.save();
    const before = trainer.evaluate();

    const fresh = trainer_from_model(relu_lab, bytes);
    assert.equal(fresh.ok, false);
    assert.equal(fresh.code, 'model.truncated_weights');
    const into = trainer.load(bytes);
    assert.equal(into.ok, false);
    assert.equal(into.code, 'model.truncated_weights');

    // The model that was there is unchanged, evaluates the same and trains on.
    assert.deepEqual(trainer.save(), saved);
    assert.equal(trainer.evaluate().loss, before.loss);
    assert.equal(trainer.step(1).ok, true);
    trainer.dispose();
});
