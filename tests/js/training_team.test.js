// Training on several workers (web/workers/training_team.js), with the members in one
// thread joined by MessageChannels: the same seed gives bit-identical model files (weights,
// optimizer state gathered from the members' slices, and counters) for 1, 2, 3 or 4
// members, in the SIMD and the FMA build, and after a member lost mid-step the leader is
// back at the last good state, so training resumes from it. Before the first step the
// helpers build their copies from the config (or take the ones they prepared while the
// leader built its own), and get the model file only when the weights' checksum shows
// that the config does not make them; the leader keeps that checkpoint as the config.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { raw_module } from '../../web/bridge/relu_lab_module.js';
import { create_trainer, preset_config } from '../../web/bridge/trainer.js';
import {
    create_local_team,
    image_weights_for,
    share,
    team_member_lost,
    updated_speeds,
    weighted_bounds,
} from '../../web/workers/training_team.js';
import { bundled_images, bundled_labels } from '../support/bundled_digits.js';

const relu_lab = await load_relu_lab_in_node({ build: 'simd' });
const relu_lab_fma = await load_relu_lab_in_node({ build: 'fma' });

const count = 300;
const train = {
    pixels: bundled_images.slice(0, count * 784),
    labels: bundled_labels.slice(0, count),
    count,
    rows: 28,
    cols: 28,
};
// Images 0..299 are all zeros in the bundled order (500 per class): mix classes instead.
for (let i = 0; i < count; i++) {
    const source = (i % 10) * 500 + Math.floor(i / 10);
    train.pixels.set(bundled_images.subarray(source * 784, (source + 1) * 784), i * 784);
    train.labels[i] = bundled_labels[source];
}

// small with elastic distortions and a batch that does not divide the members evenly.
function config(module = relu_lab) {
    const c = preset_config(module, 'small').config;
    return { ...c, augment: 'elastic', batch_size: 22, seed: 5 };
}

function new_trainer(module = relu_lab) {
    const made = create_trainer(module, config(module));
    assert.ok(made.ok, made.error);
    assert.deepEqual(made.trainer.set_training_data(train), { ok: true });
    return made.trainer;
}

// One trainer's model files after each of `step_counts` (ascending) steps.
function files_of_one_trainer(...step_counts) {
    const alone = new_trainer();
    let taken = 0;
    const files = step_counts.map((count) => {
        alone.step(count - taken);
        taken = count;
        return alone.save();
    });
    alone.dispose();
    return files;
}

// A new leader's trainer synced with a team of `size` members and trained `steps` steps.
async function trained_team(size, steps) {
    const leader_trainer = new_trainer();
    const team = create_local_team(relu_lab, size);
    await team.leader.sync(leader_trainer, train);
    for (let s = 0; s < steps; s++) assert.ok((await team.leader.step(leader_trainer, false)).ok);
    return { leader_trainer, ...team };
}

function same_bytes(a, b) {
    return a.length === b.length && a.every((v, i) => v === b[i]);
}

test('share() splits any count among members without gaps', () => {
    for (const total of [1, 7, 22, 5994]) {
        for (let n = 1; n <= 4; n++) {
            let next = 0;
            for (let k = 0; k < n; k++) {
                const [first, last] = share(total, k, n);
                assert.equal(first, next);
                next = last;
            }
            assert.equal(next, total);
        }
    }
});

test('weighted_bounds() splits in proportion to integer weights, without gaps, and equal weights give share()', () => {
    for (const total of [0, 1, 7, 22, 32, 5994]) {
        for (const weights of [[1], [3, 1], [1, 1000], [250, 4000, 1000], [7, 7, 7, 7], [1000, 250, 1000, 2500]]) {
            const bounds = weighted_bounds(total, weights);
            assert.equal(bounds.length, weights.length + 1);
            let next = 0;
            for (let k = 0; k < weights.length; k++) {
                const [first, last] = [bounds[k], bounds[k + 1]];
                assert.equal(first, next);
                assert.ok(last >= first);
                // Within one item of the exact proportion.
                const exact = (total * weights[k]) / weights.reduce((a, b) => a + b, 0);
                assert.ok(Math.abs(last - first - exact) < 1 + 1e-9, `${total} by ${weights}: member ${k}`);
                next = last;
            }
            assert.equal(next, total);
        }
        for (let n = 1; n <= 4; n++) {
            for (let k = 0; k < n; k++)
                assert.deepEqual(weighted_bounds(total, new Array(n).fill(1000)).slice(k, k + 2), share(total, k, n));
        }
    }
});

