// Float32 values from the C++ core shown as text: the shortest decimal that reads back as
// the same float32, so 0.01 stored as float32 (0.009999999776482582 as a double) shows as
// "0.01" in the layer editor, the Keras code and the page address.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { shortest_float32_text } from '../../web/bridge/float32_text.js';

test('float32 neighbours of short decimals show as those decimals', () => {
    assert.equal(shortest_float32_text(Math.fround(0.01)), '0.01');
    assert.equal(Math.fround(0.01), 0.009999999776482582); // what leaked into the page
    assert.equal(shortest_float32_text(Math.fround(0.2)), '0.2');
    assert.equal(shortest_float32_text(Math.fround(0.25)), '0.25');
    assert.equal(shortest_float32_text(Math.fround(1.6732632423543772)), '1.6732632');
    assert.equal(shortest_float32_text(Math.fround(1e-3)), '0.001');
    assert.equal(shortest_float32_text(Math.fround(0.85)), '0.85');
    assert.equal(shortest_float32_text(Math.fround(3e-7)), '3e-7');
    assert.equal(shortest_float32_text(Math.fround(123456.7)), '123456.7');
});

test('integers, zero, negatives and the special values', () => {
    assert.equal(shortest_float32_text(1), '1');
    assert.equal(shortest_float32_text(0), '0');
    assert.equal(shortest_float32_text(-0), '0');
    assert.equal(shortest_float32_text(Math.fround(-0.3)), '-0.3');
    assert.equal(shortest_float32_text(16777216), '16777216');
    assert.equal(shortest_float32_text(NaN), 'NaN');
    assert.equal(shortest_float32_text(Infinity), 'Infinity');
    assert.equal(shortest_float32_text(-Infinity), '-Infinity');
});

test('every text reads back as the same float32, and no shorter one would', () => {
    // Seeded: a linear congruential generator over float32 bit patterns (finite ones).
    let state = 12345;
    const bits = new Uint32Array(1);
    const as_float = new Float32Array(bits.buffer);
    for (let i = 0; i < 20000; i++) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        bits[0] = state;
        const x = as_float[0];
        if (!Number.isFinite(x)) continue;
        const text = shortest_float32_text(x);
        assert.equal(Math.fround(Number(text)), x, `${x} -> ${text}`);
        // Significant digits of the text: the fewest that x.toPrecision needs to give it.
        let digits = 1;
        while (Number(x.toPrecision(digits)) !== Number(text)) digits++;
        if (digits > 1) {
            const shorter = Number(x.toPrecision(digits - 1));
            assert.notEqual(Math.fround(shorter), x, `${x}: ${text} is not the shortest`);
        }
    }
});

test('a double that is not a float32 is shown as its float32', () => {
    // 0.1 + 0.2 = 0.30000000000000004 as a double; as float32 it is the float nearest 0.3.
    assert.equal(shortest_float32_text(0.1 + 0.2), '0.3');
});

test("a loaded model's float32 parameters come back as the decimals typed: the plan, the address", async () => {
    const { plan_from_config, plan_to_url_params } = await import('../../web/trainer/trainer_state.js');
    const plan = plan_from_config({
        layers: [
            { type: 'dense', units: 8, activation: 'leaky_relu', activation_param: Math.fround(0.01) },
            { type: 'dense', units: 10, activation: 'softmax' },
        ],
        learning_rate: Math.fround(0.0012345678),
        momentum: Math.fround(0.9),
        learning_rate_decay: Math.fround(0.85),
    });
    assert.equal(plan.layers[0].activation_param, 0.01);
    assert.equal(plan.learning_rate, 0.0012345678); // all the digits typed, none of float32's noise
    assert.equal(plan.learning_rate_decay, 0.85);
    assert.match(plan_to_url_params(plan).net, /^d8\.leaky_relu:0\.01$/);
});
