// The trainer's worker: owns its own wasm instance, the datasets and one trainer (the
// "current model"), and trains in short chunks so the page never waits and a pause is
// honoured within one chunk. Requests come through serve_module_requests; training
// streams to the page as events (post_event, worker_module.js):
//   { event: 'progress', batches: [[step, loss, accuracy], ...], epoch, step, images_per_s, eta_s, layers, ... }
//   { event: 'epoch_end', epoch, train_loss, train_accuracy, test_loss, test_accuracy, layers }
//   { event: 'diverged', divergence: { step, layer, what, message } }
//   { event: 'run_state', running, reason, epoch, step }
//   { event: 'model_changed', origin, config, layers, parameter_count, memory_bytes, epoch, step }
//   { event: 'fine_tuned', undone, can_undo, epoch, step }   the weights changed without a new model
//   { event: 'team_changed', workers, lost }   a training helper was lost: training goes on with fewer
// Requests it does not know go to handle_inspection_request (model_inspection.js).
// With helpers (set_team, from the page: training_team.js) every step is shared by the
// team; alone, the same phases run here. Requests wait for the step under way: a step's
// buffers are in use until it ends, and another evaluation or prediction would overwrite them.
// load { bytes, origin, only_if_no_model }: with only_if_no_model the bytes are used only
// while there is no model yet (the pretrained model at start-up must not replace a
// model the learner started training in the meantime).
// prebuild { config }: builds that config's model (and the helpers' copies) ahead of the
// create that Train will send, while the learner reads; create takes it when its config
// is the same (see prebuild below).
import { bundled_digits_split, read_idx_files } from '../bridge/datasets.js';
import { create_trainer, plan_network, trainer_from_model } from '../bridge/trainer.js';
import { evaluate_on, fine_tune } from './fine_tune.js';
import { handle_inspection_request, inspection_request_types } from './model_inspection.js';
import { create_team_leader, json_equal, solo_step, team_member_lost } from './training_team.js';
import { warm_up_training } from './warm_up.js';
import { on_module_built, post_event, serve_module_requests } from './worker_module.js';
import { yield_to_messages } from './yield_to_messages.js';

// One chunk of training lasts about this long: short enough for a prompt pause and
// progress that looks live, long enough that the messages cost little.
const chunk_ms = 60;
// While playing, a chunk's first step also measures every layer's statistics (the charts'
// sparsity and gradient norms) only when the last measured step is this many steps back.
// The measuring pass over every layer's outputs and gradients makes a step about a tenth
// slower (seed-keras in Node: a median 2.2 ms on 21-23 ms), so this keeps its cost under
// 0.5 %: seed-keras, ~6 steps per 60 ms chunk, measured every chunk and paid ~1.7 %. A
// chunk of small is ~40 steps, so its charts still get a point per chunk. Counting steps,
// not milliseconds, the charts look the same on a slow machine and a fast one.
const measure_every_steps = 20;
const image_side = 28;

const state = {
    trainer: null,
    origin: null, // 'new', 'file', 'storage', 'pretrained', ...
    train: null, // datasets: { pixels, labels, count, rows, cols }
    test: null,
    data_source: { train: null, eval: null },
    running: false,
    first_chunk_after_play: false, // the next chunk is the first since Play: one step
    target_epoch: null, // the epoch count at which the current run stops
    epoch: 0,
    step: 0,
    diverged: null,
    epoch_images: 0, // this epoch so far, for its training accuracy and loss
    epoch_correct: 0,
    epoch_loss_sum: 0,
    images_per_s: 0, // smoothed over chunks
    measured_step: -Infinity, // the last step that measured the layers' statistics
    undo_fine_tune: null, // the model file from just before the last fine-tuning, while it can be undone
    team: null, // create_team_leader's, while there are helpers
    step_in_flight: null, // the step under way (requests wait for it)
    warm_up: null, // { ok, ms } of warm_up.js, once the module is built
    gathering: null, // while the team's optimizer state is gathered (steps wait for it)
    epoch_evaluation: null, // { trainer, evaluation } of the last epoch's end, with probabilities
    prebuilt: null, // { config, trainer, train, test }: a model built ahead of create (prebuild)
};

