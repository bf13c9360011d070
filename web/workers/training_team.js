// Training on every core without SharedArrayBuffer (which needs cross-origin isolation:
// file://, the single-file build and course iframes do not have it). A team is the
// trainer's worker (the leader, member 0) and helper workers (team_worker.js), each with
// its own wasm instance and a full copy of the weights. For each step every member
//   computes its share of the batch's images, forward and backward (the leader splits
//   the batch by the members' measured speeds: image_weights_for),
//   sends each image's record (gradient parts, loss, checks) to every other member,
//   reduces its slice of the parameter gradients from all records,
//   applies the optimizer to that slice only (its slice of Adam's state is current),
//   sends the slice's new weights and its report (finite or not, gradient norms) to
//   every other member,
// so all copies of the weights stay equal. Because each gradient is a fold in batch order
// of per-image parts (cpp/train/trainer.h), the weights are bit-identical for 1, 2, 3 or 4
// members. The optimizer's cost is shared too: Adam reads and writes 7 floats per weight,
// a memory-bound pass that every member once made over all 1.4 M weights of seed-keras.
//
// A new model is built on every member at once: before the leader builds one from a config,
// it asks the helpers to prepare theirs from the same config (prepare()), and the sync
// that follows finds them ready. That sync keeps the model as a config, not a file:
// the leader saves the file only when it needs it (a helper whose weights differ, or a
// recovery, which builds the config's model again), so no 16.6 MB save stands between the
// learner's click and the first step. The leader may also ask ahead of any create, for
// the model it builds while the learner reads (trainer_worker.js: prebuild); a helper keeps
// a prepared copy that a prepare of the same config asks for again, and drops it for a
// prepare of config null.
//
// The optimizer state is sharded, so the leader's is current only on its own slice. Before
// anything reads the whole state (a save, a sync, fine-tuning, training alone), the leader
// gathers the helpers' slices (gather()). A step that fails after some members updated
// their slice (a member lost, or a slice whose gradients summed to infinity) is undone by
// the leader alone: it goes back to its last checkpoint (the model and data position it
// last sent, or kept after a gather, at most checkpoint_interval_ms of training old) and
// takes the steps since then again, which gives the same bits (a checkpoint kept as a
// config is its model built again, checked against the weights' checksum it had).
// Anything that changes the model outside team steps gathers first and syncs (a new
// checkpoint) before the next.
// Members talk over MessagePorts, one per pair, that the page hands out: every message
// carries the step's sequence number, so a message that arrives early waits in the inbox.
//
// The held-out evaluation is shared too: each member evaluates its share of the images
// and the leader adds the parts up (cpp/train/trainer.h: evaluate_part).
//
// Messages on the ports ({ kind, seq, from, ... }):
//   leader -> helper  prepare { config or null, train? } (no answer: the sync uses or drops it),
//                     sync { model or config and weights_crc32, position, train?, test? },
//                     begin { measure, image_weights } (or next { ... } in the leader's weights),
//                     evaluate { first, count, with_layer_statistics, with_probabilities }, gather, leave
//   helper -> leader  synced { same_weights, prepared (it took the copy it prepared) }, evaluated { part, probabilities }, gathered { begin, end, state }, failed { detail }
//   member -> member  records { first, count, records, compute_ms }, weights { begin, count, weights, report, next? }
//
// Within a run of steps the next step's begin travels in the leader's weights message
// (next): a helper begins that step as soon as it has this one's weights, instead of
// waiting for a begin message that leaves the leader only when its own step is over and
// takes a few tenths of a millisecond to arrive (a step of seed-keras on two workers
// takes about 10 ms). The leader sends it only when its caller promised to take the next
// step at once and nothing else comes first (an epoch's end, a checkpoint).
import { create_trainer, trainer_from_model } from '../bridge/trainer.js';

// Member k's share [first, last) of `total` items among n members.
export function share(total, k, n) {
    return [Math.floor((total * k) / n), Math.floor((total * (k + 1)) / n)];
}