test("the leader's image weights follow the members' measured speeds, smoothed and bounded", () => {
    // Unknown speeds split evenly.
    assert.deepEqual(image_weights_for([null, null]), [1000, 1000]);
    assert.deepEqual(image_weights_for([2, null, 2]), [1000, 1000, 1000]);
    // A member three times as fast gets three times the images.
    assert.deepEqual(image_weights_for([3, 1]), [1500, 500]);
    // Within a quarter of the mean, the split stays even (cores that are alike).
    assert.deepEqual(image_weights_for([1.2, 0.8, 1]), [1000, 1000, 1000]);
    assert.deepEqual(image_weights_for([1.3, 0.7]), [1300, 700]);
    // Never under a quarter or over four times the mean: no member is left out.
    assert.deepEqual(image_weights_for([100, 1, 1, 1, 1, 1, 1, 1]), [4000, 250, 250, 250, 250, 250, 250, 250]);
    // The first measurement sets a speed; later ones move it a twentieth of the way.
    let speeds = updated_speeds([null, null], [16, 16], [8, 4]);
    assert.deepEqual(speeds, [2, 4]);
    speeds = updated_speeds(speeds, [16, 16], [16, 4]);
    assert.deepEqual(speeds, [0.95 * 2 + (1 - 0.95) * 1, 0.95 * 4 + (1 - 0.95) * 4]);
    // No images, or no usable time: the estimate stays.
    assert.deepEqual(updated_speeds([2, 4], [0, 16], [0, Number.NaN]), [2, 4]);
    assert.deepEqual(updated_speeds([2, 4], [16, 16], [0, Infinity]), [2, 4]);
});

for (const [build, module] of Object.entries({ simd: relu_lab, fma: relu_lab_fma })) {
    test(`${build} build: the same seed gives the same model file for 1, 2, 3 and 4 members`, async () => {
        const steps = 15; // 300 / 22: the first epoch ends and the order is shuffled again
        const alone = new_trainer(module);
        const m = alone.step(steps);
        assert.ok(m.ok);
        assert.equal(m.epoch, 1);
        const expected = alone.save();
        alone.dispose();
        for (let n = 1; n <= 4; n++) {
            const leader_trainer = new_trainer(module);
            const { leader, close } = create_local_team(module, n);
            await leader.sync(leader_trainer, train);
            let last = null;
            for (let s = 0; s < steps; s++) {
                last = await leader.step(leader_trainer, s === steps - 1);
                if (s < steps - 1) assert.deepEqual(last.layers, [], 'a step not measured carries no statistics');
            }
            assert.ok(last.ok);
            assert.equal(last.step, steps);
            assert.equal(last.layers.length, 8);
            // The measured step's statistics are one trainer's; the gradient norms' sums of
            // squares are added slice by slice, so they agree within rounding.
            last.layers.forEach(({ param_grad_norm, ...rest }, i) => {
                const { param_grad_norm: norm_alone, ...rest_alone } = m.layers[i];
                assert.deepEqual(rest, rest_alone, `${n} members, ${rest.name}: statistics differ from one trainer's`);
                assert.ok(Math.abs(param_grad_norm - norm_alone) <= 1e-6 * norm_alone, `${n} members, ${rest.name}`);
            });
            await leader.gather(leader_trainer); // the optimizer state, from every member's slice
            const bytes = leader_trainer.save();
            assert.ok(same_bytes(bytes, expected), `${n} members: the model file differs from one trainer's`);
            close();
            leader_trainer.dispose();
        }
    });
}

