// What every lab experiment shares: a trainer made from a config and the lab's data,
// several trainers trained side by side in chunks (progress and cancellation between
// chunks), per-layer lookups, and the checks that keep a learner's settings in range.
// No DOM: the lab worker and the Node tests run it.
import { create_trainer } from '../bridge/trainer.js';

const chunk_steps = 10; // steps between progress reports (and cancellation checks)

export function clamp_number(value, [lo, hi], fallback) {
    const n = Number(value);
    if (!Number.isFinite(n)) return fallback;
    return Math.min(hi, Math.max(lo, n));
}

export function known_list(values, allowed, fallback, { min = 1, max = 8, unique = true } = {}) {
    if (!Array.isArray(values)) return fallback.slice();
    let list = values.map(String).filter((v) => allowed.includes(v));
    if (unique) list = [...new Set(list)];
    list = list.slice(0, max);
    return list.length >= min ? list : fallback.slice();
}

// Every k-th example, so a small subset still holds every class.
export function strided_subset(dataset, count) {
    const n = Math.min(count, dataset.count);
    const stride = Math.max(1, Math.floor(dataset.count / n));
    const size = dataset.rows * dataset.cols;
    const pixels = new Uint8Array(n * size);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
        const source = i * stride;
        pixels.set(dataset.pixels.subarray(source * size, (source + 1) * size), i * size);
        labels[i] = dataset.labels[source];
    }
    return { pixels, labels, count: n, rows: dataset.rows, cols: dataset.cols };
}

// A refusal from the bridge ({ error, code, params }) on its way to the page, which
// translates it with error_message (web/bridge/error_message.js).
export class lab_failure extends Error {
    constructor(refusal) {
        super(refusal.error);
        this.i18n_key = 'labs.error_trainer';
        this.params = {
            detail: refusal.error ?? '',
            refusal: { error: refusal.error ?? '', code: refusal.code ?? null, params: refusal.params ?? {} },
        };
    }
}

export function make_trainer(relu_lab, config, data) {
    const made = create_trainer(relu_lab, config);
    if (!made.ok) throw new lab_failure(made);
    for (const [setter, dataset] of [
        ['set_training_data', data.train],
        ['set_eval_data', data.test],
    ]) {
        const r = made.trainer[setter](dataset);
        if (!r.ok) {
            made.trainer.dispose();
            throw new lab_failure(r);
        }
    }
    return made.trainer;
}

// Indices of the planned layers by type: dense layers and activation layers.
export function layer_indices(trainer) {
    const layers = trainer.layers();
    return {
        dense_layers: layers.flatMap((l, i) => (l.type === 'dense' ? [i] : [])),
        activation_layers: layers.flatMap((l, i) => (l.type === 'activation' ? [i] : [])),
    };
}

export function dead_fraction(evaluation, activation_layers) {
    let dead = 0,
        units = 0;
    for (const i of activation_layers) {
        dead += evaluation.layers[i].dead_units;
        units += evaluation.layers[i].units;
    }
    return units ? dead / units : 0;
}

export const finite_or_null = (v) => (Number.isFinite(v) ? v : null);

// Runs `runs` (each { trainer, ...}) side by side in chunks, calling measure(run, metrics)
// after every chunk; a diverged run stops and keeps its message.
export async function train_side_by_side(runs, steps, hooks, measure) {
    for (let done = 0; done < steps;) {
        const chunk = Math.min(chunk_steps, steps - done);
        done += chunk;
        for (const run of runs) {
            if (run.divergence) continue;
            const metrics = run.trainer.step(chunk);
            if (!metrics.ok) {
                run.divergence = {
                    step: metrics.divergence?.step ?? done,
                    message: metrics.divergence?.message || metrics.error || '',
                };
                continue;
            }
            measure(run, metrics, done);
        }
        hooks.progress?.({ step: done, steps });
        if (await hooks.pause?.()) return false;
    }
    return true;
}

export function dispose_all(runs) {
    for (const run of runs) run.trainer?.dispose();
}

// One network per value of `field` (an activation, an augmentation, ...), identical but
// for it (same seed, data and order), trained side by side; measure(run, step) adds a
// point to run.trace at step 0 and after every chunk. -> { lab, params, series:
// [{ [field]: value, trace, divergence }], cancelled }
export async function run_copies(lab, relu_lab, data, params, { field, values, config_for, measure }, hooks) {
    const runs = [];
    try {
        for (const value of values) {
            const trainer = make_trainer(relu_lab, config_for(value), data);
            const run = {
                [field]: value,
                trainer,
                activation_layers: layer_indices(trainer).activation_layers,
                trace: [],
                divergence: null,
            };
            runs.push(run);
            measure(run, 0);
        }
        const result = () => ({
            lab,
            params,
            series: runs.map((r) => ({ [field]: r[field], trace: r.trace.slice(), divergence: r.divergence })),
        });
        hooks.progress?.({ step: 0, steps: params.steps, partial: result() });
        const finished = await train_side_by_side(
            runs,
            params.steps,
            {
                pause: hooks.pause,
                progress: ({ step }) => hooks.progress?.({ step, steps: params.steps, partial: result() }),
            },
            (run, _metrics, done) => measure(run, done)
        );
        return { ...result(), cancelled: !finished };
    } finally {
        dispose_all(runs);
    }
}