// The bounds of every member's share of `total` items, in proportion to `weights`
// (positive integers, one per member, so that every member computes the same bounds
// exactly): member k's share is [bounds[k], bounds[k + 1]). Equal weights give share().
export function weighted_bounds(total, weights) {
    const sum = weights.reduce((a, b) => a + b, 0);
    const bounds = [0];
    let before = 0;
    for (let k = 1; k < weights.length; k++) {
        before += weights[k - 1];
        bounds.push(Math.floor((total * before) / sum));
    }
    bounds.push(total);
    return bounds;
}

// How the batch's images are split among the members. Any split gives the same weights
// (each image's record is the same whoever computes it), so where cores differ in speed
// (a laptop's performance and efficiency cores) the leader splits in proportion to each
// member's measured speed: a step waits for its slowest member. A speed is a member's
// images per millisecond of compute_images, smoothed over steps. The weights are
// per-mille integers of the mean speed, kept within a quarter and four times it, so that
// no member is left out; while every speed is within a quarter of the mean they are even.
// (On a 2-core machine with alike cores, splitting by the speeds even within that
// quarter, or by when each member's images were ready, gave no faster steps: steps vary
// by a tenth from one to the next, and a helper starts each step a message after the
// leader.)
const speed_smoothing = 0.95; // the old estimate's part in each update
const even_within = 0.25;
const weight_scale = 1000;
const weight_range = [weight_scale / 4, weight_scale * 4];

export function image_weights_for(speeds) {
    const known = speeds.filter((v) => Number.isFinite(v) && v > 0);
    if (known.length < speeds.length) return speeds.map(() => weight_scale);
    const mean = known.reduce((a, b) => a + b, 0) / known.length;
    if (known.every((v) => Math.abs(v / mean - 1) <= even_within)) return speeds.map(() => weight_scale);
    return speeds.map((v) =>
        Math.min(weight_range[1], Math.max(weight_range[0], Math.round((weight_scale * v) / mean)))
    );
}

// The speeds after a step in which member k computed counts[k] images in compute_ms[k]
// (members without images, or without a usable time, keep their estimate).
export function updated_speeds(speeds, counts, compute_ms) {
    return speeds.map((old, k) => {
        const ms = compute_ms[k];
        if (!(counts[k] > 0) || !(ms > 0) || !Number.isFinite(ms)) return old;
        const now = counts[k] / ms;
        return Number.isFinite(old) && old > 0 ? speed_smoothing * old + (1 - speed_smoothing) * now : now;
    });
}

// Why a team step did not finish: a member was lost (it died, failed or did not answer).
export class team_member_lost extends Error {
    constructor(index, detail) {
        super(`training helper ${index} was lost: ${detail}`);
        this.index = index;
        this.detail = detail;
    }
}

// A helper that does not answer within this long is taken as lost (a step takes
// milliseconds; a sync of a large model, well under a second).
const answer_timeout_ms = 20000;

// How much training a failed step may have to take again alone: the leader gathers the
// optimizer state and keeps a checkpoint at least this often (seed-keras, 2 members, in
// Node: ~3 ms to gather, 15-27 ms to save; under 1 % of this).
const checkpoint_interval_ms = 4000;

// A step in which some member's slice of the gradients was not finite (finite per-image
// parts can sum to infinity): members that updated their own slice no longer hold the
// last good state.
class slice_not_finite extends Error {}

