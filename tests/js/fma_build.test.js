// The FMA build (relaxed SIMD): the post-link rewrite that puts f32x4.relaxed_madd where
// the kernels call the placeholder import (build-scripts/relaxed_simd/), and the build
// itself against the SIMD build. f32x4.relaxed_madd rounds once where the engine fuses
// it and twice where it does not, so the two builds' results differ in the last bits;
// after one epoch of the page's default network the held-out loss must agree within a
// relative 1e-3 and the accuracy within 1 point (measured on an AMD EPYC: 1e-7 and 0),
// and the FMA build must give the same bits every time it runs the same training.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import v8 from 'node:v8';

import wabt_factory from 'wabt';

import { placeholder_import, rewrite_relaxed_madd } from '../../build-scripts/relaxed_simd/rewrite.mjs';
import { base64_to_bytes, relaxed_simd_supported } from '../../web/bridge/artifacts.js';
import { usable_builds } from '../../web/bridge/load_in_page.js';
import { load_relu_lab_in_node, read_artifact } from '../../web/bridge/load_in_node.js';
import { create_trainer, preset_config } from '../../web/bridge/trainer.js';
import { bundled_digits_where } from '../support/bundled_digits.js';

if (!relaxed_simd_supported()) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const wabt = await wabt_factory();
const features = { simd: true, relaxed_simd: true };

// madd(a, b, c) through the placeholder import, as the FMA build's kernels call it.
const placeholder_module_text = `(module
  (import "env" "${placeholder_import}" (func $madd (param v128 v128 v128) (result v128)))
  (func (export "madd") (param f32 f32 f32) (result f32)
    (f32x4.extract_lane 0
      (call $madd (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1)) (f32x4.splat (local.get 2))))))`;

function instantiate(bytes) {
    const imports = {
        env: {
            [placeholder_import]: () => {
                throw new Error('placeholder called');
            },
        },
    };
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
}

test('the rewrite turns every call of the placeholder into f32x4.relaxed_madd', async () => {
    const parsed = wabt.parseWat('placeholder.wat', placeholder_module_text, features);
    const linked = new Uint8Array(parsed.toBinary({}).buffer);
    parsed.destroy();
    // (1 + 2^-23)^2 = 1 + 2^-22 + 2^-46: fused, minus (1 + 2^-22) leaves 2^-46; rounded
    // first, it leaves 0.
    const a = 1 + 2 ** -23;
    const c = -(1 + 2 ** -22);
    // Linked as is, the call reaches JavaScript, which cannot take a v128.
    assert.throws(() => instantiate(linked).madd(a, a, c));
    const { bytes, calls_replaced } = await rewrite_relaxed_madd(linked);
    assert.equal(calls_replaced, 1);
    const result = instantiate(bytes).madd(a, a, c);
    assert.ok(result === 2 ** -46 || result === 0, `relaxed_madd gave ${result}`);
    // Nothing left to rewrite the second time.
    assert.equal((await rewrite_relaxed_madd(bytes)).calls_replaced, 0);
});

test('the FMA build shipped in dist/ has its multiply-adds and no placeholder call left', async () => {
    const wasm = base64_to_bytes(read_artifact('fma').wasm_base64);
    assert.equal((await rewrite_relaxed_madd(wasm)).calls_replaced, 0);
    const module = wabt.readWasm(wasm, features);
    const text = module.toText({});
    module.destroy();
    // The SGEMM micro-kernel alone has 6 x 2 of them; the direct convolution 4 x 2 more.
    assert.ok((text.match(/f32x4\.relaxed_madd/g) ?? []).length >= 20);
    // The SIMD build has none.
    const simd = wabt.readWasm(base64_to_bytes(read_artifact('simd').wasm_base64), features);
    assert.doesNotMatch(simd.toText({}), /relaxed_madd/);
    simd.destroy();
});

const train = bundled_digits_where((i) => i % 10 !== 0);
const held_out = bundled_digits_where((i) => i % 10 === 0);

// seed-keras, the page's default, for `steps` steps (all of them: one epoch).
function trained(relu_lab, steps = null) {
    const { config } = preset_config(relu_lab, 'seed-keras');
    const made = create_trainer(relu_lab, config);
    assert.ok(made.ok, made.error);
    assert.deepEqual(made.trainer.set_training_data(train), { ok: true });
    assert.deepEqual(made.trainer.set_eval_data(held_out), { ok: true });
    const total = steps ?? Math.ceil(train.count / config.batch_size);
    for (let done = 0; done < total; done += 8) assert.ok(made.trainer.step(Math.min(8, total - done)).ok);
    return made.trainer;
}

test('one epoch of seed-keras: the FMA and SIMD builds agree within the stated tolerance', async () => {
    const results = {};
    for (const build of ['fma', 'simd']) {
        const relu_lab = await load_relu_lab_in_node({ build });
        assert.equal(relu_lab.build, build);
        const trainer = trained(relu_lab);
        results[build] = trainer.evaluate({ with_layer_statistics: false });
        assert.ok(results[build].ok);
        trainer.dispose();
    }
    const { fma, simd } = results;
    assert.ok(simd.accuracy > 0.85, `the SIMD build learned too little (${simd.accuracy})`);
    assert.ok(Math.abs(fma.loss - simd.loss) <= 1e-3 * simd.loss, `held-out loss ${fma.loss} vs ${simd.loss}`);
    assert.ok(Math.abs(fma.accuracy - simd.accuracy) <= 0.01, `held-out accuracy ${fma.accuracy} vs ${simd.accuracy}`);
});

test('the FMA build gives the same bits for the same training, every time', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'fma' });
    const first = trained(relu_lab, 24);
    const second = trained(relu_lab, 24);
    const a = first.save();
    const b = second.save();
    assert.equal(a.length, b.length);
    assert.ok(
        a.every((v, i) => v === b[i]),
        'two runs of the same training differ'
    );
    first.dispose();
    second.dispose();
});

test('the page loads the FMA build where relaxed SIMD validates; ?build=simd and ?build=scalar start lower', () => {
    assert.ok(relaxed_simd_supported());
    assert.deepEqual(usable_builds(null), ['fma', 'simd', 'scalar']);
    assert.deepEqual(usable_builds('fma'), ['fma', 'simd', 'scalar']);
    assert.deepEqual(usable_builds('simd'), ['simd', 'scalar']);
    assert.deepEqual(usable_builds('scalar'), ['scalar']);
});
