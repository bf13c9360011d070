// The derivative at a kink is undefined; the kernels use a convention. The formulas the
// explorer typesets give f' only where it exists, and the notes beside them state the
// value the kernels use, which is checked here against the kernels themselves.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { formulas } from '../../web/explorer/formulas.js';
import { locale_tables } from '../../web/i18n/locales/index.js';

const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
const derivative_at = (name, x, param) => relu_lab.derivative(name, Float32Array.of(x), param)[0];

test('the derivative formulas assign no value at a kink', () => {
    for (const name of ['relu', 'leaky_relu', 'prelu', 'elu', 'selu']) {
        const df = formulas[name].df.split('\\quad')[0]; // PReLU's ∂f/∂a is continuous at 0
        assert.doesNotMatch(df, /\\le 0|\\ge 0/, `${name}: ${df}`);
        assert.match(df, /x > 0/);
        assert.match(df, /x < 0/);
    }
    assert.doesNotMatch(formulas.relu6.df, /otherwise|\\le|\\ge/);
    assert.match(formulas.relu6.df, /0 < x < 6/);
});

test("the kernels use PyTorch's value at each kink: the left-hand branch, except ReLU6 at 6", () => {
    const [lambda, alpha] = [1.0507009873554805, 1.6732632423543772];
    assert.equal(derivative_at('relu', 0), 0);
    assert.equal(derivative_at('relu', -0), 0);
    assert.equal(derivative_at('leaky_relu', 0, 0.1), Math.fround(0.1));
    assert.equal(derivative_at('prelu', 0, 0.25), 0.25);
    assert.equal(derivative_at('elu', 0, 0.5), 0.5);
    assert.ok(Math.abs(derivative_at('selu', 0) - lambda * alpha) < 1e-6);
    assert.equal(derivative_at('relu6', 0), 0);
    assert.equal(derivative_at('relu6', 6), 0); // the right-hand branch
    assert.equal(derivative_at('relu6', Math.fround(5.999)), 1);
});

test('every language calls the value at the kink a convention, not the derivative', () => {
    // One word per language that says "not defined" in each kinked function's note.
    const undefined_word = {
        en: /undefined/,
        de: /nicht definiert/,
        'zh-Hans': /没有定义/,
        es: /no está definida/,
        it: /non è definita/,
    };
    for (const [tag, sections] of Object.entries(locale_tables)) {
        for (const name of ['relu', 'leaky_relu', 'prelu', 'elu', 'relu6', 'selu']) {
            assert.match(
                sections.explorer.notes[name],
                undefined_word[tag],
                `${tag} ${name}: ${sections.explorer.notes[name]}`
            );
            assert.match(sections.explorer.notes[name], /PyTorch/, `${tag} ${name}`);
        }
        assert.match(sections.explorer.notes.selu, /TensorFlow/, `${tag}: TensorFlow's λ at 0 is the exception`);
    }
});