// The mailbox of one member: ports[i] reaches member i (null at its own index).
function create_mailbox(index, ports) {
    const inbox = new Map(); // `${kind}:${seq}` -> [message, ...]
    const waiting = new Map(); // same key -> { count, resolve, reject, timer }
    let control = null; // the helper's handler for sync / begin / leave
    let lost = null;

    function key(kind, seq) {
        return `${kind}:${seq}`;
    }
    function settle(k) {
        const w = waiting.get(k);
        const got = inbox.get(k) ?? [];
        if (!w || got.length < w.count) return;
        waiting.delete(k);
        inbox.delete(k);
        clearTimeout(w.timer);
        w.resolve(got);
    }
    function deliver(message) {
        if (message.kind === 'failed') {
            fail(new team_member_lost(message.from, message.detail));
            return;
        }
        if (control && ['prepare', 'sync', 'begin', 'evaluate', 'gather', 'leave'].includes(message.kind)) {
            control(message);
            return;
        }
        const k = key(message.kind, message.seq);
        if (!inbox.has(k)) inbox.set(k, []);
        inbox.get(k).push(message);
        settle(k);
    }
    function fail(error) {
        lost = lost ?? error;
        for (const [k, w] of waiting) {
            clearTimeout(w.timer);
            waiting.delete(k);
            w.reject(lost);
        }
    }
    ports.forEach((port) => {
        if (port) port.onmessage = (event) => deliver(event.data);
    });

    return {
        // Sends `message` to each member in `to` (all others by default); the last one
        // gets the buffers transferred, the others copies.
        send(message, buffers = [], to = null) {
            const targets = (to ?? ports.map((_, i) => i)).filter((i) => i !== index && ports[i]);
            targets.forEach((i, n) => {
                const last = n === targets.length - 1;
                ports[i].postMessage({ ...message, from: index }, last ? buffers : []);
            });
        },
        // Resolves with `count` messages of `kind` for `seq` (from different members).
        receive(kind, seq, count) {
            if (lost) return Promise.reject(lost);
            const k = key(kind, seq);
            return new Promise((resolve, reject) => {
                const timer = setTimeout(
                    () => fail(new team_member_lost(-1, `no ${kind} within ${answer_timeout_ms} ms`)),
                    answer_timeout_ms
                );
                waiting.set(k, { count, resolve, reject, timer });
                settle(k);
            });
        },
        on_control(handler) {
            control = handler;
        },
        fail,
        close() {
            for (const port of ports) if (port) port.onmessage = null;
            fail(new team_member_lost(index, 'the team was closed'));
        },
    };
}

// ArrayBuffers travel between members and come back in the other members' messages;
// keeping them for the next step avoids allocating megabytes per step, which costs more
// than the copies (fresh memory is page-faulted and zeroed).
function create_buffer_pool() {
    const free = new Map(); // byteLength -> [ArrayBuffer]
    return {
        floats(count) {
            const buffer = free.get(count * 4)?.pop() ?? new ArrayBuffer(count * 4);
            return new Float32Array(buffer);
        },
        give(view) {
            const bytes = view.buffer.byteLength;
            if (!free.has(bytes)) free.set(bytes, []);
            const list = free.get(bytes);
            if (list.length < 8) list.push(view.buffer);
        },
    };
}

// Whether two configs (plain JSON data) are the same.
export function json_equal(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}

// `arrays` one after another, in a new array of type `Type`.
function concatenated(Type, arrays) {
    const out = new Type(arrays.reduce((n, a) => n + a.length, 0));
    arrays.reduce((at, a) => (out.set(a, at), at + a.length), 0);
    return out;
}

// Sends `floats` (a view of an array from the pool) to every other member: the view
// itself to the last, copies in arrays of the same size from the pool to the others;
// every array is transferred.
function send_to_all(mailbox, pool, message, field, floats, size, index) {
    const others = [];
    for (let i = 0; i < size; i++) if (i !== index) others.push(i);
    others.forEach((to, n) => {
        let view = floats;
        if (n < others.length - 1) {
            view = pool.floats(floats.buffer.byteLength / 4).subarray(0, floats.length);
            view.set(floats);
        }
        mailbox.send({ ...message, [field]: view }, [view.buffer], [to]);
    });
}

