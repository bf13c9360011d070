// The run panel: the trainer worker (started here, reached through trainer_client.js),
// Play/Pause, Step and Reset, progress with the time left, the held-out accuracy, the
// charts fed from the worker's events, and the notes on the model and the data.
// view: the section's shared pieces; validation: field_validation.js; charts:
// trainer_charts.js; redraw: the section's redraw clock (redraw_clock.js), which the
// progress text shares with the charts; on_network_loaded(info): a model loaded from a
// file or storage brought its own network: the editor shows it, and state.model_key
// becomes its key.
import { load_bundled_digit_files } from '../../data/digit_files.js';
import { emit_learning_event, learning_event_names } from '../../events/learning_events.js';
import { t } from '../../i18n/i18n.js';
import { create_dead_unit_note } from './dead_unit_note.js';
import { create_divergence_panel } from './divergence_panel.js';
import { model_key } from './model_key.js';
import { create_model_prebuild } from './model_prebuild.js';
import { eta_observe, eta_seconds, eta_start } from './eta_estimator.js';
import { create_pretrained_guard } from './pretrained_guard.js';
import { refusal_text } from '../refusal_text.js';
import { start_trainer_client } from '../trainer_client.js';
import { create_workers_control } from './workers_control.js';
import { format_duration, round_to } from '../trainer_format.js';
import { plan_to_config } from '../trainer_state.js';

// A held-out evaluation runs forward only: about a third of a training step per batch.
const eval_batch_cost_in_steps = 1 / 3;
const bytes_per_megabyte = 1048576;
const model_origins = ['new', 'file', 'storage'];