function workers() {
    return state.team?.size ?? 1;
}

// One optimizer step, shared by the team when there is one. A helper lost mid-step
// changes nothing (the update comes after every member's part arrived): the step is
// taken again here alone, and training goes on without the team.
// next_follows: training_team.js, step().
async function one_step(measure, next_follows = null) {
    const t = state.trainer;
    if (!state.team) return solo_step(t, measure);
    try {
        await state.team.sync(t, state.train, state.test);
        return await state.team.step(t, measure, { next_follows });
    } catch (error) {
        team_lost(error);
        return solo_step(t, measure);
    }
}

function team_lost(error) {
    if (!(error instanceof team_member_lost)) throw error;
    if (state.trainer) state.team.recover(state.trainer); // the last good state, whole
    state.team.close();
    state.team = null;
    post_event('team_changed', { workers: 1, lost: error.index, detail: error.detail });
}

// The held-out evaluation at an epoch's end, shared by the team when its copies are
// current (they are, right after training steps); else here alone.
async function evaluate_held_out_shared({ with_probabilities = false } = {}) {
    const t = state.trainer;
    if (state.team && t && state.test) {
        try {
            const e = await state.team.evaluate(t, state.test.count, { with_probabilities });
            if (e) return e.ok ? e : null;
        } catch (error) {
            team_lost(error);
        }
    }
    return evaluate_held_out(with_probabilities);
}

// The held-out evaluation a request asks for: shared by the team, synced first (the
// learner may have changed the model or the data since the last step); without training
// data for the helpers, here alone.
async function evaluate_requested(with_probabilities) {
    if (!state.team || !state.trainer || !state.train || !state.test) return evaluate_held_out(with_probabilities);
    try {
        await state.team.sync(state.trainer, state.train, state.test);
    } catch (error) {
        team_lost(error);
        return evaluate_held_out(with_probabilities);
    }
    return evaluate_held_out_shared({ with_probabilities });
}

// The evaluation image by image that the model inspection shows (evaluate_details). While
// training runs it is the last epoch end's, whose accuracy the charts show, instead of a
// new pass over the held-out set that training would wait for at every epoch's end.
async function evaluation_for_details() {
    const last = state.epoch_evaluation;
    if (state.running && last?.trainer === state.trainer) return last.evaluation;
    return evaluate_requested(true);
}

function refusal(result) {
    return { ok: false, error: result.error, code: result.code, params: result.params };
}

function batches_per_epoch() {
    if (!state.trainer || !state.train) return 0;
    return Math.ceil(state.train.count / state.trainer.config().batch_size);
}

function model_info() {
    const t = state.trainer;
    if (!t) return { ok: true, has_model: false };
    return {
        ok: true,
        has_model: true,
        origin: state.origin,
        config: t.config(),
        layers: t.layers(),
        parameter_count: t.parameter_count(),
        memory_bytes: t.memory_bytes(),
        flops_per_image: t.flops_per_image(),
        epoch: state.epoch,
        step: state.step,
        diverged: state.diverged,
        data_source: state.data_source,
        train_count: state.train?.count ?? 0,
        test_count: state.test?.count ?? 0,
    };
}

function stop(reason) {
    const was_running = state.running;
    state.running = false;
    if (was_running || reason !== 'paused')
        post_event('run_state', { running: false, reason, epoch: state.epoch, step: state.step });
}

// Hands the datasets to a trainer; the first refusal (e.g. images of another size) wins.
function apply_data(trainer) {
    if (state.train) {
        const r = trainer.set_training_data(state.train);
        if (!r.ok) return r;
    }
    if (state.test) {
        const r = trainer.set_eval_data(state.test);
        if (!r.ok) return r;
    }
    return { ok: true };
}