// One step as member `index` of `size`; every member runs exactly this, splitting the
// batch by the leader's image weights (weighted_bounds). Records travel in arrays with
// room for the largest share rounded up to 4 images, and weight slices in arrays of the
// largest slice's size, so they can be reused. Returns the step's metrics, in member
// order each member's image count and compute time, and the next step's begin when the
// leader sent one with its weights. plan_next (the leader's): given the counts and
// compute times, the begin of a next step that follows at once, or null.
async function team_step(
    trainer,
    mailbox,
    pool,
    { index, size, seq, measure, image_weights, slow_ms_per_image = 0, plan_next = null }
) {
    const team = trainer.team;
    const batch = team.begin_step();
    if (batch === 0) return { metrics: team.finish_step(measure), counts: null, compute_ms: null };
    const bounds = weighted_bounds(batch, image_weights);
    const [first, last] = [bounds[index], bounds[index + 1]];
    const started_ms = performance.now();
    team.compute_images(first, last - first, measure);
    // (Tests: a slower core.)
    for (const until = started_ms + (last - first) * slow_ms_per_image; performance.now() < until;);
    const own_ms = performance.now() - started_ms;
    let largest_share = 0;
    for (let k = 0; k < size; k++) largest_share = Math.max(largest_share, bounds[k + 1] - bounds[k]);
    const record_floats = team.record_floats();
    const records = team.write_records(
        first,
        last - first,
        pool.floats(Math.ceil(largest_share / 4) * 4 * record_floats).subarray(0, (last - first) * record_floats)
    );
    send_to_all(
        mailbox,
        pool,
        { kind: 'records', seq, first, count: last - first, compute_ms: own_ms },
        'records',
        records,
        size,
        index
    );
    const counts = new Array(size).fill(0);
    const compute_ms = new Array(size).fill(null);
    counts[index] = last - first;
    compute_ms[index] = own_ms;
    for (const m of await mailbox.receive('records', seq, size - 1)) {
        team.read_records(m.first, m.count, m.records);
        counts[m.from] = m.count;
        compute_ms[m.from] = m.compute_ms;
        pool.give(m.records);
    }
    const parameters = trainer.parameter_count();
    const [begin, end] = share(parameters, index, size);
    team.reduce_range(begin, end);
    const { report } = team.update_range(begin, end);
    const weights = team.read_parameters(begin, end, pool.floats(Math.ceil(parameters / size)));
    const weights_message = { kind: 'weights', seq, begin, count: end - begin, report };
    const planned = plan_next?.(counts, compute_ms) ?? null;
    if (planned) weights_message.next = planned;
    send_to_all(mailbox, pool, weights_message, 'weights', weights, size, index);
    const reports = new Float64Array(size * report.length);
    reports.set(report, index * report.length);
    let next = planned;
    for (const m of await mailbox.receive('weights', seq, size - 1)) {
        team.write_parameters(m.begin, m.weights.subarray(0, m.count));
        reports.set(m.report, m.from * report.length);
        pool.give(m.weights);
        if (m.from === 0 && m.next) next = m.next;
    }
    let slices_finite = true;
    for (let k = 0; k < size; k++) slices_finite &&= reports[k * report.length] !== 0;
    if (!slices_finite) throw new slice_not_finite('a slice of the gradients was not finite');
    team.take_slice_reports(reports);
    return { metrics: team.finish_step(measure), counts, compute_ms, next };
}

// The same step by one trainer alone (what trainer.step(1) does, measuring only when
// asked: the statistics cost a pass over every layer).
export function solo_step(trainer, measure) {
    const team = trainer.team;
    const batch = team.begin_step();
    if (batch > 0) {
        team.compute_images(0, batch, measure);
        team.reduce_range(0, trainer.parameter_count());
        team.apply_update();
    }
    return team.finish_step(measure);
}

