// The JS bridge in Node, on the same artifacts the page loads (dist/wasm/*.js):
// every build, the worked examples, the special-value policy, errors as values.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { raw_module } from '../../web/bridge/relu_lab_module.js';
import { relu_lab_error } from '../../web/common/relu_lab_error.js';

for (const build of ['fma', 'simd', 'scalar']) {
    test(`${build} build: loads and lists the whole activation family`, async () => {
        const relu_lab = await load_relu_lab_in_node({ build });
        assert.equal(relu_lab.build, build);
        assert.equal(raw_module(relu_lab).kernel_build_name(), build);
        const names = relu_lab.activations.map((a) => a.name);
        assert.deepEqual(names, [
            'relu',
            'leaky_relu',
            'prelu',
            'elu',
            'sigmoid',
            'tanh',
            'relu6',
            'selu',
            'gelu',
            'silu',
            'softplus',
            'mish',
        ]);
        assert.equal(relu_lab.activations.find((a) => a.name === 'leaky_relu').param_name, 'negative_slope');
        assert.equal(relu_lab.activations.find((a) => a.name === 'gelu').core, false);
    });

    test(`${build} build: the worked examples the page teaches (relu of two five-value vectors)`, async () => {
        const relu_lab = await load_relu_lab_in_node({ build });
        assert.deepEqual(Array.from(relu_lab.forward('relu', Float32Array.from([-2, -1, 0, 1, 2]))), [0, 0, 0, 1, 2]);
        assert.deepEqual(Array.from(relu_lab.forward('relu', Float32Array.from([-5, -1, 0, 3, 10]))), [0, 0, 0, 3, 10]);
        // relu'(0) = 0 by convention; backprop through ReLU is a mask.
        assert.deepEqual(Array.from(relu_lab.derivative('relu', Float32Array.from([-1, 0, 2]))), [0, 0, 1]);
        assert.deepEqual(
            Array.from(relu_lab.backward('relu', Float32Array.from([-1, 0, 2, 3]), Float32Array.from([5, 6, 7, -8]))),
            [0, 0, 7, -8]
        );
        // leaky_relu(-3) with slope 0.01 = -0.03 (float rounding of 0.01 * -3).
        assert.equal(
            relu_lab.forward('leaky_relu', Float32Array.from([-3]), 0.01)[0],
            Math.fround(Math.fround(0.01) * -3)
        );
        // The parameter defaults to the registry's value when not given.
        assert.equal(
            relu_lab.forward('leaky_relu', Float32Array.from([-100]))[0],
            Math.fround(Math.fround(0.01) * -100)
        );
    });

    test(`${build} build: special values reach JS as the policy says`, async () => {
        const relu_lab = await load_relu_lab_in_node({ build });
        const x = Float32Array.from([-1000, 1000, NaN, -Infinity]);
        assert.deepEqual(Array.from(relu_lab.forward('sigmoid', x)).slice(0, 2), [0, 1]);
        assert.ok(Number.isNaN(relu_lab.forward('sigmoid', x)[2]));
        assert.equal(relu_lab.forward('elu', Float32Array.from([-1000]), 2)[0], -2);
        assert.equal(relu_lab.forward('softplus', Float32Array.from([1000]))[0], 1000);
        assert.deepEqual(Array.from(relu_lab.forward('tanh', Float32Array.from([-1000, 1000]))), [-1, 1]);
        assert.equal(relu_lab.derivative('sigmoid', Float32Array.from([0]))[0], 0.25);
        assert.equal(Object.is(relu_lab.forward('relu', Float32Array.from([-0]))[0], 0), true);
    });

    test(`${build} build: large inputs grow the scratch buffer and stay correct`, async () => {
        const relu_lab = await load_relu_lab_in_node({ build });
        const n = 3_000_000; // 36 MB of scratch: forces wasm memory growth
        const x = new Float32Array(n);
        for (let i = 0; i < n; i++) x[i] = (i % 7) - 3;
        const y = relu_lab.forward('relu', x);
        for (let i = 0; i < n; i += 99_991) assert.equal(y[i], Math.max(0, x[i]));
        assert.equal(y.length, n);
    });
}

test('unknown names and mismatched lengths are errors with an i18n key, not crashes', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'simd' });
    assert.throws(
        () => relu_lab.forward('relu_typo', new Float32Array(3)),
        (e) =>
            e instanceof relu_lab_error &&
            e.i18n_key === 'common.error_unknown_activation' &&
            e.params.name === 'relu_typo'
    );
    assert.throws(
        () => relu_lab.backward('relu', new Float32Array(3), new Float32Array(2)),
        (e) => e instanceof relu_lab_error && e.i18n_key === 'common.error_length_mismatch'
    );
});

test('simd and scalar builds agree on a sweep of every activation within the kernel tolerance', async () => {
    const simd = await load_relu_lab_in_node({ build: 'simd' });
    const scalar = await load_relu_lab_in_node({ build: 'scalar' });
    const x = new Float32Array(2001);
    for (let i = 0; i < x.length; i++) x[i] = -10 + i / 100;
    for (const { name } of simd.activations) {
        const a = simd.forward(name, x);
        const b = scalar.forward(name, x);
        const da = simd.derivative(name, x);
        const db = scalar.derivative(name, x);
        for (let i = 0; i < x.length; i++) {
            // activations.h: 1e-6 absolute + 1e-5 relative per path, so twice that between paths.
            assert.ok(
                Math.abs(a[i] - b[i]) <= 2 * (1e-6 + 1e-5 * Math.abs(b[i])),
                `${name}(${x[i]}): ${a[i]} vs ${b[i]}`
            );
            assert.ok(
                Math.abs(da[i] - db[i]) <= 2 * (1e-6 + 1e-5 * Math.abs(db[i])),
                `${name}'(${x[i]}): ${da[i]} vs ${db[i]}`
            );
        }
    }
});
