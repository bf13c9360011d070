// Experiments for predict-then-run questions: the learner predicts an outcome, then the
// experiment runs on the wasm kernels and the two are compared. Each experiment declares
// its parameters (checked by the bank validator) and a run function
//   run(params, rng, relu_lab) -> { result, details }
// where result is the number the prediction is compared with and details fill the
// explanation of what happened (quiz.experiments.<name>.outcome in the locale file).
// The trainer can later add live-model experiments with register_experiment.
import { check_activation_param, check_params } from './param_spec.js';

const experiments = new Map();

export function register_experiment(name, { params, run }) {
    experiments.set(name, Object.freeze({ params, run }));
}

export function experiment_spec(name) {
    return experiments.get(name)?.params ?? null;
}

export function experiment_names() {
    return [...experiments.keys()];
}

export function check_experiment(experiment, field) {
    const spec = experiment_spec(experiment.name);
    const problems = check_params(spec, experiment.params, `${field}.params`);
    if (problems.length) return problems;
    const p = experiment.params ?? {};
    return check_activation_param(p.activation, p.param, `${field}.params.param`);
}

export function run_experiment(experiment, rng, relu_lab) {
    const entry = experiments.get(experiment.name);
    if (!entry) throw new Error(`unknown experiment: ${experiment.name}`);
    return entry.run(experiment.params ?? {}, rng, relu_lab);
}

function normal_vector(rng, n, mean = 0, std = 1) {
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = mean + std * rng.normal();
    return x;
}

// Fraction of exact zeros in f(x) for x ~ N(0, 1): ReLU's sparsity.
// The parameters of an experiment on f(x) for x ~ N(0, 1), and those outputs.
const activation_on_normal_params = Object.freeze({
    activation: { type: 'activation' },
    param: { type: 'number', min: 0, max: 3, optional: true },
    samples: { type: 'integer', min: 10, max: 100000 },
});
function activation_on_normal(p, rng, relu_lab) {
    return relu_lab.forward(p.activation, normal_vector(rng, p.samples), p.param);
}

register_experiment('zero_fraction', {
    params: activation_on_normal_params,
    run(p, rng, relu_lab) {
        const y = activation_on_normal(p, rng, relu_lab);
        let zeros = 0;
        for (const v of y) if (v === 0) zeros++;
        return { result: zeros / p.samples, details: { zeros, samples: p.samples } };
    },
});

// Mean of f(x) for x ~ N(0, 1): is the activation zero-centred?
register_experiment('mean_output', {
    params: activation_on_normal_params,
    run(p, rng, relu_lab) {
        const y = activation_on_normal(p, rng, relu_lab);
        let sum = 0;
        for (const v of y) sum += v;
        return { result: sum / p.samples, details: { mean: sum / p.samples, samples: p.samples } };
    },
});

// The factor backpropagation multiplies a gradient by along a path through `layers`
// units: the product of f'(pre-activation), pre-activations drawn from N(0, 1) (or
// |N(0, 1)| for a path of active units), averaged over `paths` paths.
register_experiment('gradient_through_depth', {
    params: {
        activation: { type: 'activation' },
        param: { type: 'number', min: 0, max: 3, optional: true },
        layers: { type: 'integer', min: 1, max: 50 },
        paths: { type: 'integer', min: 1, max: 10000 },
        positive_only: { type: 'boolean' },
    },
    run(p, rng, relu_lab) {
        const pre = normal_vector(rng, p.layers * p.paths);
        if (p.positive_only) for (let i = 0; i < pre.length; i++) pre[i] = Math.abs(pre[i]);
        const d = relu_lab.derivative(p.activation, pre, p.param);
        let sum = 0;
        for (let path = 0; path < p.paths; path++) {
            let product = 1;
            for (let layer = 0; layer < p.layers; layer++) product *= d[path * p.layers + layer];
            sum += product;
        }
        return { result: sum / p.paths, details: { factor: sum / p.paths, layers: p.layers, paths: p.paths } };
    },
});

// Signal size through a stack of fully connected layers: inputs ~ N(0, 1), weights
// ~ N(0, variance) with variance 2/fan_in (He), 1/fan_in (LeCun/Xavier-like) or a fixed
// 0.01 standard deviation; result: the root mean square of the last layer's outputs.
register_experiment('signal_through_depth', {
    params: {
        activation: { type: 'activation' },
        init: { type: 'enum', values: ['he', 'lecun', 'small'] },
        layers: { type: 'integer', min: 1, max: 30 },
        width: { type: 'integer', min: 4, max: 256 },
        batch: { type: 'integer', min: 1, max: 64 }, // width² · batch · layers stays below 0.2 G multiply-adds
    },
    run(p, rng, relu_lab) {
        const std = { he: Math.sqrt(2 / p.width), lecun: Math.sqrt(1 / p.width), small: 0.01 }[p.init];
        let h = normal_vector(rng, p.batch * p.width); // [batch][width]
        for (let layer = 0; layer < p.layers; layer++) {
            const w = normal_vector(rng, p.width * p.width, 0, std); // [out][in]
            const pre = new Float32Array(p.batch * p.width); // [batch][out]
            for (let b = 0; b < p.batch; b++) {
                for (let o = 0; o < p.width; o++) {
                    let sum = 0;
                    for (let i = 0; i < p.width; i++) sum += w[o * p.width + i] * h[b * p.width + i];
                    pre[b * p.width + o] = sum;
                }
            }
            h = relu_lab.forward(p.activation, pre);
        }
        let squares = 0;
        for (const v of h) squares += v * v;
        const rms = Math.sqrt(squares / h.length);
        return { result: rms, details: { rms, layers: p.layers, width: p.width } };
    },
});

// Dying units: each of `units` units has a bias drawn from N(shift, 1) (a large update
// has pushed it by `shift`) and sees `inputs` pre-activations bias + N(0, 1). A unit is
// dead when its derivative is 0 for every input: no gradient can ever revive it.
register_experiment('dead_unit_fraction', {
    params: {
        activation: { type: 'activation' },
        param: { type: 'number', min: 0, max: 3, optional: true },
        shift: { type: 'number', min: -10, max: 10 },
        units: { type: 'integer', min: 1, max: 1000 },
        inputs: { type: 'integer', min: 1, max: 1000 },
    },
    run(p, rng, relu_lab) {
        const pre = new Float32Array(p.units * p.inputs); // [unit][input]
        for (let u = 0; u < p.units; u++) {
            const bias = p.shift + rng.normal();
            for (let i = 0; i < p.inputs; i++) pre[u * p.inputs + i] = bias + rng.normal();
        }
        const d = relu_lab.derivative(p.activation, pre, p.param);
        let dead = 0;
        for (let u = 0; u < p.units; u++) {
            let any_gradient = false;
            for (let i = 0; i < p.inputs && !any_gradient; i++) any_gradient = d[u * p.inputs + i] !== 0;
            if (!any_gradient) dead++;
        }
        return { result: dead / p.units, details: { dead, units: p.units } };
    },
});