// The leader's side: helper_ports[i] reaches member i + 1. step() trains one batch with
// the whole team; sync() first makes every helper's copy equal to the leader's trainer;
// gather() makes the leader's optimizer state whole again. relu_lab: the leader's module
// (a checkpoint kept as a config is built again in it). fixed_image_weights (for tests):
// split every batch by these image weights instead of the members' measured speeds.
export function create_team_leader(relu_lab, helper_ports, { fixed_image_weights = null } = {}) {
    const size = helper_ports.length + 1;
    let speeds = new Array(size).fill(null); // images per ms of each member (updated_speeds)
    const mailbox = create_mailbox(0, [null, ...helper_ports]);
    const pool = create_buffer_pool();
    let seq = 0;
    let synced_trainer = null; // the trainer the helpers hold a copy of, while in step
    let sharded_trainer = null; // the trainer whose optimizer state the helpers hold slices of
    let sent_train = null; // the training set the helpers hold
    let sent_test = null; // and the evaluation set
    // The last state the leader held whole: { model, position, step, at_ms }, or before
    // the first step { model: null, config, weights_crc32, ... }: what that config makes.
    let checkpoint = null;

    function keep_checkpoint(trainer) {
        checkpoint = {
            model: trainer.save(),
            position: trainer.team.data_position(),
            step: trainer.step(0).step,
            at_ms: performance.now(),
        };
        return checkpoint;
    }
    function keep_config_checkpoint(trainer, config, weights_crc32) {
        checkpoint = {
            model: null,
            config,
            weights_crc32,
            position: trainer.team.data_position(),
            step: 0,
            at_ms: performance.now(),
        };
    }
    // The checkpoint's model file (a config checkpoint's: that config's model, built again).
    function checkpoint_model() {
        if (checkpoint.model) return checkpoint.model;
        const made = create_trainer(relu_lab, checkpoint.config);
        if (!made.ok) throw new Error(`the training team could not build its checkpoint again: ${made.error}`);
        try {
            if (made.trainer.team.parameters_crc32() !== checkpoint.weights_crc32)
                throw new Error('the training team could not build its checkpoint again: the weights differ');
            checkpoint.model = made.trainer.save();
        } finally {
            made.trainer.dispose();
        }
        return checkpoint.model;
    }

    let steps_begun = 0;
    // The next step, when its begin went out with this step's weights: { seq, measure,
    // image_weights, trainer }.
    let begun_next = null;

    function checkpoint_due() {
        return performance.now() - checkpoint.at_ms > checkpoint_interval_ms;
    }

    async function gather(trainer) {
        if (sharded_trainer !== trainer) return;
        const s = ++seq;
        const steps_before = steps_begun;
        mailbox.send({ kind: 'gather', seq: s });
        for (const m of await mailbox.receive('gathered', s, size - 1))
            trainer.team.write_optimizer_state(m.begin, m.end, m.state);
        // A step that began meanwhile (the trainer's worker trains while a request waits)
        // made the helpers' slices newer again.
        if (steps_begun === steps_before) sharded_trainer = null;
    }

    // After a step that failed part-way: the last good state again, from the checkpoint
    // and the steps since, taken alone. The helpers need a new sync.
    function recover(trainer) {
        synced_trainer = null;
        if (sharded_trainer !== trainer) return;
        sharded_trainer = null;
        const good_step = trainer.step(0).step; // a failed step is not counted
        const loaded = trainer.load(checkpoint_model());
        if (!loaded.ok || !trainer.team.set_data_position(checkpoint.position))
            throw new Error(`the training team could not go back to its checkpoint: ${loaded.error ?? 'data'}`);
        for (let step = checkpoint.step; step < good_step; step++) {
            if (!solo_step(trainer, false).ok) throw new Error('a step taken again did not succeed');
        }
        keep_checkpoint(trainer);
    }

    return {
        size,
        // The helpers' copies no longer match (the model, its weights or the data changed
        // outside a team step). Their slices of the optimizer state can still be gathered.
        invalidate() {
            synced_trainer = null;
        },
        gather,
        recover,
        // True while the helpers hold newer slices of this trainer's optimizer state.
        sharded: (trainer) => trainer !== null && sharded_trainer === trainer,
        // The leader is about to build a trainer from `config` (and train it on `train`):
        // the helpers build theirs meanwhile, for the next sync. Nothing waits for them.
        // config null: the helpers drop the copy they prepared.
        prepare(config, train = null) {
            const message = { kind: 'prepare', seq: ++seq, config };
            if (train && sent_train !== train) message.train = train;
            mailbox.send(message);
            if (train) sent_train = train;
        },
        async sync(trainer, train, test = null) {
            if (synced_trainer === trainer && sent_test === test) return;
            await gather(trainer);
            const s = ++seq;
            const message = { kind: 'sync', seq: s, position: trainer.team.data_position() };
            if (sent_train !== train) message.train = train;
            if (sent_test !== test && test) message.test = test;
            // Before its first step a trainer is what its config makes (or a file that
            // only its checksum can tell apart): the helpers build their copies from the
            // config (or take the one they prepared), instead of waiting for a file of
            // every weight (16.6 MB for seed-keras), and the checkpoint is the config. A
            // copy whose weights differ gets the file after all.
            const from_config = trainer.step(0).step === 0;
            if (from_config) {
                const config = trainer.config();
                const weights_crc32 = trainer.team.parameters_crc32();
                mailbox.send({ ...message, config, weights_crc32 });
                keep_config_checkpoint(trainer, config, weights_crc32);
            } else {
                mailbox.send({ ...message, model: keep_checkpoint(trainer).model });
            }
            const replies = await mailbox.receive('synced', s, size - 1);
            const differing = replies.filter((m) => !m.same_weights).map((m) => m.from);
            if (differing.length > 0) {
                // Not what the config makes: the file itself (the trainer has not changed).
                checkpoint.model ??= trainer.save();
                const again = ++seq;
                mailbox.send(
                    { kind: 'sync', seq: again, position: message.position, model: checkpoint.model },
                    [],
                    differing
                );
                await mailbox.receive('synced', again, differing.length);
            }
            sent_train = train;
            sent_test = test;
            synced_trainer = trainer;
        },
        // The held-out evaluation shared by the team, or null while the helpers' copies
        // are not this trainer's (then the caller evaluates alone). with_probabilities:
        // every image's, in order, as trainer.evaluate gives them.
        async evaluate(trainer, count, { with_layer_statistics = true, with_probabilities = false } = {}) {
            if (synced_trainer !== trainer || !sent_test) return null;
            const s = ++seq;
            const options = { with_layer_statistics, with_probabilities };
            for (let k = 1; k < size; k++) {
                const [first, last] = share(count, k, size);
                mailbox.send({ kind: 'evaluate', seq: s, first, count: last - first, ...options }, [], [k]);
            }
            const [first, last] = share(count, 0, size);
            const own = trainer.evaluate_part(first, last - first, options);
            const answers = (await mailbox.receive('evaluated', s, size - 1)).sort((a, b) => a.from - b.from);
            const results = [own, ...answers];
            const parts = concatenated(
                Float64Array,
                results.map((r) => r.part)
            );
            const evaluation = trainer.evaluate_from_parts(parts, { with_layer_statistics });
            if (with_probabilities && evaluation.ok)
                evaluation.probabilities = concatenated(
                    Float32Array,
                    results.map((r) => r.probabilities)
                );
            return evaluation;
        },
        // One step with the team (sync() first). A member lost mid-step rejects with
        // team_member_lost after the leader went back to the last good state; a slice
        // that was not finite is taken again alone, which reports the divergence as one
        // trainer would.
        // next_follows (a function): whether the caller will take another step right
        // after this one, without measuring it, asked as this step's weights leave. If
        // it says so, and this step neither ends the epoch nor is due for a checkpoint,
        // the helpers begin the next step as soon as they have this one's weights, and
        // begun_next() is true until the caller takes that step: it must be the team's
        // next message.
        async step(trainer, measure, { next_follows = null } = {}) {
            if (synced_trainer !== trainer) throw new Error('a team step before sync()');
            const s = ++seq;
            const promised = begun_next;
            begun_next = null;
            let begin;
            if (promised?.seq === s && promised.trainer === trainer) {
                if (measure !== promised.measure) throw new Error('a promised team step measured otherwise');
                begin = { measure, image_weights: promised.image_weights };
            } else {
                begin = { measure, image_weights: fixed_image_weights ?? image_weights_for(speeds) };
                mailbox.send({ kind: 'begin', seq: s, ...begin });
            }
            sharded_trainer = trainer;
            steps_begun++;
            const plan_next = (counts, compute_ms) => {
                speeds = updated_speeds(speeds, counts, compute_ms);
                if (!next_follows?.() || trainer.team.batch_ends_epoch() || checkpoint_due()) return null;
                const next = {
                    seq: s + 1,
                    measure: false,
                    image_weights: fixed_image_weights ?? image_weights_for(speeds),
                };
                begun_next = { ...next, trainer };
                return next;
            };
            let result;
            try {
                result = await team_step(trainer, mailbox, pool, { index: 0, size, seq: s, ...begin, plan_next });
            } catch (error) {
                begun_next = null; // the helpers stop at the failed step too
                recover(trainer);
                if (error instanceof slice_not_finite) return solo_step(trainer, measure);
                throw error;
            }
            // A step that stopped the run (a divergence) stops the helpers' trainers too:
            // the next step they began ends at once on each, with no message.
            if (!result.metrics.ok) begun_next = null;
            if (!begun_next && result.metrics.ok && checkpoint_due()) {
                await gather(trainer);
                keep_checkpoint(trainer);
            }
            return result.metrics;
        },
        // Whether the helpers already began the next step (step()'s next_follows).
        begun_next: () => begun_next !== null,
        // The image weights the next step splits its batch by (weighted_bounds).
        image_weights: () => fixed_image_weights ?? image_weights_for(speeds),
        // A helper died or stopped answering (the page sees a worker's error event): the
        // step under way fails with team_member_lost, and the leader is back at the last
        // good state.
        lose(index, detail) {
            mailbox.fail(new team_member_lost(index, detail));
        },
        close() {
            mailbox.send({ kind: 'leave', seq: ++seq });
            mailbox.close();
        },
    };
}