// Makes `trainer` the current model (the old one is disposed).
function adopt(trainer, origin) {
    stop('replaced');
    state.undo_fine_tune = null;
    state.team?.invalidate();
    state.epoch_evaluation = null;
    state.trainer?.dispose();
    state.trainer = trainer;
    state.origin = origin;
    state.target_epoch = null;
    state.diverged = null;
    state.epoch_images = state.epoch_correct = state.epoch_loss_sum = 0;
    state.images_per_s = 0;
    state.measured_step = -Infinity; // a new model's charts start with a measured step
    // step(0) trains nothing and reports the counters (a loaded model brings its own).
    const counters = state.train ? trainer.step(0) : null;
    state.epoch = counters?.ok ? counters.epoch : 0;
    state.step = counters?.ok ? counters.step : 0;
    const info = model_info();
    post_event('model_changed', info);
    return info;
}

function layer_summary(layers) {
    return layers.map((l) => ({
        name: l.name,
        units: l.units,
        zero_fraction: l.zero_fraction,
        param_grad_norm: l.param_grad_norm,
        output_grad_norm: l.output_grad_norm,
        dead_units: l.dead_units,
    }));
}

function evaluate_held_out(with_probabilities = false) {
    if (!state.trainer || !state.test) return null;
    const e = state.trainer.evaluate({ with_probabilities });
    return e.ok ? e : null;
}

function report_divergence(metrics) {
    const d = metrics.divergence;
    state.diverged = { step: d.step, layer: d.layer, what: d.what, message: d.message };
    post_event('diverged', { divergence: state.diverged, epoch: state.epoch, last_good_step: state.step });
    stop('diverged');
}

// Trains `max_batches` batches or for chunk_ms, whichever ends first, and streams one
// progress message (with the statistics of its first batch when it measured them: always
// for a request, at most every measure_every_steps while playing). Returns false when training
// cannot go on. `while_running`: stop after the step under way once paused.
async function train_chunk({ max_batches = Infinity, time_limit_ms = chunk_ms, while_running = true } = {}) {
    const started = performance.now();
    const batches = [];
    let images = 0;
    let measured = null;
    let epoch_ended = false;
    // Whether the team's helpers already began the next step: then it is taken whatever
    // the clock or a pause says (it ends the chunk at most one step later).
    let begun_next = false;
    const goes_on = () =>
        batches.length < max_batches &&
        performance.now() - started < time_limit_ms &&
        (!while_running || state.running);
    while (begun_next || goes_on()) {
        if (!begun_next && state.gathering) await state.gathering;
        if (!begun_next && while_running && !state.running) break;
        // (Counters that went back, an undone fine-tuning say, measure at once.)
        const since = state.step - state.measured_step;
        const measure = batches.length === 0 && (!while_running || since < 0 || since >= measure_every_steps);
        // Asked as this step's weights leave: would the loop take another step (not
        // measured: only a chunk's first is)?
        const next_follows = () => batches.length + 1 < max_batches && goes_on();
        state.step_in_flight = one_step(measure, next_follows);
        const m = await state.step_in_flight;
        state.step_in_flight = null;
        begun_next = state.team?.begun_next() ?? false;
        if (!m.ok) {
            if (m.divergence?.diverged) report_divergence(m);
            else {
                post_event('run_state', {
                    running: false,
                    reason: 'error',
                    error: m.error,
                    epoch: state.epoch,
                    step: state.step,
                });
                state.running = false;
            }
            flush_progress(batches, images, started, measured);
            return false;
        }
        if (measure) {
            measured = m;
            state.measured_step = m.step;
        }
        batches.push([m.step, m.loss, m.accuracy]);
        images += m.images;
        state.epoch_images += m.images;
        state.epoch_correct += m.accuracy * m.images;
        state.epoch_loss_sum += m.loss * m.images;
        state.step = m.step;
        if (m.epoch !== state.epoch) {
            state.epoch = m.epoch;
            epoch_ended = true;
            break;
        }
    }
    flush_progress(batches, images, started, measured);
    if (epoch_ended) {
        state.step_in_flight = finish_epoch();
        await state.step_in_flight;
        state.step_in_flight = null;
    }
    return true;
}

