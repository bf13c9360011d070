// The concept labs' experiments: small networks trained on the bundled digits through
// web/bridge/trainer.js, measured with the trainer's per-layer metrics. No DOM: the lab
// worker runs these, and the Node tests run the same functions on the same module.
//
// Every experiment is async run(relu_lab, data, params, hooks) -> result (plain values):
//   data   { train, test }: datasets as trainer.set_training_data takes them
//   hooks  { progress(value), pause() -> Promise<boolean> }: progress is streamed to the
//          page; pause() is awaited between chunks of training and resolves true when
//          the page cancelled the run.
import { deep_mlp_config } from '../bridge/trainer.js';
import {
    clamp_number,
    dead_fraction,
    dispose_all,
    finite_or_null,
    known_list,
    layer_indices,
    make_trainer,
    run_copies,
    strided_subset,
    train_side_by_side,
} from './lab_training.js';
import { augmentation_defaults, normalise_augmentation_params, run_augmentation } from './augmentation_experiment.js';

export const lab_ids = [
    'vanishing_gradients',
    'dying_relu',
    'sparsity',
    'initialisation',
    'backprop_worked_example',
    'same_seed_ab',
    'augmentation',
];

// What each experiment does unless the learner changes it: the intended scenario.
export const lab_defaults = Object.freeze({
    // init 'automatic': He normal for the ReLU family, Glorot uniform for sigmoid and tanh
    // (what the C++ core picks); or one initialiser for every activation.
    vanishing_gradients: {
        depth: 20,
        activations: ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu'],
        init: 'automatic',
        learning_rate: 0.02,
        steps: 150,
        seed: 1,
    },
    // Adam with a large step: ReLU units are pushed negative for every input and stay there.
    dying_relu: {
        scenario: 'large_learning_rate',
        activations: ['relu', 'leaky_relu', 'prelu', 'elu'],
        learning_rate: 0.08,
        bias_init: 0,
        steps: 200,
        seed: 1,
    },
    sparsity: { activations: ['relu', 'leaky_relu', 'elu', 'tanh'], steps: 100, seed: 1 },
    initialisation: {
        depth: 10,
        activation: 'relu',
        inits: ['he_normal', 'glorot_normal', 'zero', 'too_large'],
        optimizer: 'sgd',
        steps: 150,
        seed: 1,
    },
    same_seed_ab: { copies: ['relu', 'leaky_relu', 'relu'], learning_rate: 0.02, steps: 200, seed: 1 },
    augmentation: augmentation_defaults,
});

// The two dying-ReLU scenarios: a large Adam step, or biases that start negative.
export const dying_scenarios = Object.freeze({
    large_learning_rate: { learning_rate: 0.08, bias_init: 0 },
    negative_bias: { learning_rate: 0.01, bias_init: -0.5 },
});

export const lab_activations = ['relu', 'leaky_relu', 'prelu', 'elu', 'sigmoid', 'tanh', 'gelu'];
export const lab_inits = ['he_normal', 'glorot_normal', 'lecun_normal', 'zero', 'too_large'];
// The vanishing-gradient lab: each activation's own initialiser, or the same for all.
export const vanishing_inits = ['automatic', 'he_normal', 'glorot_uniform'];
// The initialisation lab's optimizers: plain SGD shows the effect of the initial scale
// most clearly; Adam rescales every step per parameter and softens it.
export const init_optimizers = Object.freeze({
    sgd: { optimizer: 'sgd', learning_rate: 0.02 },
    adam: { optimizer: 'adam', learning_rate: 0.003 },
});

const limits = {
    depth: [2, 30],
    init_depth: [2, 20],
    steps: [10, 600],
    learning_rate: [1e-4, 1],
    bias_init: [-2, 2],
};
const train_images = 1000; // of the 4,000 training digits, every 4th: all classes
const eval_images = 500; // of the 1,000 held out, every 2nd
const mlp_width = 64;