test('any split of the batch among the members gives the same model file, one member with no images too', async () => {
    const steps = 15;
    const [expected] = files_of_one_trainer(steps);
    for (const weights of [
        [3000, 1000],
        [1, 1000], // member 0 computes none of the 22 images
        [250, 4000, 1000],
    ]) {
        const leader_trainer = new_trainer();
        const { leader, close } = create_local_team(relu_lab, weights.length, { fixed_image_weights: weights });
        try {
            await leader.sync(leader_trainer, train);
            assert.deepEqual(leader.image_weights(), weights);
            for (let s = 0; s < steps; s++) assert.ok((await leader.step(leader_trainer, s === steps - 1)).ok);
            await leader.gather(leader_trainer);
            assert.ok(same_bytes(leader_trainer.save(), expected), `split by ${weights}: the file differs`);
        } finally {
            close();
            leader_trainer.dispose();
        }
    }
});

test('the leader gives a slower member fewer images, and the weights stay the same', async () => {
    // Member 2 takes 3 ms longer per image (small's images take well under a millisecond).
    const steps = 15;
    const [expected] = files_of_one_trainer(steps);
    const leader_trainer = new_trainer();
    const { leader, close } = create_local_team(relu_lab, 3, { slow_ms_per_image: [0, 0, 3] });
    try {
        await leader.sync(leader_trainer, train);
        assert.deepEqual(leader.image_weights(), [1000, 1000, 1000], 'even before any step');
        for (let s = 0; s < steps; s++) assert.ok((await leader.step(leader_trainer, false)).ok);
        const weights = leader.image_weights();
        assert.ok(weights[2] < weights[0] / 2 && weights[2] < weights[1] / 2, `${weights}`);
        for (const w of weights) assert.ok(Number.isInteger(w) && w >= 250 && w <= 4000, `${weights}`);
        await leader.gather(leader_trainer);
        assert.ok(same_bytes(leader_trainer.save(), expected), "the model file differs from one trainer's");
    } finally {
        close();
        leader_trainer.dispose();
    }
});

// pick(message) of each message of `kind` posted on the ports while fn runs.
async function messages_during(kind, pick, fn) {
    const seen = [];
    const post = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (message, transfer) {
        if (message?.kind === kind) seen.push(pick(message));
        return post.call(this, message, transfer);
    };
    try {
        await fn();
    } finally {
        MessagePort.prototype.postMessage = post;
    }
    return seen;
}
// What the leader's sync messages carried.
const sync_messages_during = (fn) =>
    messages_during('sync', (message) => ({ model: 'model' in message, config: 'config' in message }), fn);
// What the helpers' synced answers said: whether each took the copy it prepared.
const synced_answers_during = (fn) => messages_during('synced', (message) => message.prepared, fn);

// A synced team trains 3 steps and gathers: the leader's file must be `expected`.
async function three_steps_give(leader, leader_trainer, expected) {
    for (let s = 0; s < 3; s++) assert.ok((await leader.step(leader_trainer, false)).ok);
    await leader.gather(leader_trainer);
    assert.ok(same_bytes(leader_trainer.save(), expected), "the model file differs from one trainer's");
}

// Syncs a team of 3 with `leader_trainer` (what the sync messages carried must equal
// `expected_syncs`), trains 3 steps and gathers: the leader's file must be `expected`.
async function three_team_steps(leader_trainer, expected_syncs, expected) {
    const { leader, close } = create_local_team(relu_lab, 3);
    try {
        const seen = await sync_messages_during(() => leader.sync(leader_trainer, train));
        assert.deepEqual(seen, expected_syncs);
        await three_steps_give(leader, leader_trainer, expected);
    } finally {
        close();
        leader_trainer.dispose();
    }
}

const config_sync = { model: false, config: true };
const file_sync = { model: true, config: false };

test('before the first step the helpers build their copies from the config, not from the model file', async () => {
    const [expected] = files_of_one_trainer(3);
    await three_team_steps(new_trainer(), [config_sync, config_sync], expected);
});