export function create_run_panel(view, { validation, charts, redraw, on_network_loaded }) {
    const { root, $, control, state, relu_lab } = view;
    const { show_validation } = validation;
    const divergence = create_divergence_panel(view);
    const dead_note = create_dead_unit_note(view);
    let client = null;
    const status = $('.trainer-status');
    const set_status = (key, params = {}) => {
        status.textContent = t(key, params);
    };
    const guard = create_pretrained_guard($('.trainer-controls'), {
        get_client: () => client,
        pause: () => (state.running ? client.pause() : null),
        on_error: (result) => set_status('trainer.status_error', { detail: refusal_text(result) }),
        focus_after_undo: () => control('play').focus(),
    });
    const ready = (async () => {
        client = await start_trainer_client(relu_lab.build);
        client.on('progress', on_progress);
        client.on('epoch_end', on_epoch_end);
        client.on('diverged', on_diverged);
        client.on('run_state', on_run_state);
        client.on('model_changed', on_model_changed);
        const files = await load_bundled_digit_files();
        const data = await client.set_bundled_data(files);
        if (!data.ok) throw new Error(data.error);
        state.data = data;
        render_data_note();
        // The draw pad may have loaded the pretrained model before these listeners existed.
        const status_now = await client.status();
        if (status_now.has_model && !state.model_info) guard.model_changed(status_now);
        set_status('trainer.status_ready');
        root.dataset.ready = 'true';
        return client;
    })();
    ready.catch((error) => {
        set_status('trainer.status_failed', { detail: error?.message ?? String(error) });
    });
    // Play, Step and Reset under way: they make the model themselves (no prebuild meanwhile).
    let model_actions = 0;
    const prebuild = create_model_prebuild(view, { get_client: () => client, ready, busy: () => model_actions > 0 });
    async function model_action(action) {
        model_actions += 1;
        try {
            return await action();
        } finally {
            model_actions -= 1;
        }
    }

    // Time left, measured on the page: see eta_estimator.js.
    let eta = eta_start();
    let evaluated_epoch = 0; // the last epoch whose held-out evaluation has run
    const now_s = () => performance.now() / 1000;

    function on_progress(message) {
        state.last_progress = message;
        if (state.running) eta = eta_observe(eta, { type: 'progress', time_s: now_s(), step: message.step });
        charts.add_progress(message);
        // Progress arrives every ~60 ms; the text and bar follow the charts' clock.
        redraw.request('progress', () => show_progress(state.last_progress));
    }

    function show_progress(message) {
        if (!message) return;
        const bar = $('.trainer-progress progress');
        const total = message.target_epoch * message.batches_per_epoch;
        bar.max = 1;
        bar.value = total ? Math.min(1, message.step / total) : 0;
        const eval_batches = Math.ceil((state.data?.test_count ?? 0) / Math.max(1, state.plan.batch_size));
        const seconds_left = state.running
            ? eta_seconds(eta, {
                  steps_left: total - message.step,
                  epoch_ends_left: message.target_epoch - evaluated_epoch,
                  eval_steps_guess: eval_batches * eval_batch_cost_in_steps,
              })
            : null;
        const params = {
            epoch: Math.min(message.epoch + 1, message.target_epoch),
            epochs: message.target_epoch,
            step: message.step,
            rate: Math.round(message.images_per_s),
        };
        $('.trainer-progress-text').textContent =
            seconds_left === null
                ? t('trainer.progress_text_no_eta', params)
                : t('trainer.progress_text', { ...params, eta: format_duration(seconds_left) });
        if (message.batches.length)
            $('.trainer-last-loss').textContent = t('trainer.last_loss', {
                loss: round_to(message.batches.at(-1)[1], 4),
            });
    }

    function on_epoch_end(message) {
        state.epochs.push(message);
        if (state.epochs.length === 1) dead_note.check(message);
        evaluated_epoch = message.epoch;
        eta = eta_observe(eta, { type: 'epoch_end', time_s: now_s(), step: message.step });
        if (state.model_info) {
            state.model_info.epoch = message.epoch;
            render_model_note();
        }
        charts.add_epoch(message);
        if (message.test_accuracy !== null) {
            const accuracy = round_to(100 * message.test_accuracy, 2);
            $('.trainer-accuracy').textContent = t('trainer.held_out_accuracy', { accuracy, epoch: message.epoch });
            set_status('trainer.status_epoch', { epoch: message.epoch, accuracy });
        }
    }

    function on_diverged(message) {
        state.diverged = message.divergence;
        charts.mark_divergence(message.divergence.step);
        divergence.show(message);
    }

    function on_run_state(message) {
        state.running = message.running;
        const play_button = control('play');
        play_button.textContent = t(message.running ? 'trainer.pause' : 'trainer.play');
        play_button.setAttribute('aria-pressed', String(message.running));
        root.dataset.running = String(message.running);
        if (message.reason === 'play') {
            evaluated_epoch = message.epoch;
            eta = eta_observe(eta, { type: 'run_start', time_s: now_s(), step: message.step });
        } else if (!message.running) {
            prebuild.update();
            eta = eta_observe(eta, { type: 'run_end', time_s: now_s(), step: message.step });
            // The charts and the progress show where the run stopped at once, without the time left.
            redraw.request('progress', () => show_progress(state.last_progress));
            redraw.flush();
        }
        if (message.reason === 'finished') {
            set_status('trainer.status_finished', { epoch: message.epoch });
            emit_learning_event(learning_event_names.trainer_run_finished, { epochs: message.epoch });
        } else if (message.reason === 'paused') set_status('trainer.status_paused', { step: message.step });
        else if (message.reason === 'play') set_status('trainer.status_training');
        else if (message.reason === 'error') set_status('trainer.status_error', { detail: message.error ?? '' });
    }

    function on_model_changed(info) {
        guard.model_changed(info);
        eta = eta_start();
        state.has_model = info.has_model;
        state.model_info = info;
        state.diverged = info.diverged;
        state.epochs = [];
        state.last_progress = null;
        divergence.hide();
        charts.clear();
        charts.set_layers(info.layers);
        prebuild.update();
        dead_note.clear();
        $('.trainer-accuracy').textContent = '';
        $('.trainer-last-loss').textContent = '';
        $('.trainer-progress progress').value = 0;
        $('.trainer-progress-text').textContent = '';
        if (info.origin === 'file' || info.origin === 'storage') {
            // A loaded model brings its network: the editor shows it, and Play continues it.
            on_network_loaded(info);
        } else if (info.origin !== 'new') state.model_key = null;
        render_model_note();
    }

    function render_model_note() {
        const info = state.model_info;
        const note = $('.trainer-model-note');
        if (!info?.has_model) {
            note.textContent = t('trainer.model_none');
            return;
        }
        const same = state.model_key !== null && state.model_key === model_key(state.plan);
        const origin = model_origins.includes(info.origin) ? info.origin : 'other';
        note.textContent = `${t(`trainer.model_origin_${origin}`, {
            parameters: info.parameter_count,
            megabytes: round_to(info.memory_bytes / bytes_per_megabyte, 1),
            epoch: info.epoch,
        })} ${same || info.origin === 'new' ? '' : t('trainer.model_differs')}`;
    }

    function render_data_note() {
        const d = state.data;
        if (!d) return;
        prebuild.update(); // the model built ahead was given the old data
        const source = (s) => (s === 'bundled' ? t('trainer.data_bundled') : s);
        $('.trainer-data-note').textContent = t('trainer.data_note', {
            train: d.train_count,
            test: d.test_count,
            train_source: source(d.data_source.train),
            test_source: source(d.data_source.eval),
        });
    }

    // A new model in the worker from the editor's network; the result, with the C++
    // core's refusal shown when there is one.
    async function create_model() {
        await guard.before_replace();
        const result = await client.create(plan_to_config(state.plan, relu_lab));
        if (!result.ok) {
            show_validation([{ text: t('trainer.refused', { reason: refusal_text(result) }) }]);
            return result;
        }
        state.model_key = model_key(state.plan);
        render_model_note();
        return result;
    }

    // Makes sure the worker's model is the editor's network; false (with a message) when not.
    async function ensure_model() {
        await ready;
        if (!show_validation()) return false;
        if (state.has_model && state.model_key === model_key(state.plan)) return true;
        set_status('trainer.status_building');
        const result = await create_model();
        if (!result.ok) set_status('trainer.status_refused');
        return result.ok;
    }

    async function play() {
        if (state.running) return pause();
        return model_action(start_playing);
    }
    async function start_playing() {
        if (!(await ensure_model())) return { ok: false };
        if (state.diverged) {
            set_status('trainer.status_diverged_reset');
            return { ok: false };
        }
        const result = await client.play(state.plan.epochs);
        if (!result.ok) set_status('trainer.status_error', { detail: refusal_text(result) });
        return result;
    }
    async function pause() {
        await ready;
        return client.pause();
    }
    function step() {
        return model_action(one_step);
    }
    async function one_step() {
        if (!(await ensure_model())) return { ok: false };
        if (state.diverged) {
            set_status('trainer.status_diverged_reset');
            return { ok: false };
        }
        const result = await client.step(1);
        set_status('trainer.status_stepped', { step: result.step ?? 0 });
        return result;
    }
    function reset() {
        return model_action(reset_model);
    }
    async function reset_model() {
        await ready;
        if (!show_validation()) return { ok: false };
        const result = await create_model();
        if (result.ok) set_status('trainer.status_reset');
        return result;
    }
    const workers_control = create_workers_control(view, { get_client: () => client, ready });
    control('play').addEventListener('click', () => play());
    control('step').addEventListener('click', () => step());
    control('reset').addEventListener('click', () => reset());

    // After a language change: every text this panel wrote.
    function relabel() {
        render_model_note();
        render_data_note();
        divergence.render();
        dead_note.render();
        workers_control.relabel();
        on_run_state({ running: state.running });
    }

    return {
        ready,
        workers_ready: workers_control.started,
        client: () => client,
        play,
        pause,
        step,
        reset,
        // After every edit of the network or its settings.
        plan_changed() {
            render_model_note();
            prebuild.update();
        },
        render_data_note,
        relabel,
    };
}
