// The augmentation preview (web/bridge/augment_preview.js) on the real wasm module and a
// bundled digit: none gives the digit back, the other modes give seeded versions of it
// that the SIMD and the scalar build agree on bit for bit, refusals are values, and no
// wasm memory is left behind.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { augment_preview } from '../../web/bridge/augment_preview.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { every_tenth_digit } from '../support/bundled_digits.js';

const simd = await load_relu_lab_in_node({ build: 'simd' });
const scalar = await load_relu_lab_in_node({ build: 'scalar' });
const image = every_tenth_digit(1, 4).pixels; // a bundled digit, 28 x 28 bytes
const ink = (floats) => floats.reduce((a, b) => a + b, 0);

test('none gives the digit back as floats 0..1, every time', () => {
    const r = augment_preview(simd, { image, mode: 'none', seed: 1, count: 3 });
    assert.equal(r.ok, true);
    assert.equal(r.images.length, 3);
    const expected = Float32Array.from(image, (v) => Math.fround(v * Math.fround(1 / 255)));
    for (const version of r.images) {
        assert.ok(version instanceof Float32Array && version.length === 784);
        assert.deepEqual(version, expected);
    }
});

test('shifts and rotations, elastic: seeded versions, each its own, the same in both builds', () => {
    for (const mode of simd.trainer_facts.augmentations.filter((m) => m !== 'none')) {
        const a = augment_preview(simd, { image, mode, seed: 7, count: 4 });
        const again = augment_preview(simd, { image, mode, seed: 7, count: 4 });
        const other = augment_preview(simd, { image, mode, seed: 8, count: 4 });
        const from_scalar = augment_preview(scalar, { image, mode, seed: 7, count: 4 });
        assert.equal(a.ok, true, mode);
        assert.deepEqual(again.images, a.images, mode);
        assert.deepEqual(from_scalar.images, a.images, `${mode}: SIMD and scalar builds differ`);
        assert.notDeepEqual(other.images[0], a.images[0], mode);
        for (let i = 1; i < 4; i++) assert.notDeepEqual(a.images[i], a.images[0], `${mode}: version ${i}`);
        // The first version does not depend on how many are asked for.
        assert.deepEqual(augment_preview(simd, { image, mode, seed: 7, count: 1 }).images[0], a.images[0], mode);
        const original = ink(Float32Array.from(image, (v) => v / 255));
        for (const version of a.images) {
            assert.ok(
                version.every((v) => v >= 0 && v <= 1),
                mode
            );
            // Still a digit's worth of ink: moved and bent, not lost or smeared.
            const ratio = ink(version) / original;
            assert.ok(ratio > 0.6 && ratio < 1.6, `${mode}: ink ratio ${ratio}`);
        }
    }
});

test('an unknown mode and too many versions are refused with a code; a wrong image or seed throws', () => {
    const unknown = augment_preview(simd, { image, mode: 'mixup', seed: 1, count: 2 });
    assert.equal(unknown.ok, false);
    assert.equal(unknown.code, 'config.unknown_augmentation');
    assert.equal(unknown.params.name, 'mixup');
    assert.equal(unknown.params.choices, simd.trainer_facts.augmentations.join(', '));
    const many = augment_preview(simd, { image, mode: 'elastic', seed: 1, count: 65 });
    assert.equal(many.code, 'config.out_of_range');
    assert.equal(many.params.max, 64);
    assert.deepEqual(augment_preview(simd, { image, mode: 'elastic', seed: 1, count: 0 }), { ok: true, images: [] });
    assert.throws(
        () => augment_preview(simd, { image: new Uint8Array(10), mode: 'none', seed: 1, count: 1 }),
        RangeError
    );
    assert.throws(
        () => augment_preview(simd, { image: new Float32Array(784), mode: 'none', seed: 1, count: 1 }),
        RangeError
    );
    assert.throws(() => augment_preview(simd, { image, mode: 'none', seed: -1, count: 1 }), RangeError);
    assert.throws(() => augment_preview(simd, { image, mode: 'none', seed: 1, count: 1.5 }), RangeError);
});

test('wasm memory stays flat across many previews', () => {
    augment_preview(simd, { image, mode: 'elastic', seed: 0, count: 64 }); // first-use growth, if any
    const before = simd.wasm_heap_bytes();
    for (let seed = 0; seed < 200; seed++) augment_preview(simd, { image, mode: 'elastic', seed, count: 16 });
    assert.equal(simd.wasm_heap_bytes(), before);
});
