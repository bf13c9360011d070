// Teach it your handwriting: the drawings' bookkeeping and file format
// (web/trainer/handwriting/handwriting_samples.js), and fine-tuning the shipped model in
// wasm (web/workers/fine_tune.js) on a "learner" whose handwriting is mirrored: digits
// the model has never seen written that way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { trainer_from_model } from '../../web/bridge/trainer.js';
import { create_rng } from '../../web/common/seeded_rng.js';
import {
    add_sample,
    fine_tune_mix,
    max_per_digit,
    next_digit_to_draw,
    samples_dataset,
    samples_from_json,
    samples_to_json,
    split_samples,
} from '../../web/trainer/handwriting/handwriting_samples.js';
import { create_handwriting_store, handwriting_storage_key } from '../../web/trainer/handwriting/handwriting_store.js';
import { evaluate_on, fine_tune } from '../../web/workers/fine_tune.js';
import { bundled_digits_where, bundled_images, bundled_labels, every_tenth_digit } from '../support/bundled_digits.js';

// The bundled digits are 500 per class, in class order. The last 10 of each class are the
// mirrored learner's; of the others, nine in ten train and one in ten is held out.
function bundled_subset(keep) {
    return bundled_digits_where((i) => i % 500 < 490 && keep(i));
}

const side = 28;
const pretrained = readFileSync(new URL('../../web/data/models/pretrained-small.relulab', import.meta.url));

// Image i of the bundled digits, mirrored left to right.
function mirrored_digit(index) {
    const out = new Uint8Array(side * side);
    for (let r = 0; r < side; r++)
        for (let c = 0; c < side; c++) out[r * side + c] = bundled_images[index * 784 + r * side + (side - 1 - c)];
    return out;
}

// `per_digit` mirrored drawings of each digit, from the last images of each class (the
// bundled set is 500 images per class, in class order).
function mirrored_learner(per_digit) {
    let samples = [];
    for (let n = 0; n < per_digit; n++) {
        for (let digit = 0; digit < 10; digit++) {
            const index = digit * 500 + 499 - n;
            assert.equal(bundled_labels[index], digit);
            const added = add_sample(samples, digit, mirrored_digit(index));
            assert.ok(added.ok);
            samples = added.samples;
        }
    }
    return samples;
}

test('every fifth drawing of a digit is kept aside, and a digit holds at most ten', () => {
    const samples = mirrored_learner(6);
    const { trained, kept_aside } = split_samples(samples);
    assert.equal(kept_aside.length, 10);
    assert.equal(trained.length, 50);
    for (const index of kept_aside) {
        const label = samples[index].label;
        const rank = samples.slice(0, index + 1).filter((s) => s.label === label).length;
        assert.equal(rank, 5, `drawing ${index} is the ${rank}th of ${label}`);
    }
    let full = mirrored_learner(max_per_digit);
    const refused = add_sample(full, 3, new Uint8Array(784));
    assert.equal(refused.ok, false);
    assert.equal(refused.code, 'handwriting.error_digit_full');
    assert.equal(add_sample(full, 10, new Uint8Array(784)).ok, false);
    assert.equal(add_sample(full, 2.5, new Uint8Array(784)).ok, false);
    assert.equal(add_sample([], 1, new Uint8Array(783)).ok, false);
    full = full.filter((s) => s.label !== 7);
    assert.equal(next_digit_to_draw(full), 7);
});

test('drawings survive the file format byte for byte, and damaged files are refused whole', () => {
    const samples = mirrored_learner(2);
    const read = samples_from_json(samples_to_json(samples));
    assert.ok(read.ok);
    assert.equal(read.samples.length, samples.length);
    read.samples.forEach((s, i) => {
        assert.equal(s.label, samples[i].label);
        assert.deepEqual(s.pixels, samples[i].pixels);
    });
    const file = JSON.parse(samples_to_json(samples));
    const refusals = [
        ['not json {', 'handwriting.error_not_samples'],
        [JSON.stringify({ ...file, format: 'something-else' }), 'handwriting.error_not_samples'],
        [JSON.stringify({ ...file, version: 2 }), 'handwriting.error_version'],
        [JSON.stringify({ ...file, side: 20 }), 'handwriting.error_side'],
        [JSON.stringify({ ...file, samples: [{ label: 3, pixels: 'AAAA' }] }), 'handwriting.error_bad_sample_at'],
        [JSON.stringify({ ...file, samples: [{ label: 3, pixels: '%%%' }] }), 'handwriting.error_bad_sample_at'],
        [JSON.stringify({ ...file, samples: [{ ...file.samples[0], label: 12 }] }), 'handwriting.error_bad_sample_at'],
        [JSON.stringify({ ...file, samples: Array(11).fill(file.samples[0]) }), 'handwriting.error_digit_full'],
    ];
    for (const [text, code] of refusals) assert.equal(samples_from_json(text).code, code, text.slice(0, 60));
    assert.deepEqual(samples_from_json(JSON.stringify({ ...file, samples: [] })), { ok: true, samples: [] });
});