function flush_progress(batches, images, started, measured) {
    if (batches.length === 0) return;
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? images / seconds : 0;
    state.images_per_s = state.images_per_s ? 0.7 * state.images_per_s + 0.3 * rate : rate;
    const per_epoch = batches_per_epoch();
    const target = state.target_epoch ?? state.epoch + 1;
    const steps_left = Math.max(0, target * per_epoch - state.step);
    const batch_size = state.trainer.config().batch_size;
    post_event('progress', {
        batches,
        epoch: state.epoch,
        step: state.step,
        target_epoch: target,
        batches_per_epoch: per_epoch,
        epoch_fraction: per_epoch ? (state.step % per_epoch) / per_epoch : 0,
        images_per_s: state.images_per_s,
        eta_s: state.images_per_s > 0 ? (steps_left * batch_size) / state.images_per_s : null,
        learning_rate: measured?.learning_rate ?? null,
        layers: measured ? layer_summary(measured.layers) : [],
        workers: workers(),
    });
}

async function finish_epoch() {
    const held_out = await evaluate_held_out_shared({ with_probabilities: true });
    state.epoch_evaluation = held_out ? { trainer: state.trainer, evaluation: held_out } : null;
    const images = Math.max(1, state.epoch_images);
    post_event('epoch_end', {
        epoch: state.epoch,
        step: state.step,
        train_loss: state.epoch_loss_sum / images,
        train_accuracy: state.epoch_correct / images,
        test_loss: held_out?.loss ?? null,
        test_accuracy: held_out?.accuracy ?? null,
        layers: held_out ? layer_summary(held_out.layers) : [],
    });
    state.epoch_images = state.epoch_correct = state.epoch_loss_sum = 0;
    if (state.target_epoch !== null && state.epoch >= state.target_epoch) {
        state.target_epoch = null;
        stop('finished');
    }
}

async function run_loop() {
    if (!state.running) return;
    // The first chunk after Play is one step, so that its progress reaches the page's
    // charts at once instead of after chunk_ms of steps.
    const single_step = state.first_chunk_after_play;
    state.first_chunk_after_play = false;
    try {
        if (!(await train_chunk(single_step ? { max_batches: 1 } : {}))) return;
    } catch (error) {
        state.step_in_flight = null;
        state.running = false;
        post_event('run_state', {
            running: false,
            reason: 'error',
            error: String(error?.message ?? error),
            epoch: state.epoch,
            step: state.step,
        });
        return;
    }
    if (state.running) yield_to_messages().then(run_loop);
}

function need_trainer() {
    if (!state.trainer) throw new Error('no model yet');
    return state.trainer;
}

async function set_data(relu_lab, request) {
    if (request.kind === 'bundled') {
        const split = await bundled_digits_split(relu_lab, {
            images_gz: new Uint8Array(request.images_gz),
            labels_gz: new Uint8Array(request.labels_gz),
        });
        if (!split.ok) return refusal(split);
        return replace_data({ train: split.train, test: split.test }, { train: 'bundled', eval: 'bundled' });
    }
    const read = await read_idx_files(relu_lab, new Uint8Array(request.images), new Uint8Array(request.labels));
    if (!read.ok) return refusal(read);
    const d = read.dataset;
    if (d.rows !== image_side || d.cols !== image_side) {
        return {
            ok: false,
            code: 'trainer.image_size',
            error: `The images are ${d.rows}x${d.cols} pixels; the network takes 28x28.`,
            params: { rows: d.rows, cols: d.cols },
        };
    }
    const role = request.role === 'eval' ? 'test' : 'train';
    return replace_data({ [role]: d }, { [request.role === 'eval' ? 'eval' : 'train']: request.name ?? 'idx' });
}

// New datasets are tried on the current model first; a refusal keeps the old data.
function replace_data(datasets, sources) {
    if (state.running) stop('paused');
    const t = state.trainer;
    if (t) {
        const old = { train: state.train, test: state.test };
        if (datasets.train) {
            const r = t.set_training_data(datasets.train);
            if (!r.ok) {
                if (old.train) t.set_training_data(old.train);
                return refusal(r);
            }
        }
        if (datasets.test) {
            const r = t.set_eval_data(datasets.test);
            if (!r.ok) {
                if (old.test) t.set_eval_data(old.test);
                if (datasets.train && old.train) t.set_training_data(old.train);
                return refusal(r);
            }
        }
    }
    if (datasets.train) {
        state.train = datasets.train;
        state.team?.invalidate();
    }
    if (datasets.test) state.test = datasets.test;
    if (datasets.train || datasets.test) state.epoch_evaluation = null;
    Object.assign(state.data_source, sources);
    if (datasets.train) state.target_epoch = null;
    return {
        ok: true,
        train_count: state.train?.count ?? 0,
        test_count: state.test?.count ?? 0,
        data_source: { ...state.data_source },
    };
}

