// Generated questions and predict-then-run experiments: the same seed draws the same
// numbers, other seeds draw others, and the kernels' answers match independent
// double-precision computations. Every random test prints its seeds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { activation_catalogue } from '../../web/quiz/activation_catalogue.js';
import { run_experiment } from '../../web/quiz/experiments.js';
import { generate } from '../../web/quiz/generators.js';
import { check_attempt, make_attempt } from '../../web/quiz/question_attempt.js';
import { create_rng, mix_seed } from '../../web/common/seeded_rng.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bank = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));
const seeds = Array.from({ length: 25 }, (_, i) => mix_seed(20261123, i));
let relu_lab;
before(async () => {
    relu_lab = await load_relu_lab_in_node({ build: 'simd' });
});

// Independent references in double precision.
const reference = {
    relu: { f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0) },
    leaky_relu: { f: (x, a) => (x > 0 ? x : a * x), df: (x, a) => (x > 0 ? 1 : a) },
    elu: { f: (x, a) => (x > 0 ? x : a * (Math.exp(x) - 1)), df: (x, a) => (x > 0 ? 1 : a * Math.exp(x)) },
    sigmoid: {
        f: (x) => 1 / (1 + Math.exp(-x)),
        df: (x) => {
            const s = 1 / (1 + Math.exp(-x));
            return s * (1 - s);
        },
    },
    tanh: { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
};
const close = (got, want, tol = 1e-6) => Math.abs(got - want) <= tol * (1 + Math.abs(want));
const as_array = (v) => (Array.isArray(v) ? v : [v]);

test('the activation catalogue matches the kernel registry', () => {
    const from_kernels = Object.fromEntries(
        relu_lab.activations.map((a) => [a.name, { param_min: a.min_param, param_max: a.max_param }])
    );
    assert.deepEqual({ ...activation_catalogue }, from_kernels);
});

test('mulberry32: one seed, one sequence; normal draws have mean 0 and variance 1', () => {
    const a = create_rng(42);
    const b = create_rng(42);
    const c = create_rng(43);
    const first = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
        first,
        Array.from({ length: 5 }, () => b.next())
    );
    assert.notDeepEqual(
        first,
        Array.from({ length: 5 }, () => c.next())
    );
    const rng = create_rng(7);
    let sum = 0;
    let squares = 0;
    const n = 100000;
    for (let i = 0; i < n; i++) {
        const z = rng.normal();
        sum += z;
        squares += z * z;
    }
    // Standard error of the mean is 1/sqrt(n) = 0.003; of the variance about 0.0045.
    assert.ok(Math.abs(sum / n) < 0.015, `mean ${sum / n} (seed 7)`);
    assert.ok(Math.abs(squares / n - 1) < 0.025, `variance ${squares / n} (seed 7)`);
    for (let i = 0; i < 1000; i++) {
        const k = rng.integer(-3, 3);
        assert.ok(Number.isInteger(k) && k >= -3 && k <= 3);
    }
});

test('every generated question: same seed -> same numbers; answers match double-precision references', () => {
    for (const q of bank.questions.filter((x) => x.generator)) {
        const p = q.generator.params;
        const drawn = new Set();
        for (const seed of seeds) {
            const one = generate(q.generator, create_rng(seed), relu_lab);
            const again = generate(q.generator, create_rng(seed), relu_lab);
            assert.deepEqual(one, again, `${q.id} seed ${seed}`);
            drawn.add(JSON.stringify(one.values));
            const where = `${q.id} seed ${seed}: ${JSON.stringify(one)}`;
            switch (q.generator.name) {
                case 'forward':
                case 'derivative': {
                    const fn = reference[p.activation][q.generator.name === 'forward' ? 'f' : 'df'];
                    const x = as_array(one.values.x);
                    assert.equal(x.length, p.count, where);
                    x.forEach((v, i) => {
                        assert.ok(v >= p.low && v <= p.high, where);
                        assert.ok(close(as_array(one.answer)[i], fn(v, p.param)), where);
                    });
                    break;
                }
                case 'backward': {
                    const x = as_array(one.values.x);
                    const dy = as_array(one.values.dy);
                    x.forEach((v, i) =>
                        assert.ok(close(as_array(one.answer)[i], reference[p.activation].df(v, p.param) * dy[i]), where)
                    );
                    break;
                }
                case 'chain_factor':
                    assert.ok(close(one.answer, reference[p.activation].df(one.values.x) ** one.values.layers), where);
                    break;
                case 'he_init': {
                    const n = one.values.fan_in;
                    assert.ok(Number.isInteger(Math.log2(n)), where);
                    assert.ok(close(one.answer, p.ask === 'variance' ? 2 / n : Math.sqrt(2 / n), 1e-12), where);
                    break;
                }
                default:
                    assert.fail(`no reference for generator ${q.generator.name}`);
            }
        }
        assert.ok(drawn.size > 1, `${q.id}: every seed drew the same numbers`);
    }
});