test("a trainer built from another's config() writes the same model file, whatever the config holds", () => {
    // Every field away from its default: what a helper builds from the config must be the
    // trainer the leader holds, not only its weights (the sync checks only those).
    const base = preset_config(relu_lab, 'small').config;
    const config = {
        ...base,
        optimizer: 'momentum',
        learning_rate: 0.02,
        momentum: 0.8,
        weight_decay: 1e-4,
        batch_size: 17,
        seed: 99,
        augment: 'elastic',
        learning_rate_decay: 0.9,
        weight_init: 'glorot_uniform',
        bias_init: 0.1,
        too_large_scale: 3,
        layers: [
            { ...base.layers[0], activation: 'leaky_relu', activation_param: 0.2 },
            { ...base.layers[1], pool_size: 3 },
            { ...base.layers[0], type: 'dropout', dropout_rate: 0.3 },
            ...base.layers.slice(2).filter((l) => l.type !== 'conv2d' && l.type !== 'max_pool2d'),
        ],
    };
    const made = create_trainer(relu_lab, config);
    assert.ok(made.ok, made.error);
    const copy = create_trainer(relu_lab, made.trainer.config());
    assert.ok(copy.ok, copy.error);
    assert.ok(same_bytes(copy.trainer.save(), made.trainer.save()));
    assert.deepEqual(copy.trainer.config(), made.trainer.config());
    made.trainer.dispose();
    copy.trainer.dispose();
});

test("a trainer whose weights are not its config's (changed before any step) sends the helpers its file", async () => {
    const changed = (trainer) => (trainer.team.write_parameters(7, Float32Array.of(0.25, -0.5)), trainer);
    const alone = changed(new_trainer());
    alone.step(3);
    const expected = alone.save();
    alone.dispose();
    // The config first; both copies differ, so both get the file.
    await three_team_steps(changed(new_trainer()), [config_sync, config_sync, file_sync, file_sync], expected);
});

// `trainer` (frozen) with its save() calls counted in saves.count.
function counting_saves(trainer) {
    const saves = { count: 0 };
    return { trainer: { ...trainer, save: (...args) => (saves.count++, trainer.save(...args)) }, saves };
}

test("helpers that prepared the config the leader then built take their copies, and the weights stay one trainer's", async () => {
    const [expected] = files_of_one_trainer(3);
    const { leader, close } = create_local_team(relu_lab, 3);
    try {
        leader.prepare(config(), train);
        const { trainer: leader_trainer, saves } = counting_saves(new_trainer());
        assert.deepEqual(await synced_answers_during(() => leader.sync(leader_trainer, train)), [true, true]);
        // Built from the config, the first sync saved no model file: its checkpoint is the config.
        assert.equal(saves.count, 0);
        await three_steps_give(leader, leader_trainer, expected);
        leader_trainer.dispose();
    } finally {
        close();
    }
});

test('a prepared copy of another config, or of a config refused, is dropped and the sync builds anew', async () => {
    const [expected] = files_of_one_trainer(3);
    const { leader, close } = create_local_team(relu_lab, 3);
    try {
        leader.prepare({ ...config(), batch_size: 0 }, train); // refused by every member
        leader.prepare({ ...config(), seed: 6 }, train); // another model
        const leader_trainer = new_trainer();
        assert.deepEqual(await synced_answers_during(() => leader.sync(leader_trainer, train)), [false, false]);
        await three_steps_give(leader, leader_trainer, expected);
        leader_trainer.dispose();
    } finally {
        close();
    }
});

// How many trainers the module builds from a config while fn runs (every member of a
// local team shares the module).
async function trainers_built_during(fn) {
    const raw = raw_module(relu_lab);
    const Trainer = raw.Trainer;
    let built = 0;
    raw.Trainer = function (...args) {
        built += 1;
        return new Trainer(...args);
    };
    try {
        await fn();
    } finally {
        raw.Trainer = Trainer;
    }
    return built;
}