// A helper's side: waits for the leader's sync and begin messages on its ports and
// takes part in each step. report(error) hears a failure it could not send.
// slow_ms_per_image (tests): computing each image takes this much longer.
export function serve_team_helper(relu_lab, { index, size, ports, slow_ms_per_image = 0 }) {
    const mailbox = create_mailbox(index, ports);
    const pool = create_buffer_pool();
    let trainer = null;
    let train = null;
    let test = null;
    let prepared = null; // { trainer, train, config }: built from a prepare's config (and given train), for the next sync
    let queue = Promise.resolve(); // one control message at a time, in order

    function fail(error) {
        mailbox.send({ kind: 'failed', detail: String(error?.message ?? error) }, [], [0]);
    }
    function drop_prepared() {
        prepared?.trainer.dispose();
        prepared = null;
    }
    // A copy for the next sync. A config the leader refuses too is no failure of this
    // member: the leader says why, and nothing syncs with it.
    function prepare(message) {
        if (message.train) train = message.train;
        if (message.config === null) {
            drop_prepared(); // none wanted now
            return;
        }
        // The same config again (the leader built it ahead, then Train asked for it): kept.
        if (prepared && prepared.train === train && json_equal(prepared.config, message.config)) return;
        drop_prepared();
        const made = create_trainer(relu_lab, message.config);
        if (!made.ok) return;
        if (!train) prepared = { trainer: made.trainer, train: null, config: message.config };
        else if (made.trainer.set_training_data(train).ok)
            prepared = { trainer: made.trainer, train, config: message.config };
        else made.trainer.dispose();
    }
    // The sync's copy: the prepared one when it is of the same config, else a new one.
    function copy_for(message) {
        const ready = prepared;
        prepared = null;
        if (ready && !message.model && json_equal(ready.trainer.config(), message.config))
            return { ok: true, ...ready, prepared: true };
        ready?.trainer.dispose();
        const made = message.model
            ? trainer_from_model(relu_lab, new Uint8Array(message.model))
            : create_trainer(relu_lab, message.config);
        return { ...made, train: null, prepared: false };
    }
    async function handle(message) {
        if (message.kind === 'leave') {
            drop_prepared();
            trainer?.dispose();
            trainer = null;
            mailbox.close();
            return;
        }
        if (message.kind === 'prepare') {
            prepare(message);
            return;
        }
        if (message.kind === 'sync') {
            if (message.train) train = message.train;
            if (message.test) test = message.test;
            const made = copy_for(message);
            if (!made.ok) throw new Error(made.error);
            const same_weights =
                message.model !== undefined || made.trainer.team.parameters_crc32() === message.weights_crc32;
            if (same_weights) {
                const has_data = made.train !== null && made.train === train;
                const data = has_data ? { ok: true } : made.trainer.set_training_data(train);
                if (!data.ok) throw new Error(data.error);
                if (!made.trainer.team.set_data_position(message.position))
                    throw new Error('the data position did not fit');
                if (test) {
                    const held_out = made.trainer.set_eval_data(test);
                    if (!held_out.ok) throw new Error(held_out.error);
                }
                trainer?.dispose();
                trainer = made.trainer;
            } else {
                made.trainer.dispose(); // the leader sends the model file next
            }
            mailbox.send({ kind: 'synced', seq: message.seq, same_weights, prepared: made.prepared }, [], [0]);
            return;
        }
        if (!trainer) throw new Error('a step before the first sync');
        if (message.kind === 'gather') {
            const [begin, end] = share(trainer.parameter_count(), index, size);
            const state = trainer.team.read_optimizer_state(begin, end);
            mailbox.send({ kind: 'gathered', seq: message.seq, begin, end, state }, [state.buffer], [0]);
            return;
        }
        if (message.kind === 'evaluate') {
            const { part, probabilities } = trainer.evaluate_part(message.first, message.count, {
                with_layer_statistics: message.with_layer_statistics,
                with_probabilities: message.with_probabilities,
            });
            mailbox.send(
                { kind: 'evaluated', seq: message.seq, part, probabilities },
                [part.buffer, probabilities.buffer],
                [0]
            );
            return;
        }
        // This step, and each next one whose begin came with the leader's weights.
        let begin = message;
        while (begin) {
            try {
                const { next } = await team_step(trainer, mailbox, pool, {
                    index,
                    size,
                    seq: begin.seq,
                    measure: begin.measure,
                    image_weights: begin.image_weights,
                    slow_ms_per_image,
                });
                begin = next;
            } catch (error) {
                // The leader takes the step again alone and syncs this copy before the next.
                if (!(error instanceof slice_not_finite)) throw error;
                begin = null;
            }
        }
    }
    mailbox.on_control((message) => {
        queue = queue.then(() => handle(message)).catch(fail);
    });
    return {
        close: () => mailbox.close(),
    };
}

// For tests without workers: a leader and helpers in one thread, joined by MessageChannels.
// fixed_image_weights: the leader's (create_team_leader); slow_ms_per_image[k]: member k's
// (serve_team_helper).
export function create_local_team(relu_lab, size, { fixed_image_weights = null, slow_ms_per_image = [] } = {}) {
    const ports = Array.from({ length: size }, () => Array(size).fill(null));
    for (let i = 0; i < size; ++i) {
        for (let j = i + 1; j < size; ++j) {
            const channel = new MessageChannel();
            ports[i][j] = channel.port1;
            ports[j][i] = channel.port2;
        }
    }
    const helpers = [];
    for (let k = 1; k < size; ++k)
        helpers.push(
            serve_team_helper(relu_lab, {
                index: k,
                size,
                ports: ports[k],
                slow_ms_per_image: slow_ms_per_image[k] ?? 0,
            })
        );
    const leader = create_team_leader(relu_lab, ports[0].slice(1), { fixed_image_weights });
    return {
        leader,
        helpers,
        close() {
            leader.close();
            for (const h of helpers) h.close();
            for (const row of ports) for (const p of row) p?.close?.();
        },
    };
}
