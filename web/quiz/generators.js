// Parameterised "compute the output" questions. A bank question names a generator and
// its parameters; for each attempt the generator draws fresh numbers from a seeded RNG
// and the answer is computed by the wasm kernels (relu_lab.forward/derivative/backward),
// so learners cannot memorise answers, and a seed replays the same attempt.
//
// generate(...) returns { values, answer }: values fill the prompt's {placeholders}
// (numbers, or arrays shown as vectors), answer is a number or an array of numbers.
import { check_activation_param, check_params } from './param_spec.js';

const vector_params = {
    activation: { type: 'activation' },
    param: { type: 'number', min: 0, max: 3, optional: true },
    count: { type: 'integer', min: 1, max: 8 },
    low: { type: 'number', min: -20, max: 20 },
    high: { type: 'number', min: -20, max: 20 },
    step: { type: 'number', min: 0.01, max: 10 },
};

export const generator_specs = Object.freeze({
    // f(x) for a drawn x (one number when count is 1, else a vector).
    forward: vector_params,
    // f'(x), with the kernels' convention at the kink.
    derivative: vector_params,
    // Backpropagation: dx = f'(x) * dy for drawn x and upstream gradient dy.
    backward: {
        ...vector_params,
        grad_low: { type: 'number', min: -20, max: 20 },
        grad_high: { type: 'number', min: -20, max: 20 },
    },
    // The factor a gradient is multiplied by through `layers` units that all sit at the
    // same pre-activation x: f'(x) ** layers.
    chain_factor: {
        activation: { type: 'activation' },
        param: { type: 'number', min: 0, max: 3, optional: true },
        layers_min: { type: 'integer', min: 1, max: 30 },
        layers_max: { type: 'integer', min: 1, max: 30 },
        low: { type: 'number', min: -20, max: 20 },
        high: { type: 'number', min: -20, max: 20 },
        step: { type: 'number', min: 0.01, max: 10 },
    },
    // He initialisation for a drawn fan-in (a power of two): the variance 2 / fan_in or
    // the standard deviation sqrt(2 / fan_in).
    he_init: {
        fan_in_min_log2: { type: 'integer', min: 0, max: 14 },
        fan_in_max_log2: { type: 'integer', min: 0, max: 14 },
        ask: { type: 'enum', values: ['variance', 'std'] },
    },
});

// Problems with a question's generator block, beyond the spec's types and ranges.
export function check_generator(generator, field) {
    const spec = generator_specs[generator.name];
    const problems = check_params(spec, generator.params, `${field}.params`);
    if (problems.length) return problems;
    const p = generator.params ?? {};
    problems.push(...check_activation_param(p.activation, p.param, `${field}.params.param`));
    const pairs = [
        ['low', 'high'],
        ['grad_low', 'grad_high'],
        ['layers_min', 'layers_max'],
        ['fan_in_min_log2', 'fan_in_max_log2'],
    ];
    for (const [lo, hi] of pairs) {
        if (p[lo] !== undefined && p[lo] > p[hi])
            problems.push({ field: `${field}.params.${lo}`, problem: 'range_reversed', params: { low: lo, high: hi } });
    }
    if (p.step !== undefined && p.low !== undefined && Math.floor(p.high / p.step) < Math.ceil(p.low / p.step)) {
        problems.push({ field: `${field}.params.step`, problem: 'no_values_in_range', params: {} });
    }
    return problems;
}

// A multiple of step in [low, high], rounded so 0.1 * 3 shows as 0.3.
function draw_on_grid(rng, low, high, step) {
    const k = rng.integer(Math.ceil(low / step - 1e-9), Math.floor(high / step + 1e-9));
    return Number((k * step).toFixed(6)) + 0; // + 0 turns -0 into 0
}

function draw_vector(rng, count, low, high, step) {
    return Array.from({ length: count }, () => draw_on_grid(rng, low, high, step));
}

const unwrap = (values, count) => (count === 1 ? values[0] : values);

export function generate(generator, rng, relu_lab) {
    const p = generator.params;
    switch (generator.name) {
        case 'forward':
        case 'derivative': {
            const x = draw_vector(rng, p.count, p.low, p.high, p.step);
            const kernel = generator.name === 'forward' ? relu_lab.forward : relu_lab.derivative;
            const y = Array.from(kernel(p.activation, Float32Array.from(x), p.param));
            return { values: { x: unwrap(x, p.count), param: p.param }, answer: unwrap(y, p.count) };
        }
        case 'backward': {
            const x = draw_vector(rng, p.count, p.low, p.high, p.step);
            const dy = draw_vector(rng, p.count, p.grad_low, p.grad_high, p.step);
            const dx = Array.from(
                relu_lab.backward(p.activation, Float32Array.from(x), Float32Array.from(dy), p.param)
            );
            return {
                values: { x: unwrap(x, p.count), dy: unwrap(dy, p.count), param: p.param },
                answer: unwrap(dx, p.count),
            };
        }
        case 'chain_factor': {
            const layers = rng.integer(p.layers_min, p.layers_max);
            const x = draw_on_grid(rng, p.low, p.high, p.step);
            const per_layer = relu_lab.derivative(p.activation, Float32Array.from(new Array(layers).fill(x)), p.param);
            let factor = 1;
            for (const d of per_layer) factor *= d;
            return { values: { x, layers, param: p.param }, answer: factor };
        }
        case 'he_init': {
            const fan_in = 2 ** rng.integer(p.fan_in_min_log2, p.fan_in_max_log2);
            const variance = 2 / fan_in;
            return { values: { fan_in }, answer: p.ask === 'variance' ? variance : Math.sqrt(variance) };
        }
        default:
            throw new Error(`unknown generator: ${generator.name}`);
    }
}