test('a prepare of the config the helpers prepared keeps their copies; a prepare of null drops them', async () => {
    const [expected] = files_of_one_trainer(3);
    const { leader, close } = create_local_team(relu_lab, 3);
    try {
        // Built ahead (the trainer worker's prebuild), then asked for again by the create.
        const leader_trainer = new_trainer();
        const built = await trainers_built_during(async () => {
            leader.prepare(config(), train);
            leader.prepare(config(), train);
            assert.deepEqual(await synced_answers_during(() => leader.sync(leader_trainer, train)), [true, true]);
        });
        assert.equal(built, 2, 'one copy per helper');
        await three_steps_give(leader, leader_trainer, expected);
        leader_trainer.dispose();
        // Prepared, then no longer wanted: the next sync builds anew.
        const again = new_trainer();
        leader.prepare(config(), train);
        leader.prepare(null);
        assert.deepEqual(await synced_answers_during(() => leader.sync(again, train)), [false, false]);
        await three_steps_give(leader, again, expected);
        again.dispose();
    } finally {
        close();
    }
});

// Trains `steps` steps as a caller that promises each next step while there is one
// (train_chunk does so within a chunk); only the first is measured. Returns the begin
// messages the leader posted and whether a begun step was left over.
async function promised_steps(leader, leader_trainer, steps) {
    const results = [];
    const begins = await messages_during(
        'begin',
        (message) => message.seq,
        async () => {
            for (let s = 0; s < steps; s++) {
                const next_follows = () => s + 1 < steps;
                results.push(await leader.step(leader_trainer, s === 0, { next_follows }));
                if (!results.at(-1).ok) break;
            }
        }
    );
    return { results, begins, left_over: leader.begun_next() };
}

test("within a run of steps the helpers begin each next step from the leader's weights message, and the bits stay one trainer's", async () => {
    const steps = 15; // 300 / 22: the 14th step ends the first epoch
    const [expected] = files_of_one_trainer(steps);
    const leader_trainer = new_trainer();
    const { leader, close } = create_local_team(relu_lab, 3);
    try {
        await leader.sync(leader_trainer, train);
        const { results, begins, left_over } = await promised_steps(leader, leader_trainer, steps);
        assert.ok(results.every((m) => m.ok));
        assert.equal(results.length, steps);
        assert.deepEqual(
            results.map((m) => m.epoch),
            [...new Array(13).fill(0), 1, 1]
        );
        // A begin message (to each of the 2 helpers) only for the first step and for the
        // one after the epoch's end, which the leader does not promise: an evaluation may
        // come first.
        const first_seq = begins[0];
        assert.deepEqual(begins, [first_seq, first_seq, first_seq + 14, first_seq + 14]);
        assert.equal(left_over, false, 'the last step promised none');
        assert.deepEqual(results[0].layers.length, 8, 'the first step measured');
        await leader.gather(leader_trainer);
        assert.ok(same_bytes(leader_trainer.save(), expected), "the model file differs from one trainer's");
        // The team goes on with begin messages as before.
        const [after_18] = files_of_one_trainer(18);
        await three_steps_give(leader, leader_trainer, after_18);
    } finally {
        close();
        leader_trainer.dispose();
    }
});

test('a promised step after a step that diverged ends at once on every helper, and the team trains a new model', async () => {
    const diverging = new_trainer();
    const { leader, close } = create_local_team(relu_lab, 2);
    try {
        // The learning rate overflows the weights within a few steps.
        const made = create_trainer(relu_lab, { ...config(), learning_rate: 1e30 });
        assert.ok(made.ok, made.error);
        diverging.dispose();
        const trainer = made.trainer;
        assert.deepEqual(trainer.set_training_data(train), { ok: true });
        await leader.sync(trainer, train);
        const { results, left_over } = await promised_steps(leader, trainer, 10);
        assert.equal(results.at(-1).ok, false, 'the run diverged');
        assert.ok(results.length > 1, 'after at least one promised step');
        assert.equal(left_over, false);
        trainer.dispose();
        // The helpers are not stuck in the step they began: a new model syncs and trains.
        const fresh = new_trainer();
        const [expected] = files_of_one_trainer(3);
        await leader.sync(fresh, train);
        await three_steps_give(leader, fresh, expected);
        fresh.dispose();
    } finally {
        close();
    }
});

