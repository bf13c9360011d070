// Fine-tuning the current model on the learner's own handwriting, in the trainer worker.
// The model goes on training from where it is (same optimizer state, same learning rate)
// on one pass over a mix of the learner's drawings, repeated, and as many images of the
// training set, so that it learns their style without forgetting the other digits.
// Accuracy is measured before and after on the drawings it trains on, on the drawings
// kept aside, and on the held-out set (did it forget?).
//
//   fine_tune(trainer, { own, kept_aside, train, test, seed, progress })
//     own, kept_aside: datasets of the learner's drawings (kept_aside may have count 0);
//     train, test: the worker's training and held-out sets.
//     -> { ok, before, after, steps, images, own_copies, train_images, undo_bytes }
//        where before/after = { own, kept_aside, held_out } each { accuracy, count, predicted }
//     or a refusal { ok: false, code, error, params }.
//   evaluate_on(trainer, dataset, test) -> { accuracy, count, predicted: Uint8Array } (test is
//     put back as the trainer's evaluation set afterwards).
import { create_rng } from '../common/seeded_rng.js';
import {
    fine_tune_mix,
    fine_tune_own_images as own_copies,
    fine_tune_train_images as train_images,
} from '../trainer/handwriting/handwriting_samples.js';
import { argmax } from '../trainer/pixels/digit_pixels.js';

const steps_per_call = 8;

export function evaluate_on(trainer, dataset, test) {
    if (!dataset || dataset.count === 0) return { accuracy: null, count: 0, predicted: new Uint8Array(0) };
    const set = trainer.set_eval_data(dataset);
    if (!set.ok) return set;
    const result = trainer.evaluate({ with_probabilities: true, with_layer_statistics: false });
    if (test) trainer.set_eval_data(test);
    if (!result.ok) return result;
    const classes = result.classes;
    const predicted = new Uint8Array(dataset.count);
    for (let i = 0; i < dataset.count; i++)
        predicted[i] = argmax(result.probabilities.subarray(i * classes, (i + 1) * classes));
    return { accuracy: result.accuracy, count: dataset.count, predicted };
}

function measure(trainer, { own, kept_aside, test }) {
    return {
        own: evaluate_on(trainer, own, test),
        kept_aside: evaluate_on(trainer, kept_aside, test),
        held_out: test ? evaluate_on(trainer, test, test) : { accuracy: null, count: 0, predicted: new Uint8Array(0) },
    };
}

export function fine_tune(trainer, { own, kept_aside, train, test, seed, progress = () => {} }) {
    if (!own || own.count === 0)
        return {
            ok: false,
            code: 'handwriting.error_no_samples',
            error: 'There are no drawings to train on.',
            params: {},
        };
    if (!train) return { ok: false, code: 'trainer.no_data', error: 'There is no training data.', params: {} };
    const started = performance.now();
    const before = measure(trainer, { own, kept_aside, test });
    const undo_bytes = trainer.save();
    const counters = trainer.step(0);
    const mix = fine_tune_mix({ own, train, own_copies, train_count: train_images, random: create_rng(seed) });
    const set = trainer.set_training_data(mix);
    if (!set.ok) return set;
    const batch_size = trainer.config().batch_size;
    const steps = Math.ceil(mix.count / batch_size);
    let failed = null;
    for (let done = 0; done < steps && !failed;) {
        const now = Math.min(steps_per_call, steps - done);
        const m = trainer.step(now);
        if (!m.ok) failed = m;
        done += now;
        progress(done / steps);
    }
    // Back to the learner's training set and epoch count: fine-tuning is steps, not an epoch.
    trainer.set_training_data(train);
    if (failed) return { ...failed, ok: false, undo_bytes, diverged: Boolean(failed.divergence?.diverged) };
    trainer.set_progress(trainer.step(0).step, counters.epoch);
    const after = measure(trainer, { own, kept_aside, test });
    return {
        ok: true,
        before,
        after,
        steps,
        images: mix.count,
        own_copies,
        train_images: mix.count - own_copies,
        seconds: (performance.now() - started) / 1000,
        undo_bytes,
    };
}