// The learner's settings, checked: unknown names dropped, numbers clamped to what runs
// in seconds. Pure, so the page and the worker agree and the tests can check it.
// relu_lab: the wasm module, whose trainer takes seeds in relu_lab.trainer_facts.seed.
export function normalise_params(lab, params, relu_lab) {
    const d = lab_defaults[lab];
    if (!d) return null;
    if (lab === 'augmentation') return normalise_augmentation_params(params, relu_lab);
    const p = { ...d, ...params };
    const steps = Math.round(clamp_number(p.steps, limits.steps, d.steps));
    const seed = Math.round(clamp_number(p.seed, relu_lab.trainer_facts.seed, d.seed));
    switch (lab) {
        case 'vanishing_gradients':
            return {
                depth: Math.round(clamp_number(p.depth, limits.depth, d.depth)),
                activations: known_list(p.activations, lab_activations, d.activations),
                init: vanishing_inits.includes(p.init) ? p.init : d.init,
                learning_rate: clamp_number(p.learning_rate, limits.learning_rate, d.learning_rate),
                steps,
                seed,
            };
        case 'dying_relu': {
            const scenario = dying_scenarios[p.scenario] ? p.scenario : d.scenario;
            // The scenario's own learning rate and bias unless the learner set them.
            const s = { ...dying_scenarios[scenario], ...params };
            return {
                scenario,
                activations: known_list(p.activations, lab_activations, d.activations),
                learning_rate: clamp_number(
                    s.learning_rate,
                    limits.learning_rate,
                    dying_scenarios[scenario].learning_rate
                ),
                bias_init: clamp_number(s.bias_init, limits.bias_init, dying_scenarios[scenario].bias_init),
                steps,
                seed,
            };
        }
        case 'sparsity':
            return {
                activations: known_list(p.activations, lab_activations, d.activations),
                steps: Math.round(clamp_number(p.steps, [0, 600], d.steps)),
                seed,
            };
        case 'initialisation':
            return {
                depth: Math.round(clamp_number(p.depth, limits.init_depth, d.depth)),
                activation: lab_activations.includes(p.activation) ? p.activation : d.activation,
                inits: known_list(p.inits, lab_inits, d.inits),
                optimizer: init_optimizers[p.optimizer] ? p.optimizer : d.optimizer,
                steps,
                seed,
            };
        case 'same_seed_ab':
            return {
                // A learner compares at least two copies; one worker's share of them may be one
                // (list_part, web/labs/lab_parts.js).
                copies: known_list(p.copies, lab_activations, d.copies, {
                    min: p.list_part ? 1 : 2,
                    max: 4,
                    unique: false,
                }),
                learning_rate: clamp_number(p.learning_rate, limits.learning_rate, d.learning_rate),
                steps,
                seed,
            };
        default:
            return {};
    }
}

export function lab_data(train, test) {
    return { train: strided_subset(train, train_images), test: strided_subset(test, eval_images) };
}

// The deep-mlp preset's shape (deep_mlp_config in web/bridge/trainer.js) with the lab's
// training settings.
export function mlp_config(
    relu_lab,
    {
        depth,
        activation,
        width = mlp_width,
        weight_init = 'automatic',
        bias_init = 0,
        optimizer = 'adam',
        learning_rate = 0.01,
        batch_size = 32,
        seed = 1,
    }
) {
    return {
        ...deep_mlp_config(relu_lab, { depth, width, activation }),
        weight_init,
        bias_init,
        optimizer,
        learning_rate,
        batch_size,
        seed,
        augment: 'none',
        learning_rate_decay: 1,
    };
}

// Vanishing gradients: per-layer gradient norm of a deep MLP, at the first batch and
// while training (SGD, as the deep-mlp preset), for each activation.
export async function run_vanishing_gradients(relu_lab, data, raw_params, hooks = {}) {
    const params = normalise_params('vanishing_gradients', raw_params, relu_lab);
    const runs = [];
    try {
        for (const activation of params.activations) {
            const trainer = make_trainer(
                relu_lab,
                mlp_config(relu_lab, {
                    depth: params.depth,
                    activation,
                    weight_init: params.init,
                    optimizer: 'sgd',
                    learning_rate: params.learning_rate,
                    seed: params.seed,
                }),
                data
            );
            // The initialiser the core drew the hidden layers with ('automatic' resolved).
            const init = trainer.layers().find((l) => l.type === 'dense')?.init ?? null;
            runs.push({
                activation,
                init,
                trainer,
                ...layer_indices(trainer),
                trace: [],
                before: null,
                latest: null,
                divergence: null,
            });
        }
        // The first step's metrics are the gradients of the untrained network (measured
        // before its update is applied).
        for (const run of runs) {
            const metrics = run.trainer.step(1);
            if (!metrics.ok) {
                run.divergence = { step: 1, message: metrics.divergence?.message || metrics.error || '' };
                continue;
            }
            run.before = run.dense_layers.map((i) => metrics.layers[i].param_grad_norm);
            run.latest = run.before;
            run.trace.push({ step: 1, first_layer: run.before[0], loss: metrics.loss });
        }
        hooks.progress?.({ step: 1, steps: params.steps, partial: vanishing_result(params, runs, 1) });
        const finished = await train_side_by_side(
            runs,
            params.steps - 1,
            {
                pause: hooks.pause,
                progress: ({ step }) =>
                    hooks.progress?.({
                        step: step + 1,
                        steps: params.steps,
                        partial: vanishing_result(params, runs, step + 1),
                    }),
            },
            (run, metrics, done) => {
                run.latest = run.dense_layers.map((i) => metrics.layers[i].param_grad_norm);
                run.trace.push({ step: done + 1, first_layer: run.latest[0], loss: metrics.loss });
            }
        );
        for (const run of runs) {
            if (!run.divergence) run.accuracy = run.trainer.evaluate({ with_layer_statistics: false }).accuracy;
        }
        return { ...vanishing_result(params, runs, params.steps), cancelled: !finished };
    } finally {
        dispose_all(runs);
    }
}