test('the fine-tuning mix repeats the drawings and draws distinct training images, the same for one seed', () => {
    const own = samples_dataset(mirrored_learner(3));
    const train = every_tenth_digit(400, 0);
    const mix = fine_tune_mix({ own, train, own_copies: 100, train_count: 150, random: create_rng(9) });
    assert.equal(mix.count, 250);
    for (let k = 0; k < 100; k++) {
        assert.equal(mix.labels[k], own.labels[k % own.count]);
        assert.deepEqual(
            mix.pixels.subarray(k * 784, k * 784 + 784),
            own.pixels.subarray((k % 30) * 784, (k % 30) * 784 + 784)
        );
    }
    const from_train = new Set();
    for (let k = 100; k < 250; k++) {
        const image = mix.pixels.subarray(k * 784, k * 784 + 784);
        from_train.add(Buffer.from(image).toString('base64'));
    }
    assert.equal(from_train.size, 150, 'distinct training images');
    const again = fine_tune_mix({ own, train, own_copies: 100, train_count: 150, random: create_rng(9) });
    assert.deepEqual(again.pixels, mix.pixels);
    const other = fine_tune_mix({ own, train, own_copies: 100, train_count: 150, random: create_rng(10) });
    assert.notDeepEqual(other.pixels, mix.pixels);
    // Fewer training images than asked for: all of them, once.
    assert.equal(fine_tune_mix({ own, train, own_copies: 10, train_count: 1000, random: create_rng(1) }).count, 410);
});

test('fine-tuning the shipped model learns mirrored handwriting without forgetting the held-out digits', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'simd' });
    const made = trainer_from_model(relu_lab, pretrained);
    assert.ok(made.ok, made.error);
    const trainer = made.trainer;
    const train = bundled_subset((i) => i % 10 !== 9);
    const test_set = bundled_subset((i) => i % 10 === 9);
    assert.deepEqual(trainer.set_training_data(train), { ok: true });
    assert.equal(train.count, 4410);
    assert.deepEqual(trainer.set_eval_data(test_set), { ok: true });
    const samples = mirrored_learner(10);
    const { trained, kept_aside } = split_samples(samples);
    const own = samples_dataset(samples, trained);
    const kept = samples_dataset(samples, kept_aside);
    const start = trainer.step(0);
    const fractions = [];
    const result = fine_tune(trainer, {
        own,
        kept_aside: kept,
        train,
        test: test_set,
        seed: 1,
        progress: (f) => fractions.push(f),
    });
    assert.ok(result.ok, result.error);
    const { before, after } = result;
    console.log(
        `mirrored drawings trained on: ${before.own.accuracy} -> ${after.own.accuracy}; kept aside: ` +
            `${before.kept_aside.accuracy} -> ${after.kept_aside.accuracy}; held out: ` +
            `${before.held_out.accuracy} -> ${after.held_out.accuracy}; ${result.steps} steps, ${result.seconds.toFixed(2)} s`
    );
    assert.equal(before.own.count, 80);
    assert.equal(before.kept_aside.count, 20);
    assert.equal(before.held_out.count, 490);
    // Mirrored digits are new to the model (it reads under half of them); after one pass it
    // reads far more of those it trained on and of those it never saw, and the held-out
    // digits lose at most 3 points.
    assert.ok(before.own.accuracy < 0.5, `before ${before.own.accuracy}`);
    assert.ok(after.own.accuracy >= before.own.accuracy + 0.3, `after ${after.own.accuracy}`);
    assert.ok(after.kept_aside.accuracy >= before.kept_aside.accuracy + 0.2, 'kept aside improves');
    assert.ok(after.held_out.accuracy >= before.held_out.accuracy - 0.03, 'held out kept');
    // One pass over the mix: the steps go on, the epoch count does not.
    const counters = trainer.step(0);
    assert.equal(counters.epoch, start.epoch);
    assert.equal(counters.step, start.step + result.steps);
    assert.equal(result.steps, Math.ceil(result.images / trainer.config().batch_size));
    assert.equal(fractions.at(-1), 1);
    assert.ok(fractions.every((f, i) => i === 0 || f > fractions[i - 1]));
    // The training and evaluation sets are the learner's again.
    assert.equal(trainer.evaluate().count, 490);

    // Undo: the bytes from before bring back the model's exact predictions.
    assert.ok(trainer.load(result.undo_bytes).ok);
    const undone = evaluate_on(trainer, own, test_set);
    assert.deepEqual(undone.predicted, before.own.predicted);
    assert.equal(trainer.step(0).step, start.step);

    // Deterministic: the same start and seed give the same model, bit for bit.
    const first = trainer_from_model(relu_lab, pretrained).trainer;
    const second = trainer_from_model(relu_lab, pretrained).trainer;
    for (const t of [first, second]) {
        t.set_training_data(train);
        t.set_eval_data(test_set);
        assert.ok(fine_tune(t, { own, kept_aside: kept, train, test: test_set, seed: 5 }).ok);
    }
    assert.deepEqual(first.save(), second.save());
    for (const t of [trainer, first, second]) t.dispose();
});

