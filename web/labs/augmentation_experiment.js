// Augmentation and overfitting: copies of the `small` convolutional network with one seed
// (the same initial weights and the same order of batches) that differ only in what
// happens to each training image: nothing, a random shift and turn, or an elastic
// distortion. They train on a few hundred digits, few enough that a network can learn
// them by heart: accuracy on the training digits runs ahead of accuracy on held-out
// digits, and augmentation narrows that gap. No DOM (the lab worker runs it).
//
//   run_augmentation(relu_lab, data, params, hooks) -> { lab, params, series: [{ mode,
//       trace: [{ step, train_accuracy, test_accuracy, test_loss }], divergence }], cancelled }
// Training accuracy is measured on the training digits as they are (not augmented).
import { preset_config } from '../bridge/trainer.js';
import { clamp_number, finite_or_null, known_list, run_copies, strided_subset } from './lab_training.js';

export const augmentation_modes = ['none', 'shifts_rotations', 'elastic'];
export const augmentation_training_images = [250, 1000];
export const augmentation_defaults = Object.freeze({
    modes: augmentation_modes.slice(),
    training_images: 250,
    steps: 300,
    seed: 1,
});
const steps_limits = [10, 600];
// Measuring every copy on both sets costs about as much as training it between two
// points; every 20 steps keeps the curves smooth and the run short.
const measure_every_steps = 20;

export function normalise_augmentation_params(params, relu_lab) {
    const d = augmentation_defaults;
    const p = { ...d, ...params };
    const images = Number(p.training_images);
    return {
        modes: known_list(p.modes, augmentation_modes, d.modes, { min: 1, max: 3 }),
        training_images: augmentation_training_images.includes(images) ? images : d.training_images,
        steps: Math.round(clamp_number(p.steps, steps_limits, d.steps)),
        seed: Math.round(clamp_number(p.seed, relu_lab.trainer_facts.seed, d.seed)),
    };
}

export function augmentation_config(relu_lab, mode, seed) {
    const small = preset_config(relu_lab, 'small');
    if (!small.ok) throw new Error(small.error);
    return { ...small.config, augment: mode, seed, learning_rate_decay: 1 };
}

export async function run_augmentation(relu_lab, data, raw_params, hooks = {}) {
    const params = normalise_augmentation_params(raw_params, relu_lab);
    const train = strided_subset(data.train, params.training_images);
    const measure = (run, step) => {
        // Every measure_every_steps steps (and at the end): both sets cost about as much as the training between.
        if (step % measure_every_steps !== 0 && step !== params.steps) return;
        run.trainer.set_eval_data(train);
        const on_train = run.trainer.evaluate({ with_layer_statistics: false });
        run.trainer.set_eval_data(data.test);
        const on_test = run.trainer.evaluate({ with_layer_statistics: false });
        run.trace.push({
            step,
            train_accuracy: on_train.accuracy,
            test_accuracy: on_test.accuracy,
            test_loss: finite_or_null(on_test.loss),
        });
    };
    const config_for = (mode) => augmentation_config(relu_lab, mode, params.seed);
    return run_copies(
        'augmentation',
        relu_lab,
        { train, test: data.test },
        params,
        { field: 'mode', values: params.modes, config_for, measure },
        hooks
    );
}