function vanishing_result(params, runs, step) {
    return {
        lab: 'vanishing_gradients',
        params,
        step,
        series: runs.map((r) => ({
            activation: r.activation,
            init: r.init,
            before: r.before,
            latest: r.latest,
            trace: r.trace.map((p) => ({
                ...p,
                first_layer: finite_or_null(p.first_layer),
                loss: finite_or_null(p.loss),
            })),
            accuracy: r.accuracy ?? null,
            divergence: r.divergence,
        })),
    };
}

// Dying ReLU: dead-unit fraction (units whose pre-activation is <= 0 for every held-out digit) and
// held-out accuracy while training, for ReLU and its variants in one scenario.
export async function run_dying_relu(relu_lab, data, raw_params, hooks = {}) {
    const params = normalise_params('dying_relu', raw_params, relu_lab);
    const measure = (run, step) => {
        const e = run.trainer.evaluate();
        run.trace.push({ step, dead_fraction: dead_fraction(e, run.activation_layers), accuracy: e.accuracy });
    };
    const config_for = (activation) =>
        mlp_config(relu_lab, {
            depth: 4,
            activation,
            bias_init: params.bias_init,
            optimizer: 'adam',
            learning_rate: params.learning_rate,
            seed: params.seed,
        });
    return run_copies(
        'dying_relu',
        relu_lab,
        data,
        params,
        { field: 'activation', values: params.activations, config_for, measure },
        hooks
    );
}

// Histogram bins for activations: exact zeros on their own, then [lo, hi) in equal
// steps, with everything below and above in the outer bins.
export const histogram_bins = Object.freeze({ lo: -1.5, hi: 3, width: 0.25 });

// values -> { exact_zero, below, bins: [count per bin], above, total } (fractions of total).
export function activation_histogram(values, { lo, hi, width } = histogram_bins) {
    const count = Math.round((hi - lo) / width);
    const bins = new Array(count).fill(0);
    let exact_zero = 0,
        below = 0,
        above = 0;
    for (const v of values) {
        if (v === 0) exact_zero++;
        else if (v < lo) below++;
        else if (v >= hi) above++;
        else bins[Math.min(count - 1, Math.floor((v - lo) / width))]++;
    }
    const total = values.length;
    const share = (c) => (total ? c / total : 0);
    return { exact_zero: share(exact_zero), below: share(below), above: share(above), bins: bins.map(share), total };
}

const histogram_images = 200;

// Sparsity: share of exact zeros per activation layer (over the held-out digits) and a
// histogram of each layer's outputs, after a short training, for each activation.
export async function run_sparsity(relu_lab, data, raw_params, hooks = {}) {
    const params = normalise_params('sparsity', raw_params, relu_lab);
    const runs = [];
    try {
        for (const activation of params.activations) {
            const trainer = make_trainer(
                relu_lab,
                mlp_config(relu_lab, {
                    depth: 3,
                    activation,
                    optimizer: 'adam',
                    learning_rate: 0.01,
                    seed: params.seed,
                }),
                data
            );
            runs.push({
                activation,
                trainer,
                activation_layers: layer_indices(trainer).activation_layers,
                divergence: null,
            });
        }
        const finished = await train_side_by_side(runs, params.steps, hooks, () => {});
        const image_size = data.test.rows * data.test.cols;
        const series = runs.map((run) => {
            const e = run.trainer.evaluate();
            const outputs = run.activation_layers.map(() => []);
            const images = Math.min(histogram_images, data.test.count);
            for (let k = 0; k < images; k++) {
                run.trainer.predict(data.test.pixels.subarray(k * image_size, (k + 1) * image_size));
                run.activation_layers.forEach((layer, j) => {
                    for (const v of run.trainer.layer_output(layer)) outputs[j].push(v);
                });
            }
            return {
                activation: run.activation,
                accuracy: e.accuracy,
                zero_fraction: run.activation_layers.map((i) => e.layers[i].zero_fraction),
                histograms: outputs.map((values) => activation_histogram(values)),
                divergence: run.divergence,
            };
        });
        return { lab: 'sparsity', params, series, cancelled: !finished };
    } finally {
        dispose_all(runs);
    }
}