// A new model is mostly fresh memory: seed-keras' takes 47 MiB in each training
// worker, and the first write to each page of it costs a page fault. In Chromium on this
// project's 2-core virtual machine, where a fault costs about 15 microseconds, building it
// took 90-240 ms after the click on Train, and the helper's copy as long again (they run at
// once, on both cores). So the page asks for the network on screen to be built while the
// learner reads (prebuild), and create takes that model when the config is the same. The
// weights are the same either way: a config, its seed included, makes the same model.
const prebuild_max_bytes = 128 * 1048576;

function drop_prebuilt() {
    state.prebuilt?.trainer.dispose();
    state.prebuilt = null;
}

// config null: none is wanted now (the worker's model is the network on screen).
function prebuild(relu_lab, config) {
    if (config === null) {
        if (state.prebuilt) state.team?.prepare(null); // the helpers' copies go too
        drop_prebuilt();
        return { ok: true, built: false };
    }
    // Training has the cores and the memory it needs; an edit meanwhile waits for the next ask.
    if (state.running) return { ok: true, built: false };
    if (!prebuilt_is(config)) {
        drop_prebuilt(); // its memory for the new one
        // A model nobody asked for yet takes no more memory than this (seed-keras' takes 47 MiB).
        const planned = plan_network(relu_lab, config);
        if (!planned.ok || !(planned.memory_bytes <= prebuild_max_bytes)) return { ok: true, built: false };
        // The helpers build their copies while this worker builds its own (as for create).
        state.team?.prepare(config, state.train);
        const made = create_trainer(relu_lab, config);
        // A config the trainer refuses is refused again, with the reason, by create.
        if (!made.ok) return { ok: true, built: false };
        if (!apply_data(made.trainer).ok) {
            made.trainer.dispose();
            return { ok: true, built: false };
        }
        state.prebuilt = { config, trainer: made.trainer, train: state.train, test: state.test };
    } else {
        state.team?.prepare(config, state.train); // they keep theirs, or build one if they had none
    }
    // (A team formed later asks its helpers in set_team.)
    return { ok: true, built: true };
}

// Whether the model kept aside is this config's, on the current data.
function prebuilt_is(config) {
    const kept = state.prebuilt;
    return kept !== null && json_equal(kept.config, config) && kept.train === state.train && kept.test === state.test;
}

// The prebuilt model when it is this config's, on the current data (then it is no longer
// kept aside).
function take_prebuilt(config) {
    if (!prebuilt_is(config)) return null;
    const { trainer } = state.prebuilt;
    state.prebuilt = null;
    return trainer;
}

function create(relu_lab, config, origin) {
    const prebuilt = take_prebuilt(config);
    // The helpers build their copies while this worker builds its own (or keep the ones
    // they built with the prebuilt model).
    state.team?.prepare(config, state.train);
    if (prebuilt) return { ...adopt(prebuilt, origin), prebuilt: true };
    drop_prebuilt();
    const made = create_trainer(relu_lab, config);
    if (!made.ok) return refusal(made);
    const data = apply_data(made.trainer);
    if (!data.ok) {
        made.trainer.dispose();
        return refusal(data);
    }
    return adopt(made.trainer, origin);
}