test('worked examples: leaky_relu(-3) with slope 0.01 and sigmoid through layers at 0', () => {
    const leaky = generate(
        { name: 'forward', params: { activation: 'leaky_relu', param: 0.01, count: 1, low: -3, high: -3, step: 1 } },
        create_rng(1),
        relu_lab
    );
    assert.equal(leaky.values.x, -3);
    assert.ok(Math.abs(leaky.answer - -0.03) < 1e-8);
    const chain = generate(
        {
            name: 'chain_factor',
            params: { activation: 'sigmoid', layers_min: 10, layers_max: 10, low: 0, high: 0, step: 1 },
        },
        create_rng(1),
        relu_lab
    );
    assert.equal(chain.answer, 0.25 ** 10); // 0.25 is exact in float32, so the product is too
});

test('attempts: a numeric answer typed by a learner is checked against the kernel answer', () => {
    const q = bank.questions.find((x) => x.id === 'def-vector');
    const attempt = make_attempt(q, 12345, relu_lab);
    const right = as_array(attempt.values.x).map((v) => Math.max(0, v));
    assert.equal(check_attempt(attempt, { values: right }, relu_lab).correct, true, 'seed 12345');
    const wrong = right.slice();
    wrong[0] += 1;
    assert.equal(check_attempt(attempt, { values: wrong }, relu_lab).correct, false);
    assert.equal(check_attempt(attempt, { values: right.slice(1) }, relu_lab).correct, false);
    // Choices come in a seeded order that is a permutation.
    const sc = bank.questions.find((x) => x.type === 'single_choice');
    const order = make_attempt(sc, 99, relu_lab).choice_order;
    assert.deepEqual(
        order.slice().sort(),
        sc.choices.map((_, i) => i)
    );
    assert.deepEqual(make_attempt(sc, 99, relu_lab).choice_order, order);
    assert.equal(check_attempt(make_attempt(sc, 99, relu_lab), { choice: sc.answer }, relu_lab).correct, true);
});

test('experiments against their expected values (seeds printed on failure)', () => {
    const run = (name, params, seed) => run_experiment({ name, params }, create_rng(seed), relu_lab).result;
    for (const seed of seeds.slice(0, 5)) {
        // Half of N(0,1) is negative: 0.5 +- 5 standard errors (sqrt(0.25 / 10000) = 0.005).
        assert.ok(
            Math.abs(run('zero_fraction', { activation: 'relu', samples: 10000 }, seed) - 0.5) < 0.025,
            `seed ${seed}`
        );
        assert.equal(run('zero_fraction', { activation: 'leaky_relu', param: 0.01, samples: 1000 }, seed), 0);
        // E[relu(z)] = 1/sqrt(2 pi) = 0.3989; std of relu(z) is 0.58, so 5 SE = 0.029.
        assert.ok(
            Math.abs(run('mean_output', { activation: 'relu', samples: 10000 }, seed) - 1 / Math.sqrt(2 * Math.PI)) <
                0.03,
            `seed ${seed}`
        );
        // E[elu(z)] = 1/sqrt(2 pi) + e^0.5 Phi(-1) - 0.5 = 0.3989 + 0.2616 - 0.5 = 0.1605.
        assert.ok(
            Math.abs(run('mean_output', { activation: 'elu', param: 1, samples: 10000 }, seed) - 0.1605) < 0.03,
            `seed ${seed}`
        );
        assert.equal(
            run('gradient_through_depth', { activation: 'relu', layers: 10, paths: 100, positive_only: true }, seed),
            1
        );
        // Each sigmoid factor <= 0.25, so 10 layers give at most 0.25^10.
        assert.ok(
            run(
                'gradient_through_depth',
                { activation: 'sigmoid', layers: 10, paths: 1000, positive_only: false },
                seed
            ) <=
                0.25 ** 10,
            `seed ${seed}`
        );
        assert.equal(
            run(
                'dead_unit_fraction',
                { activation: 'leaky_relu', param: 0.01, shift: -5, units: 500, inputs: 100 },
                seed
            ),
            0
        );
        assert.ok(
            run('dead_unit_fraction', { activation: 'relu', shift: -5, units: 500, inputs: 100 }, seed) > 0.9,
            `seed ${seed}`
        );
        assert.equal(run('dead_unit_fraction', { activation: 'relu', shift: 10, units: 100, inputs: 10 }, seed), 0);
        const he = run(
            'signal_through_depth',
            { activation: 'relu', init: 'he', layers: 10, width: 128, batch: 16 },
            seed
        );
        assert.ok(he > 0.1 && he < 10, `He rms ${he}, seed ${seed}`);
        assert.ok(
            run(
                'signal_through_depth',
                { activation: 'relu', init: 'small', layers: 10, width: 128, batch: 16 },
                seed
            ) < 1e-6,
            `seed ${seed}`
        );
    }
});

test('every built-in predict-run question: the right range is the same for 25 seeds', () => {
    for (const q of bank.questions.filter((x) => x.type === 'predict_run' && x.prediction.kind === 'choice')) {
        const right = new Set(
            seeds.map((seed) => check_attempt(make_attempt(q, seed, relu_lab), { choice: 0 }, relu_lab).expected)
        );
        assert.equal(right.size, 1, `${q.id}: the right answer depends on the seed (${[...right]})`);
        assert.ok(![...right].includes(-1), `${q.id}: a result fell outside every range`);
    }
});