// Initialisation: standard deviation of each activation layer's outputs over the
// held-out digits before training, how different the units of a layer are (zero
// initialisation keeps them identical), and the training curves, per initialiser.
export async function run_initialisation(relu_lab, data, raw_params, hooks = {}) {
    const params = normalise_params('initialisation', raw_params, relu_lab);
    const runs = [];
    const image_size = data.test.rows * data.test.cols;
    // Largest difference between two units' outputs in each activation layer, over a few digits.
    const unit_spread = (run) =>
        run.activation_layers.map((layer) => {
            let spread = 0;
            for (let k = 0; k < 8; k++) {
                run.trainer.predict(data.test.pixels.subarray(k * image_size, (k + 1) * image_size));
                const out = run.trainer.layer_output(layer);
                let lo = Infinity,
                    hi = -Infinity;
                for (const v of out) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                spread = Math.max(spread, hi - lo);
            }
            return finite_or_null(spread);
        });
    try {
        for (const init of params.inits) {
            const trainer = make_trainer(
                relu_lab,
                mlp_config(relu_lab, {
                    depth: params.depth,
                    activation: params.activation,
                    weight_init: init,
                    ...init_optimizers[params.optimizer],
                    seed: params.seed,
                }),
                data
            );
            const run = {
                init,
                trainer,
                activation_layers: layer_indices(trainer).activation_layers,
                trace: [],
                divergence: null,
            };
            const e = trainer.evaluate();
            run.stddev = run.activation_layers.map((i) => finite_or_null(e.layers[i].stddev));
            run.trace.push({ step: 0, loss: finite_or_null(e.loss), accuracy: e.accuracy });
            runs.push(run);
        }
        const result = () => ({
            lab: 'initialisation',
            params,
            series: runs.map((r) => ({
                init: r.init,
                stddev: r.stddev,
                trace: r.trace.slice(),
                unit_spread: r.unit_spread ?? null,
                divergence: r.divergence,
            })),
        });
        hooks.progress?.({ step: 0, steps: params.steps, partial: result() });
        const finished = await train_side_by_side(
            runs,
            params.steps,
            {
                pause: hooks.pause,
                progress: ({ step }) => hooks.progress?.({ step, steps: params.steps, partial: result() }),
            },
            (run, metrics, done) => {
                const e = run.trainer.evaluate();
                run.trace.push({ step: done, loss: finite_or_null(e.loss), accuracy: e.accuracy });
            }
        );
        for (const run of runs) run.unit_spread = unit_spread(run);
        return { ...result(), cancelled: !finished };
    } finally {
        dispose_all(runs);
    }
}

// Same-seed A/B: copies with one seed (so the same initial weights, drawn He normal for
// every copy, and the same order of batches) that differ only in their activation.
export async function run_same_seed_ab(relu_lab, data, raw_params, hooks = {}) {
    const params = normalise_params('same_seed_ab', raw_params, relu_lab);
    // Loss and accuracy on the held-out digits, so every point is measured the same way.
    const measure = (run, step) => {
        const e = run.trainer.evaluate();
        run.trace.push({
            step,
            loss: finite_or_null(e.loss),
            accuracy: e.accuracy,
            dead_fraction: dead_fraction(e, run.activation_layers),
        });
    };
    const config_for = (activation) =>
        mlp_config(relu_lab, {
            depth: 4,
            activation,
            weight_init: 'he_normal',
            optimizer: 'adam',
            learning_rate: params.learning_rate,
            seed: params.seed,
        });
    return run_copies(
        'same_seed_ab',
        relu_lab,
        data,
        params,
        { field: 'activation', values: params.copies, config_for, measure },
        hooks
    );
}

export const experiments = Object.freeze({
    vanishing_gradients: run_vanishing_gradients,
    dying_relu: run_dying_relu,
    sparsity: run_sparsity,
    initialisation: run_initialisation,
    same_seed_ab: run_same_seed_ab,
    augmentation: run_augmentation,
});

// For every pair of A/B copies: do they share an activation, and the largest difference
// between their curves (loss, accuracy, dead fraction) at any measured step.
export function compare_copies(series) {
    const pairs = [];
    for (let i = 0; i < series.length; i++) {
        for (let j = i + 1; j < series.length; j++) {
            let max_difference = 0;
            const a = series[i].trace,
                b = series[j].trace;
            const n = Math.min(a.length, b.length);
            for (let k = 0; k < n; k++) {
                for (const field of ['loss', 'accuracy', 'dead_fraction']) {
                    const x = a[k][field],
                        y = b[k][field];
                    const d = x === null || y === null ? (x === y ? 0 : Infinity) : Math.abs(x - y);
                    max_difference = Math.max(max_difference, d);
                }
            }
            if (a.length !== b.length) max_difference = Infinity;
            pairs.push({ i, j, same_activation: series[i].activation === series[j].activation, max_difference });
        }
    }
    return pairs;
}