// The learner's drawings: { own, kept_aside } datasets from the page.
function run_fine_tune(relu_lab, request, progress) {
    const t = need_trainer();
    state.team?.invalidate(); // fine-tuning changes the weights and the data order
    state.epoch_evaluation = null;
    if (state.running) stop('paused');
    if (state.diverged) return { ok: false, code: 'trainer.diverged', error: state.diverged.message };
    const result = fine_tune(t, {
        own: request.own,
        kept_aside: request.kept_aside,
        train: state.train,
        test: state.test,
        seed: request.seed ?? 1,
        progress,
    });
    const { undo_bytes, ...answer } = result;
    if (!result.ok) {
        if (result.diverged && undo_bytes) {
            // A fine-tuning that blew up leaves the model as it was before it.
            const made = trainer_from_model(relu_lab, undo_bytes);
            if (made.ok && apply_data(made.trainer).ok) adopt(made.trainer, state.origin);
        }
        return refusal(answer.code ? answer : { ...answer, code: 'handwriting.error_diverged' });
    }
    state.undo_fine_tune = undo_bytes;
    state.epoch_images = state.epoch_correct = state.epoch_loss_sum = 0;
    const counters = t.step(0);
    state.step = counters.step;
    state.epoch = counters.epoch;
    post_event('fine_tuned', { undone: false, can_undo: true, epoch: state.epoch, step: state.step });
    return answer;
}

function undo_fine_tune() {
    const t = need_trainer();
    if (!state.undo_fine_tune)
        return { ok: false, code: 'handwriting.error_nothing_to_undo', error: 'There is no fine-tuning to undo.' };
    if (state.running) stop('paused');
    const loaded = t.load(state.undo_fine_tune);
    if (!loaded.ok) return refusal(loaded);
    state.undo_fine_tune = null;
    state.team?.invalidate();
    state.epoch_evaluation = null;
    const counters = t.step(0);
    state.step = counters.step;
    state.epoch = counters.epoch;
    post_event('fine_tuned', { undone: true, can_undo: false, epoch: state.epoch, step: state.step });
    return { ok: true, held_out: evaluate_on(t, state.test, state.test) };
}

// Requests that need no more of the model than its weights, which every member holds.
const reads_weights_only = new Set([
    'step',
    'play',
    'pause',
    'status',
    'prebuild', // touches no model
    'evaluate',
    'evaluate_images',
    ...inspection_request_types,
]);

// Training waits for it (train_chunk), so no step makes the helpers' slices newer meanwhile.
async function gather_team_state() {
    if (!state.team || !state.trainer) return;
    let done;
    state.gathering = new Promise((resolve) => (done = resolve));
    try {
        await state.team.gather(state.trainer);
    } catch (error) {
        team_lost(error);
    } finally {
        state.gathering = null;
        done();
    }
}

// The team: helper_ports[i] reaches helper i + 1 (none: train alone). The helpers copy
// the model before the next step. The page asks for no team before it stops the helpers
// (the optimizer state is gathered from them first).
function set_team(relu_lab, helper_ports) {
    state.team?.close();
    state.team = helper_ports.length > 0 ? create_team_leader(relu_lab, helper_ports) : null;
    if (state.prebuilt) state.team?.prepare(state.prebuilt.config, state.train);
    return { ok: true, workers: workers() };
}