test('nothing to train on is refused with a code the panel translates', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'simd' });
    const trainer = trainer_from_model(relu_lab, pretrained).trainer;
    const empty = samples_dataset([]);
    assert.equal(
        fine_tune(trainer, { own: empty, train: every_tenth_digit(10, 0) }).code,
        'handwriting.error_no_samples'
    );
    assert.equal(
        fine_tune(trainer, { own: samples_dataset(mirrored_learner(1)), train: null }).code,
        'trainer.no_data'
    );
    trainer.dispose();
});

test('the drawings in browser storage: kept, reported when storage is missing, full or damaged', () => {
    const memory = new Map();
    const storage = {
        getItem: (key) => (memory.has(key) ? memory.get(key) : null),
        setItem: (key, value) => memory.set(key, String(value)),
        removeItem: (key) => memory.delete(key),
    };
    const samples = mirrored_learner(1);
    const store = create_handwriting_store(storage);
    assert.deepEqual(store.load(), { samples: [], problem: null });
    assert.equal(store.save(samples), null);
    const loaded = store.load();
    assert.equal(loaded.problem, null);
    assert.deepEqual(
        loaded.samples.map((s) => s.label),
        samples.map((s) => s.label)
    );
    assert.deepEqual(loaded.samples[3].pixels, samples[3].pixels);
    // Deleting every drawing removes the record.
    assert.equal(store.save([]), null);
    assert.equal(memory.has(handwriting_storage_key), false);

    memory.set(handwriting_storage_key, '{"format":"relu-lab-handwriting","version":1,"side":28,"samples":[{"label":');
    assert.deepEqual(store.load(), { samples: [], problem: 'handwriting.storage_damaged' });

    const unavailable = create_handwriting_store(null);
    assert.equal(unavailable.load().problem, 'handwriting.storage_unavailable');
    assert.equal(unavailable.save(samples), 'handwriting.storage_unavailable');

    const full = create_handwriting_store({
        getItem: () => null,
        setItem: () => {
            throw new DOMException('quota', 'QuotaExceededError');
        },
        removeItem: () => {},
    });
    assert.equal(full.save(samples), 'handwriting.storage_full');
    const blocked = create_handwriting_store({
        getItem: () => {
            throw new DOMException('denied', 'SecurityError');
        },
        setItem: () => {
            throw new DOMException('denied', 'SecurityError');
        },
        removeItem: () => {},
    });
    assert.equal(blocked.load().problem, 'handwriting.storage_unavailable');
    assert.equal(blocked.save(samples), 'handwriting.storage_unavailable');
});
