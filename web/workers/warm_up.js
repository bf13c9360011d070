// Runs the training code once, on a tiny network, as soon as a training worker has its
// wasm module, so that the learner's first steps do not pay for compiling it.
//
// Why: V8 compiles a wasm function only when it is first called (lazy compilation), first
// into quick unoptimised code, and optimises it once it has run a while (dynamic tiering).
// Without this, the first step of seed-keras after a click on Train took 55-58 ms to
// compute its images instead of about 5 ms, and the second step too was slow (Chromium 156).
// Two steps of the network below (31-66 ms in Chromium, mostly compiling) reach every
// function a training step, the shared held-out evaluation and a checkpoint call, for every
// preset's layer kinds. The trainer is its own and is freed at once: nothing the learner
// trains depends on it (tests/js/warm_up.test.js: the same bits with and without it).
import { create_trainer, preset_config } from '../bridge/trainer.js';

const batch = 8;
const images = 2 * batch;
const steps = 2;

// Every layer kind and option the presets use: convolutions with valid and same padding,
// 2 x 2 and 3 x 3 pooling, dropout, dense layers, ReLU and softmax, with shifts and turns.
function warm_up_config(relu_lab) {
    const base = preset_config(relu_lab, 'seed-keras').config;
    const layer = (fields) => ({ ...base.layers[0], activation: '', units: 0, ...fields });
    return {
        ...base,
        augment: 'shifts_rotations',
        batch_size: batch,
        seed: 1,
        layers: [
            layer({ type: 'conv2d', units: 4, kernel_size: 3, padding: 'valid', activation: 'relu' }),
            layer({ type: 'max_pool2d', pool_size: 2 }),
            layer({ type: 'conv2d', units: 4, kernel_size: 5, padding: 'same', activation: 'relu' }),
            layer({ type: 'max_pool2d', pool_size: 3 }),
            layer({ type: 'flatten' }),
            layer({ type: 'dense', units: 16, activation: 'relu' }),
            layer({ type: 'dropout', dropout_rate: 0.5 }),
            layer({ type: 'dense', units: base.classes, activation: 'softmax' }),
        ],
    };
}

// Some digit-like strokes: the values only need to be finite and varied.
function warm_up_data(side) {
    const pixels = new Uint8Array(images * side * side);
    const labels = new Uint8Array(images);
    for (let i = 0; i < images; i++) {
        labels[i] = i % 10;
        for (let y = 4; y < side - 4; y++) pixels[i * side * side + y * side + 6 + ((y * (i + 1)) % 12)] = 255;
    }
    return { pixels, labels, count: images, rows: side, cols: side };
}

// The phases a team member runs (training_team.js), the evaluation and a save. Returns
// { ok, ms }; ok false (with the error) when the module refused, which training itself
// would then report: the warm-up never throws.
export function warm_up_training(relu_lab) {
    const started_ms = performance.now();
    let trainer = null;
    try {
        const config = warm_up_config(relu_lab);
        const made = create_trainer(relu_lab, config);
        if (!made.ok) return { ok: false, error: made.error, ms: performance.now() - started_ms };
        trainer = made.trainer;
        const data = warm_up_data(config.input_height);
        trainer.set_training_data(data);
        trainer.set_eval_data(data);
        const team = trainer.team;
        const parameters = trainer.parameter_count();
        for (let s = 0; s < steps; s++) {
            const count = team.begin_step();
            const measure = s === 0;
            team.compute_images(0, count, measure);
            team.read_records(0, count, team.write_records(0, count));
            team.reduce_range(0, parameters);
            const { report } = team.update_range(0, parameters);
            team.read_parameters(0, parameters);
            team.take_slice_reports(report);
            team.finish_step(measure);
        }
        // The team's shared evaluation (in parts) and one trainer's.
        const part = trainer.evaluate_part(0, images, { with_layer_statistics: true, with_probabilities: true });
        trainer.evaluate_from_parts(part.part, { with_layer_statistics: true });
        trainer.evaluate({ with_probabilities: true });
        trainer.save();
        team.parameters_crc32();
        return { ok: true, ms: performance.now() - started_ms };
    } catch (error) {
        return { ok: false, error: String(error?.message ?? error), ms: performance.now() - started_ms };
    } finally {
        trainer?.dispose();
    }
}