on_module_built((relu_lab) => {
    state.warm_up = warm_up_training(relu_lab);
});
serve_module_requests(async (relu_lab, request, { progress }) => {
    if (request.type === 'team_member_lost') {
        // Not after the step under way: that step is waiting for the lost helper.
        state.team?.lose(request.index, request.detail ?? 'the worker stopped');
        return { ok: true };
    }
    // The step under way first: its buffers are in use until it ends. The helpers hold
    // slices of the optimizer state: whatever may save, change or train the model alone
    // needs it whole first (and training may take another step while it is gathered).
    for (;;) {
        while (state.step_in_flight) await state.step_in_flight.catch(() => null);
        if (reads_weights_only.has(request.type) || !state.trainer || !state.team?.sharded(state.trainer)) break;
        await gather_team_state();
    }
    switch (request.type) {
        case 'set_team':
            return set_team(relu_lab, request.ports ?? []);
        case 'fine_tune':
            return run_fine_tune(relu_lab, request, progress);
        case 'undo_fine_tune':
            return undo_fine_tune();
        case 'evaluate_images': {
            // The learner's drawings, one by one: what the current model reads in each.
            const result = evaluate_on(need_trainer(), request.dataset, state.test);
            if (result.ok === false) return refusal(result);
            return { ok: true, ...result };
        }
        case 'set_data':
            return set_data(relu_lab, request);
        case 'create':
            return create(relu_lab, request.config, request.origin ?? 'new');
        case 'prebuild':
            return prebuild(relu_lab, request.config ?? null);
        case 'play': {
            const t = need_trainer();
            if (state.diverged) return { ok: false, code: 'trainer.diverged', error: state.diverged.message };
            if (!state.train) return { ok: false, code: 'trainer.no_data', error: 'There is no training data.' };
            state.undo_fine_tune = null;
            if (state.target_epoch === null || state.epoch >= state.target_epoch) {
                state.target_epoch = state.epoch + Math.max(1, Math.floor(request.epochs ?? 1));
            }
            if (!state.running) {
                state.running = true;
                state.first_chunk_after_play = true;
                post_event('run_state', {
                    running: true,
                    reason: 'play',
                    epoch: state.epoch,
                    step: state.step,
                    target_epoch: state.target_epoch,
                });
                yield_to_messages().then(run_loop);
            }
            return {
                ok: true,
                target_epoch: state.target_epoch,
                batches_per_epoch: batches_per_epoch(),
                config: t.config(),
            };
        }
        case 'pause':
            stop('paused');
            return { ok: true, epoch: state.epoch, step: state.step };
        case 'step': {
            need_trainer();
            if (state.running) stop('paused');
            if (state.diverged) return { ok: false, code: 'trainer.diverged', error: state.diverged.message };
            if (!state.train) return { ok: false, code: 'trainer.no_data', error: 'There is no training data.' };
            state.undo_fine_tune = null;
            const went_on = await train_chunk({
                max_batches: Math.max(1, Math.min(1000, Math.floor(request.batches ?? 1))),
                time_limit_ms: Infinity,
                while_running: false,
            });
            return { ok: went_on, epoch: state.epoch, step: state.step, divergence: state.diverged };
        }
        case 'save':
            return { ok: true, bytes: need_trainer().save() };
        case 'load': {
            // For a default model at start-up: a model made meanwhile (Train pressed) wins.
            if (request.only_if_no_model && state.trainer)
                return { ok: false, code: 'trainer.model_exists', error: 'There is a model already.', params: {} };
            const bytes = new Uint8Array(request.bytes ?? []);
            if (bytes.length === 0) return { ok: false, code: 'trainer.empty_file', error: 'The file is empty.' };
            const made = trainer_from_model(relu_lab, bytes);
            if (!made.ok) return refusal(made);
            const data = apply_data(made.trainer);
            if (!data.ok) {
                made.trainer.dispose();
                return refusal(data);
            }
            return adopt(made.trainer, request.origin ?? 'file');
        }
        case 'evaluate': {
            const held_out = await evaluate_requested(Boolean(request.with_probabilities));
            if (!held_out) return { ok: false, code: 'trainer.no_data', error: 'There is no evaluation data.' };
            return {
                ok: true,
                accuracy: held_out.accuracy,
                loss: held_out.loss,
                count: held_out.count,
                confusion: held_out.confusion,
                probabilities: request.with_probabilities ? held_out.probabilities : null,
                layers: layer_summary(held_out.layers),
            };
        }
        case 'status':
            // The wasm heap's size too: the soak test watches it stay flat.
            return {
                ...model_info(),
                running: state.running,
                workers: workers(),
                // How the team splits each batch (training_team.js: image_weights_for).
                image_weights: state.team?.image_weights() ?? null,
                wasm_heap_bytes: relu_lab.wasm_heap_bytes(),
                warm_up: state.warm_up,
                // A model built ahead of Train (prebuild), kept aside.
                prebuilt: state.prebuilt !== null,
            };
        default:
            // The held-out set goes along so inspection can show the images behind its numbers.
            return handle_inspection_request(state.trainer, request, {
                eval_data: state.test,
                evaluation: request.type === 'evaluate_details' ? await evaluation_for_details() : null,
            });
    }
});