test('a member that joins mid-epoch goes on where the leader is', async () => {
    const alone = new_trainer();
    alone.step(9);
    const expected_after = (() => {
        alone.step(4);
        return alone.save();
    })();
    alone.dispose();
    const leader_trainer = new_trainer();
    leader_trainer.step(9); // trained alone first: the helpers copy weights and the data order
    const { leader, close } = create_local_team(relu_lab, 3);
    await leader.sync(leader_trainer, train);
    for (let s = 0; s < 4; s++) assert.ok((await leader.step(leader_trainer, false)).ok);
    await leader.gather(leader_trainer);
    assert.ok(same_bytes(leader_trainer.save(), expected_after));
    close();
    leader_trainer.dispose();
});

test('a member lost mid-step: the step fails, the leader is back at the last good state, training resumes', async () => {
    const [after_two, after_three] = files_of_one_trainer(2, 3);
    const { leader_trainer, leader, helpers, close } = await trained_team(3, 2);
    helpers[1].close(); // member 2 stops answering, with its slice of the optimizer state
    const step = leader.step(leader_trainer, false);
    leader.lose(2, 'closed by the test');
    await assert.rejects(step, (error) => error instanceof team_member_lost && error.index === 2);
    // The leader built its checkpoint (the sync's: the config) again and took the two
    // steps since then again alone.
    assert.ok(same_bytes(leader_trainer.save(), after_two), 'the leader is where one trainer was after two steps');
    // Alone, the leader takes the failed step again and is where one trainer would be.
    assert.ok(leader_trainer.step(1).ok);
    assert.ok(same_bytes(leader_trainer.save(), after_three));
    close();
    leader_trainer.dispose();
});

test('sharded optimizer state: between gathers the leader holds only its slice; gather() makes it whole', async () => {
    const [expected] = files_of_one_trainer(3);
    const { leader_trainer, leader, close } = await trained_team(2, 3);
    assert.ok(!same_bytes(leader_trainer.save(), expected), "before the gather the other member's slice is stale");
    await leader.gather(leader_trainer);
    assert.ok(same_bytes(leader_trainer.save(), expected));
    await leader.gather(leader_trainer); // nothing to gather: the same
    assert.ok(same_bytes(leader_trainer.save(), expected));
    close();
    leader_trainer.dispose();
});

test('the held-out evaluation shared by 3 members gives the accuracy, confusion, dead units and probabilities of one', async () => {
    const test_set = {
        ...train,
        pixels: train.pixels.slice(0, 97 * 784),
        labels: train.labels.slice(0, 97),
        count: 97,
    };
    const leader_trainer = new_trainer();
    assert.deepEqual(leader_trainer.set_eval_data(test_set), { ok: true });
    const { leader, close } = create_local_team(relu_lab, 3);
    assert.equal(await leader.evaluate(leader_trainer, test_set.count), null, 'no shared evaluation before a sync');
    await leader.sync(leader_trainer, train, test_set);
    for (let s = 0; s < 5; s++) await leader.step(leader_trainer, false);
    const shared = await leader.evaluate(leader_trainer, test_set.count);
    const alone = leader_trainer.evaluate();
    assert.ok(shared.ok);
    assert.equal(shared.count, 97);
    assert.equal(shared.accuracy, alone.accuracy);
    assert.deepEqual(Array.from(shared.confusion), Array.from(alone.confusion));
    assert.ok(Math.abs(shared.loss - alone.loss) < 1e-9 * Math.max(1, alone.loss));
    assert.deepEqual(
        shared.layers.map((l) => [l.name, l.dead_units, l.zero_fraction]),
        alone.layers.map((l) => [l.name, l.dead_units, l.zero_fraction])
    );
    assert.equal(shared.probabilities.length, 0, 'no probabilities unless asked for');
    // With every image's probabilities, in order, as one trainer gives them.
    const with_probabilities = await leader.evaluate(leader_trainer, test_set.count, { with_probabilities: true });
    const alone_probabilities = leader_trainer.evaluate({ with_probabilities: true }).probabilities;
    assert.equal(with_probabilities.probabilities.length, 97 * 10);
    assert.ok(same_bytes(with_probabilities.probabilities, alone_probabilities));
    assert.equal(with_probabilities.accuracy, alone.accuracy);
    close();
    leader_trainer.dispose();
});
