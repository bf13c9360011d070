// The in-browser trainer section: build a network (presets and an editor), train it in
// a worker with live charts, see its Keras twin, save and load models, bring your own
// IDX files. State lives in trainer_state.js; training in web/workers/trainer_worker.js,
// reached through trainer_client.js. mount_trainer returns an api for main.js, the
// "what the network sees" code (api.client) and tests.
import { error_message } from '../bridge/error_message.js';
import { shortest_float32_text } from '../bridge/float32_text.js';
import { preset_config } from '../bridge/trainer.js';
import { load_bundled_digit_files } from '../data/digit_files.js';
import { emit_learning_event, learning_event_names } from '../events/learning_events.js';
import { parse_number } from '../explorer/number_input.js';
import { apply_translations, format_number, language, on_language_change, t } from '../i18n/i18n.js';
import { divergence_cause } from './divergence_text.js';
import { eta_observe, eta_seconds, eta_start } from './eta_estimator.js';
import { keras_code } from './keras_code.js';
import { chart_layer_names, layer_title } from './layer_names.js';
import { fetch_stored_model, store_model } from './model_store.js';
import { create_pretrained_guard } from './pretrained_guard.js';
import { create_trainer_charts } from './trainer_charts.js';
import { start_trainer_client } from './trainer_client.js';
import {
    check_number,
    check_plan,
    clone_plan,
    layer_types,
    limits,
    optimizers,
    plan_from_config,
    plan_from_preset,
    plan_from_url_params,
    plan_to_config,
    plan_to_url_params,
    plans_equal,
    preset_names,
    url_keys,
    weight_inits,
} from './trainer_state.js';

const log_lr_range = [-6, 1];
const model_file_name = 'relu-lab-model.bin';
const max_model_file_bytes = 256 << 20;
const max_idx_file_bytes = 512 << 20;
// The bundled digits' split (web/data/digits/PROVENANCE.md), named in the intro.
const bundled_train_count = 4000;
const bundled_test_count = 1000;
// A held-out evaluation runs forward only: about a third of a training step per batch.
const eval_batch_cost_in_steps = 1 / 3;
// Secondary panels start closed on a phone, so Train and the charts come first.
const narrow_screen_query = '(max-width: 600px)';
// A Dense layer with at least this share of its units dead after the first epoch gets a
// note beside the dead-units chart (the seed network starts with about 53 of 128).
const dead_note_share = 0.2;

// Without epochs: changing only the epoch count keeps the trained model.
function model_key(plan) {
    return JSON.stringify(Object.entries({ ...plan, epochs: 0 }).sort(([a], [b]) => a.localeCompare(b)));
}

export function mount_trainer(
    section,
    {
        relu_lab,
        storage: _storage,
        location: page_location = globalThis.location,
        history: page_history = globalThis.history,
    }
) {
    const activations = relu_lab.activations;
    const presets = Object.fromEntries(
        preset_names.map((name) => [name, plan_from_preset(preset_config(relu_lab, name).config)])
    );
    const state = {
        preset: 'seed-keras',
        plan: clone_plan(presets['seed-keras']),
        invalid_fields: new Set(),
        model_key: null, // model_key(plan) of the worker's model when made from the editor here
        has_model: false,
        running: false,
        diverged: null,
        last_progress: null,
        epochs: [], // epoch_end messages of the current model
        model_info: null,
    };

    // --- the address: ?preset=..., or a full trainer state ------------------------------
    const params = new URLSearchParams(page_location?.search ?? '');
    const url_notice = [];
    const asked_preset = params.get('preset');
    if (asked_preset !== null) {
        if (preset_names.includes(asked_preset)) {
            state.preset = asked_preset;
            state.plan = clone_plan(presets[asked_preset]);
        } else url_notice.push(t('trainer.notice_unknown_preset', { name: asked_preset.slice(0, 24) }));
    }
    const from_url = plan_from_url_params(params, state.plan, activations);
    if (from_url.plan) {
        state.plan = from_url.plan;
        state.preset = matching_preset(state.plan);
    } else if (from_url.ignored) url_notice.push(t('trainer.notice_url_ignored'));

    section.querySelector('.loading')?.remove();
    // The intro's numbers are formatted for the language (4,000 / 4.000 / 4000).
    const intro = section.querySelector('.section-intro');
    intro?.removeAttribute('data-i18n');
    const render_intro = () => {
        if (intro) intro.textContent = t('trainer.intro', { train: bundled_train_count, test: bundled_test_count });
    };
    render_intro();
    const root = document.createElement('div');
    root.className = 'trainer';
    root.innerHTML = template();
    section.appendChild(root);
    const $ = (selector) => root.querySelector(selector);
    const control = (name) => root.querySelector(`[data-control="trainer_${name}"]`);
    fill_static_options();
    apply_translations(root);
    if (globalThis.matchMedia?.(narrow_screen_query).matches)
        for (const details of root.querySelectorAll('details[data-narrow-closed]')) details.open = false;
    root.querySelector('form.trainer-setup').addEventListener('submit', (event) => event.preventDefault());

    const notice = $('.trainer-notice');
    function show_notice(text) {
        notice.textContent = text;
        notice.hidden = !text;
    }
    if (url_notice.length) show_notice(url_notice.join(' '));

    const charts = create_trainer_charts($('.trainer-charts'));

    // --- the editor ------------------------------------------------------------------------
    function matching_preset(plan) {
        return (
            preset_names.find((name) =>
                plans_equal({ ...presets[name], epochs: plan.epochs, seed: plan.seed }, plan)
            ) ?? 'custom'
        );
    }

    function fill_static_options() {
        const preset_select = control('preset');
        for (const name of [...preset_names, 'custom']) {
            const option = new Option('', name);
            option.dataset.i18n = `trainer.preset_${name.replace('-', '_')}`;
            preset_select.add(option);
        }
        for (const name of optimizers) {
            const option = new Option('', name);
            option.dataset.i18n = `trainer.optimizer_${name}`;
            control('optimizer').add(option);
        }
        for (const name of weight_inits) {
            const option = new Option('', name);
            option.dataset.i18n = `trainer.init_${name}`;
            control('initializer').add(option);
        }
    }

    function activation_options(selected) {
        const names = ['linear', ...activations.map((a) => a.name)];
        return names
            .map((name) => {
                const label = name === 'linear' ? t('trainer.activation_linear') : t(`explorer.names.${name}`);
                return `<option value="${name}"${name === selected ? ' selected' : ''}>${escape_html(label)}</option>`;
            })
            .join('');
    }

    // One row per editable layer; numbers are text fields read with parse_number, so a
    // decimal comma works and "abc" gets a message instead of silently becoming 0.
    function layer_row(layer, index, count) {
        const fields = [];
        const field = (name, label_key, value) => `
            <label class="layer-field"><span>${escape_html(t(label_key))}</span>
              <input type="text" inputmode="numeric" data-field="${name}" value="${escape_html(String(value))}" size="5"></label>`;
        if (layer.type === 'conv2d') {
            fields.push(field('filters', 'trainer.field_filters', layer.filters));
            fields.push(field('kernel_size', 'trainer.field_kernel', layer.kernel_size));
            fields.push(`<label class="layer-field"><span>${escape_html(t('trainer.field_padding'))}</span>
              <select data-field="padding"><option value="valid"${layer.padding === 'valid' ? ' selected' : ''}>valid</option><option value="same"${layer.padding === 'same' ? ' selected' : ''}>same</option></select></label>`); // i18n-exempt: Keras padding names
        } else if (layer.type === 'max_pool2d') {
            fields.push(field('pool_size', 'trainer.field_pool', layer.pool_size));
        } else {
            fields.push(field('units', 'trainer.field_units', layer.units));
        }
        if (layer.type !== 'max_pool2d') {
            fields.push(`<label class="layer-field"><span>${escape_html(t('trainer.field_activation'))}</span>
              <select data-field="activation">${activation_options(layer.activation)}</select></label>`);
            const description = activations.find((a) => a.name === layer.activation);
            if (description?.param_name) {
                const value = shortest_float32_text(layer.activation_param ?? description.default_param);
                fields.push(`<label class="layer-field"><span>${escape_html(t(`explorer.params.${description.param_name}`))}</span>
                  <input type="text" inputmode="decimal" data-field="activation_param" value="${escape_html(value)}" size="5"></label>`);
            }
        }
        return `<li class="layer-row" data-index="${index}" data-type="${layer.type}">
          <span class="layer-title">${escape_html(layer_title(index, layer.type))}</span>
          <span class="layer-fields">${fields.join('')}</span>
          <span class="layer-buttons">
            <button type="button" data-action="up" ${index === 0 ? 'disabled' : ''} aria-label="${escape_html(t('trainer.move_up_label', { number: index + 1 }))}">↑</button>
            <button type="button" data-action="down" ${index === count - 1 ? 'disabled' : ''} aria-label="${escape_html(t('trainer.move_down_label', { number: index + 1 }))}">↓</button>
            <button type="button" data-action="remove" aria-label="${escape_html(t('trainer.remove_label', { number: index + 1 }))}">✕</button>
          </span>
          <p class="field-error" hidden></p>
        </li>`;
    }

    function render_layers(focus) {
        const list = $('.layer-list');
        const layers = state.plan.layers;
        list.innerHTML = layers.map((l, i) => layer_row(l, i, layers.length)).join('');
        for (const key of [...state.invalid_fields]) if (key.startsWith('layer:')) state.invalid_fields.delete(key);
        if (focus) {
            const row = list.querySelector(`[data-index="${focus.index}"]`);
            (
                row?.querySelector(`[data-action="${focus.action}"]:not([disabled])`) ??
                row?.querySelector('button:not([disabled])')
            )?.focus();
        }
    }

    $('.layer-list').addEventListener('click', (event) => {
        const button = event.target.closest('button[data-action]');
        if (!button) return;
        const index = Number(button.closest('.layer-row').dataset.index);
        const layers = state.plan.layers;
        const action = button.dataset.action;
        if (action === 'remove') layers.splice(index, 1);
        else {
            const other = action === 'up' ? index - 1 : index + 1;
            if (other < 0 || other >= layers.length) return;
            [layers[index], layers[other]] = [layers[other], layers[index]];
        }
        const focus_index =
            action === 'remove' ? Math.min(index, layers.length - 1) : action === 'up' ? index - 1 : index + 1;
        render_layers(focus_index >= 0 ? { index: focus_index, action } : null);
        if (layers.length === 0) control('add_layer').focus();
        plan_changed();
    });

    $('.layer-list').addEventListener('change', (event) => {
        const input = event.target.closest('[data-field]');
        if (!input) return;
        const row = input.closest('.layer-row');
        const index = Number(row.dataset.index);
        const layer = state.plan.layers[index];
        const name = input.dataset.field;
        const message = row.querySelector('.field-error');
        const key = `layer:${index}:${name}`;
        if (name === 'padding') layer.padding = input.value;
        else if (name === 'activation') {
            layer.activation = input.value;
            layer.activation_param = null;
            const focus_activation = document.activeElement === input;
            row.outerHTML = layer_row(layer, index, state.plan.layers.length);
            const fresh = $(`.layer-row[data-index="${index}"]`);
            if (focus_activation) fresh.querySelector('[data-field="activation"]').focus();
        } else {
            const value = parse_number(input.value);
            let error;
            if (name === 'activation_param') {
                const d = activations.find((a) => a.name === layer.activation);
                error =
                    value === null
                        ? { key: 'trainer.error_not_a_number', params: {} }
                        : value < d.min_param || value > d.max_param
                          ? { key: 'trainer.error_number_range', params: { min: d.min_param, max: d.max_param } }
                          : null;
            } else {
                const limit = {
                    filters: 'filters',
                    kernel_size: 'kernel_size',
                    pool_size: 'pool_size',
                    units: 'units',
                }[name];
                error = check_number(limit, value);
            }
            mark_field(input, message, key, error);
            if (error) {
                show_validation();
                return;
            }
            layer[name] = value;
        }
        plan_changed();
    });

    control('add_layer').addEventListener('click', () => {
        const type = control('add_layer_type').value;
        const layers = state.plan.layers;
        if (layers.length >= limits.layers) {
            show_validation([{ key: 'trainer.error_too_many_layers', params: { max: limits.layers } }]);
            return;
        }
        const layer =
            type === 'conv2d'
                ? { type, filters: 16, kernel_size: 3, padding: 'same', activation: 'relu', activation_param: null }
                : type === 'max_pool2d'
                  ? { type, pool_size: 2 }
                  : { type, units: 64, activation: 'relu', activation_param: null };
        // Image layers go before the first Dense layer, Dense layers at the end.
        const first_dense = layers.findIndex((l) => l.type === 'dense');
        const at = type === 'dense' || first_dense < 0 ? layers.length : first_dense;
        layers.splice(at, 0, layer);
        render_layers(null);
        $(`.layer-row[data-index="${at}"] input, .layer-row[data-index="${at}"] select`)?.focus();
        plan_changed();
    });

    control('preset').addEventListener('change', () => {
        const name = control('preset').value;
        if (!presets[name]) return;
        state.preset = name;
        state.plan = { ...clone_plan(presets[name]), epochs: state.plan.epochs, seed: state.plan.seed };
        clear_invalid();
        render_all_fields();
        plan_changed();
    });

    // --- training settings ------------------------------------------------------------------
    const number_settings = [
        ['learning_rate', 'learning_rate'],
        ['momentum', 'momentum'],
        ['batch_size', 'batch_size'],
        ['epochs', 'epochs'],
        ['seed', 'seed'],
        ['bias_init', 'bias_init'],
        ['lr_decay', 'learning_rate_decay'],
    ];
    for (const [control_name, field] of number_settings) {
        const input = control(control_name);
        input.addEventListener('change', () => {
            const value = parse_number(input.value);
            const error = check_number(field, value);
            mark_field(input, input.closest('.setting').querySelector('.field-error'), `setting:${field}`, error);
            if (error) {
                show_validation();
                return;
            }
            state.plan[field] = value;
            if (field === 'learning_rate') control('learning_rate_slider').value = String(Math.log10(value));
            plan_changed();
        });
    }
    const slider = control('learning_rate_slider');
    slider.min = String(log_lr_range[0]);
    slider.max = String(log_lr_range[1]);
    slider.step = '0.05';
    slider.addEventListener('input', () => {
        const value = Number((10 ** Number(slider.value)).toPrecision(2));
        state.plan.learning_rate = value;
        control('learning_rate').value = String(value);
        mark_field(
            control('learning_rate'),
            control('learning_rate').closest('.setting').querySelector('.field-error'),
            'setting:learning_rate',
            null
        );
        plan_changed();
    });
    control('optimizer').addEventListener('change', () => {
        state.plan.optimizer = control('optimizer').value;
        control('momentum').closest('.setting').hidden = state.plan.optimizer !== 'momentum';
        plan_changed();
    });
    control('initializer').addEventListener('change', () => {
        state.plan.weight_init = control('initializer').value;
        plan_changed();
    });
    control('augment').addEventListener('change', () => {
        state.plan.augment = control('augment').checked;
        plan_changed();
    });

    function render_all_fields() {
        control('preset').value = state.preset;
        render_layers(null);
        const p = state.plan;
        for (const [control_name, field] of number_settings) control(control_name).value = String(p[field]);
        slider.value = String(Math.log10(p.learning_rate));
        control('optimizer').value = p.optimizer;
        control('momentum').closest('.setting').hidden = p.optimizer !== 'momentum';
        control('initializer').value = p.weight_init;
        control('augment').checked = p.augment;
    }

    function mark_field(input, message, key, error) {
        if (error) {
            input.setAttribute('aria-invalid', 'true');
            message.textContent = t(error.key, error.params);
            message.hidden = false;
            state.invalid_fields.add(key);
        } else {
            input.removeAttribute('aria-invalid');
            message.hidden = true;
            message.textContent = '';
            state.invalid_fields.delete(key);
        }
    }
    function clear_invalid() {
        for (const input of root.querySelectorAll('[aria-invalid="true"]')) input.removeAttribute('aria-invalid');
        for (const message of root.querySelectorAll('.trainer-setup .field-error')) message.hidden = true;
        state.invalid_fields.clear();
    }

    // Problems shown before training starts: fields the learner must fix, a plan that
    // cannot work, or the C++ core's refusal (too large for memory, ...).
    function show_validation(extra = null) {
        const panel = $('.trainer-validation');
        const items = [];
        if (state.invalid_fields.size > 0) items.push(t('trainer.error_fix_fields'));
        for (const problem of check_plan(state.plan, activations)) {
            const where =
                problem.index !== undefined ? t('trainer.problem_in_layer', { number: problem.index + 1 }) : '';
            items.push(`${where}${t(problem.key, problem.params)}`);
        }
        if (extra) for (const e of extra) items.push(e.text ?? t(e.key, e.params));
        panel.replaceChildren(
            ...items.map((text) => {
                const li = document.createElement('li');
                li.textContent = text;
                return li;
            })
        );
        panel.closest('.trainer-validation-box').hidden = items.length === 0;
        return items.length === 0;
    }

    function plan_changed({ initial = false } = {}) {
        state.preset = matching_preset(state.plan);
        control('preset').value = state.preset;
        const ok = show_validation();
        render_keras();
        render_model_note();
        if (ok && !initial) write_url();
    }

    // --- URL state --------------------------------------------------------------------------
    function state_url() {
        const url = new URL(page_location.href);
        for (const key of url_keys) url.searchParams.delete(key);
        url.searchParams.delete('preset');
        if (plans_equal(state.plan, presets['seed-keras'])) {
            // The defaults need no parameters.
        } else if (state.preset !== 'custom' && plans_equal(state.plan, presets[state.preset]))
            url.searchParams.set('preset', state.preset);
        else
            for (const [key, value] of Object.entries(plan_to_url_params(state.plan))) url.searchParams.set(key, value);
        return url;
    }
    function write_url() {
        try {
            const url = state_url();
            if (url.href !== page_location.href) page_history?.replaceState(page_history.state, '', url.href);
        } catch {
            // file:// in some browsers, or a sandboxed frame: the link button still works.
        }
    }
    control('share').addEventListener('click', async () => {
        const link = state_url().href;
        const out = $('.share-result');
        try {
            await navigator.clipboard.writeText(link);
            out.textContent = t('trainer.link_copied');
        } catch {
            out.textContent = t('trainer.link_copy_failed', { link });
        }
    });

    // --- Keras ------------------------------------------------------------------------------
    function render_keras() {
        if (check_plan(state.plan, activations).length > 0) return;
        $('.keras-code code').textContent = keras_code(state.plan, activations);
    }
    control('keras_copy').addEventListener('click', async () => {
        const out = $('.keras-copy-result');
        try {
            await navigator.clipboard.writeText($('.keras-code code').textContent);
            out.textContent = t('trainer.keras_copied');
        } catch {
            // Clipboard refused (permissions, file://): select the code for Ctrl+C instead.
            const range = document.createRange();
            range.selectNodeContents($('.keras-code code'));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            out.textContent = t('trainer.keras_copy_failed');
        }
    });

    // --- the worker --------------------------------------------------------------------------
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

    // Progress arrives every ~60 ms; the text and bar are redrawn a few times a second.
    let progress_timer = null;
    // Time left, measured on the page: see eta_estimator.js.
    let eta = eta_start();
    let evaluated_epoch = 0; // the last epoch whose held-out evaluation has run
    const now_s = () => performance.now() / 1000;
    function on_progress(message) {
        state.last_progress = message;
        if (state.running) eta = eta_observe(eta, { type: 'progress', time_s: now_s(), step: message.step });
        charts.add_progress(message);
        progress_timer ??= setTimeout(() => {
            progress_timer = null;
            show_progress(state.last_progress);
        }, 250);
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
            $('.trainer-last-loss').textContent = t('trainer.last_loss', { loss: round(message.batches.at(-1)[1], 4) });
    }

    // Many dead Dense units from the first epoch on: said beside the chart, with why it is fine.
    let dead_note = null; // { core_name, dead, units }
    function render_dead_note() {
        const note = $('.trainer-dead-note');
        note.hidden = !dead_note;
        if (!dead_note) return;
        const layer = chart_layer_names(state.model_info?.layers ?? []).get(dead_note.core_name) ?? dead_note.core_name;
        note.textContent = t('trainer.dead_note', { dead: dead_note.dead, units: dead_note.units, layer });
    }
    function check_dead_units(message) {
        const core = state.model_info?.layers ?? [];
        // An activation after a Dense layer -> that Dense layer (the note names it).
        const dense_of = new Map(
            core
                .filter((l, i) => l.type === 'activation' && core[i - 1]?.type === 'dense')
                .map((l) => [l.name, core[core.indexOf(l) - 1].name])
        );
        const worst = message.layers
            .filter((l) => dense_of.has(l.name) && l.units > 0 && l.dead_units / l.units >= dead_note_share)
            .sort((a, b) => b.dead_units / b.units - a.dead_units / a.units)[0];
        dead_note = worst ? { core_name: dense_of.get(worst.name), dead: worst.dead_units, units: worst.units } : null;
        render_dead_note();
    }

    function on_epoch_end(message) {
        state.epochs.push(message);
        if (state.epochs.length === 1) check_dead_units(message);
        evaluated_epoch = message.epoch;
        eta = eta_observe(eta, { type: 'epoch_end', time_s: now_s(), step: message.step });
        if (state.model_info) {
            state.model_info.epoch = message.epoch;
            render_model_note();
        }
        charts.add_epoch(message);
        if (message.test_accuracy !== null) {
            $('.trainer-accuracy').textContent = t('trainer.held_out_accuracy', {
                accuracy: round(100 * message.test_accuracy, 2),
                epoch: message.epoch,
            });
            set_status('trainer.status_epoch', {
                epoch: message.epoch,
                accuracy: round(100 * message.test_accuracy, 2),
            });
        }
    }

    // The last divergence and its cause in this network, kept to reword the panel when the
    // language changes.
    let shown_divergence = null;
    function on_diverged(message) {
        state.diverged = message.divergence;
        charts.mark_divergence(message.divergence.step);
        shown_divergence = { message, cause: divergence_cause(state.plan) };
        render_divergence();
        const panel = $('.trainer-divergence');
        panel.hidden = false;
        panel.focus();
    }

    function render_divergence() {
        if (!shown_divergence) return;
        const { message, cause } = shown_divergence;
        const panel = $('.trainer-divergence');
        const d = message.divergence;
        panel.querySelector('.divergence-where').textContent = t('trainer.diverged_where', {
            step: d.step,
            layer: d.layer,
            what: t(
                `trainer.diverged_what_${['output', 'gradient', 'parameter gradient', 'loss'].includes(d.what) ? d.what.replace(' ', '_') : 'loss'}`
            ),
        });
        const names = cause.activations.map((name) =>
            name === 'linear' ? t('trainer.diverged_no_activation') : t(`explorer.names.${name}`)
        );
        panel.querySelector('.divergence-cause').textContent = t(cause.key, {
            names: new Intl.ListFormat(language(), { type: 'conjunction' }).format(names),
        });
        panel.querySelector('.divergence-kept').textContent = t('trainer.diverged_kept', {
            step: message.last_good_step,
        });
    }

    function on_run_state(message) {
        state.running = message.running;
        const play = control('play');
        play.textContent = t(message.running ? 'trainer.pause' : 'trainer.play');
        play.setAttribute('aria-pressed', String(message.running));
        root.dataset.running = String(message.running);
        if (message.reason === 'play') {
            evaluated_epoch = message.epoch;
            eta = eta_observe(eta, { type: 'run_start', time_s: now_s(), step: message.step });
        } else if (!message.running) {
            eta = eta_observe(eta, { type: 'run_end', time_s: now_s(), step: message.step });
            // Whatever was on screen, the time left goes once the run stops.
            show_progress(state.last_progress);
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
        $('.trainer-divergence').hidden = true;
        charts.clear();
        charts.set_layers(info.layers);
        dead_note = null;
        render_dead_note();
        $('.trainer-accuracy').textContent = '';
        $('.trainer-last-loss').textContent = '';
        $('.trainer-progress progress').value = 0;
        $('.trainer-progress-text').textContent = '';
        if (info.origin === 'file' || info.origin === 'storage') {
            // A loaded model brings its network: the editor shows it, and Play continues it.
            state.plan = { ...plan_from_config(info.config), epochs: state.plan.epochs };
            clear_invalid();
            state.preset = matching_preset(state.plan);
            render_all_fields();
            state.model_key = model_key(state.plan);
            plan_changed();
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
        note.textContent = `${t(
            `trainer.model_origin_${['new', 'file', 'storage'].includes(info.origin) ? info.origin : 'other'}`,
            {
                parameters: info.parameter_count,
                megabytes: round(info.memory_bytes / 1048576, 1),
                epoch: info.epoch,
            }
        )} ${same || info.origin === 'new' ? '' : t('trainer.model_differs')}`;
    }

    function render_data_note() {
        const d = state.data;
        if (!d) return;
        const source = (s) => (s === 'bundled' ? t('trainer.data_bundled') : s);
        $('.trainer-data-note').textContent = t('trainer.data_note', {
            train: d.train_count,
            test: d.test_count,
            train_source: source(d.data_source.train),
            test_source: source(d.data_source.eval),
        });
    }

    // Makes sure the worker's model is the editor's network; false (with a message) when not.
    async function ensure_model() {
        await ready;
        if (!show_validation()) return false;
        if (state.has_model && state.model_key === model_key(state.plan)) return true;
        set_status('trainer.status_building');
        await guard.before_replace();
        const result = await client.create(plan_to_config(state.plan));
        if (!result.ok) {
            show_validation([{ text: t('trainer.refused', { reason: refusal_text(result) }) }]);
            set_status('trainer.status_refused');
            return false;
        }
        state.model_key = model_key(state.plan);
        render_model_note();
        return true;
    }

    async function play() {
        if (state.running) return pause();
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
    async function step() {
        if (!(await ensure_model())) return { ok: false };
        if (state.diverged) {
            set_status('trainer.status_diverged_reset');
            return { ok: false };
        }
        const result = await client.step(1);
        set_status('trainer.status_stepped', { step: result.step ?? 0 });
        return result;
    }
    async function reset() {
        await ready;
        if (!show_validation()) return { ok: false };
        await guard.before_replace();
        const result = await client.create(plan_to_config(state.plan));
        if (!result.ok) {
            show_validation([{ text: t('trainer.refused', { reason: refusal_text(result) }) }]);
            return result;
        }
        state.model_key = model_key(state.plan);
        render_model_note();
        set_status('trainer.status_reset');
        return result;
    }
    control('play').addEventListener('click', () => play());
    control('step').addEventListener('click', () => step());
    control('reset').addEventListener('click', () => reset());

    // --- model files and browser storage ---------------------------------------------------
    // Every action ends with a message: what was done, or why not. A failure never touches
    // the model in the worker (it is replaced only by a load that succeeded).
    const file_message = $('.trainer-file-message');
    const say_file = (key, params = {}, is_error = false) => {
        file_message.textContent = t(key, params);
        file_message.classList.toggle('is-error', is_error);
    };
    const storage_reasons = ['unavailable', 'full', 'empty', 'failed'];
    const say_storage_problem = (reason) =>
        say_file(`trainer.storage_${storage_reasons.includes(reason) ? reason : 'failed'}`, {}, true);

    // Runs a file or data action; an unexpected failure (the worker gone, a browser
    // refusal) becomes the message `failed_key`, with the detail in the console.
    async function guarded(say, failed_key, action) {
        try {
            return await action();
        } catch (error) {
            console.warn('ReLU Lab trainer:', error); // i18n-exempt: developer console
            say(failed_key, {}, true);
            return { ok: false, error: String(error?.message ?? error) };
        }
    }
    // A chosen file's bytes, or null when the browser cannot read it (moved, changed or
    // deleted after it was picked, or a permission withdrawn).
    async function read_file_bytes(file) {
        try {
            return new Uint8Array(await file.arrayBuffer());
        } catch (error) {
            console.warn('ReLU Lab trainer: reading', file.name, error); // i18n-exempt: developer console
            return null;
        }
    }

    // The worker's model as a file's bytes; null when there is none yet. Throws when the
    // worker cannot write it.
    async function saved_bytes() {
        await ready;
        if (!state.has_model) return null;
        const result = await client.save();
        if (!result.ok) throw new Error(refusal_text(result) || 'save refused');
        return result.bytes;
    }
    function offer_download(bytes) {
        const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = model_file_name;
        document.body.appendChild(link);
        try {
            link.click();
        } finally {
            link.remove();
            setTimeout(() => URL.revokeObjectURL(url), 10000);
        }
    }
    control('save_file').addEventListener('click', () =>
        guarded(say_file, 'trainer.file_save_failed', async () => {
            const bytes = await saved_bytes();
            if (!bytes) return say_file('trainer.file_no_model', {}, true);
            offer_download(bytes);
            return say_file('trainer.file_saved', {
                name: model_file_name,
                kilobytes: Math.round(bytes.length / 1024),
            });
        })
    );
    control('save_storage').addEventListener('click', () =>
        guarded(say_file, 'trainer.storage_failed', async () => {
            const bytes = await saved_bytes();
            if (!bytes) return say_file('trainer.file_no_model', {}, true);
            const stored = await store_model(bytes, { epoch: state.model_info?.epoch ?? 0 });
            if (stored.ok) say_file('trainer.storage_saved', { kilobytes: Math.round(bytes.length / 1024) });
            else say_storage_problem(stored.reason);
            return stored;
        })
    );
    function load_bytes(bytes, origin) {
        return guarded(say_file, 'trainer.file_load_failed', async () => {
            await ready;
            if (state.running) await client.pause();
            const result = await client.load(bytes, origin);
            if (!result.ok) {
                say_file(
                    origin === 'storage' ? 'trainer.storage_refused' : 'trainer.file_refused',
                    { reason: refusal_text(result) },
                    true
                );
                return result;
            }
            say_file(origin === 'storage' ? 'trainer.storage_loaded' : 'trainer.file_loaded', { epoch: result.epoch });
            return result;
        });
    }
    control('load_file').addEventListener('change', async () => {
        const input = control('load_file');
        const file = input.files?.[0];
        input.value = '';
        if (!file) return;
        if (file.size === 0) return say_file('trainer.file_empty', {}, true);
        if (file.size > max_model_file_bytes)
            return say_file('trainer.file_too_large', { megabytes: max_model_file_bytes >> 20 }, true);
        const bytes = await read_file_bytes(file);
        if (!bytes) return say_file('trainer.file_read_failed', {}, true);
        return load_bytes(bytes, 'file');
    });
    control('load_storage').addEventListener('click', () =>
        guarded(say_file, 'trainer.storage_failed', async () => {
            const stored = await fetch_stored_model();
            if (!stored.ok) return say_storage_problem(stored.reason);
            return load_bytes(stored.bytes, 'storage');
        })
    );

    // --- the learner's own IDX files ---------------------------------------------------------
    const data_message = $('.trainer-data-message');
    const say_data = (key, params = {}, is_error = false) => {
        data_message.textContent = t(key, params);
        data_message.classList.toggle('is-error', is_error);
    };
    // Sorts dropped or picked files into images and labels by their names (MNIST's own
    // names: train-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte, ...).
    function classify(files) {
        const images = files.filter((f) => /idx3|image/i.test(f.name));
        const labels = files.filter((f) => /idx1|label/i.test(f.name) && !images.includes(f));
        if (files.length === 2 && images.length === 1 && labels.length === 1)
            return { images: images[0], labels: labels[0] };
        return null;
    }
    async function use_idx_files(files) {
        const pair = classify([...files]);
        if (!pair) return say_data('trainer.idx_need_pair', {}, true);
        if (pair.images.size === 0 || pair.labels.size === 0) return say_data('trainer.idx_empty', {}, true);
        if (pair.images.size > max_idx_file_bytes || pair.labels.size > max_idx_file_bytes)
            return say_data('trainer.idx_too_large', { megabytes: max_idx_file_bytes >> 20 }, true);
        const role = control('idx_role').value === 'eval' ? 'eval' : 'train';
        return guarded(say_data, 'trainer.data_failed', () => use_idx_pair(pair, role));
    }
    async function use_idx_pair(pair, role) {
        await ready;
        if (state.running) await client.pause();
        say_data('trainer.idx_reading');
        const images = await read_file_bytes(pair.images);
        const labels = images && (await read_file_bytes(pair.labels));
        if (!labels) return say_data('trainer.idx_read_failed', {}, true);
        const result = await client.set_idx_data(role, images, labels, pair.images.name.slice(0, 80));
        if (!result.ok) return say_data('trainer.idx_refused', { reason: refusal_text(result) }, true);
        state.data = result;
        render_data_note();
        say_data(role === 'eval' ? 'trainer.idx_loaded_eval' : 'trainer.idx_loaded_train', {
            count: role === 'eval' ? result.test_count : result.train_count,
        });
        if (role === 'eval' && state.has_model) {
            // The files are in use by now: a failed evaluation only leaves the line empty.
            const evaluation = await client.evaluate().catch(() => ({ ok: false }));
            if (evaluation.ok)
                $('.trainer-accuracy').textContent = t('trainer.evaluated', {
                    accuracy: round(100 * evaluation.accuracy, 2),
                    count: evaluation.count,
                });
        }
        return result;
    }
    control('idx_files').addEventListener('change', async () => {
        const input = control('idx_files');
        const files = [...(input.files ?? [])];
        input.value = '';
        if (files.length) await use_idx_files(files);
    });
    const drop = control('idx_drop');
    drop.addEventListener('dragover', (event) => {
        event.preventDefault();
        drop.classList.add('is-over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('is-over'));
    drop.addEventListener('drop', async (event) => {
        event.preventDefault();
        drop.classList.remove('is-over');
        await use_idx_files([...(event.dataTransfer?.files ?? [])]);
    });
    control('bundled_data').addEventListener('click', () =>
        guarded(say_data, 'trainer.data_failed', async () => {
            await ready;
            if (state.running) await client.pause();
            const result = await client.set_bundled_data(await load_bundled_digit_files());
            if (!result.ok) return say_data('trainer.idx_refused', { reason: refusal_text(result) }, true);
            state.data = result;
            render_data_note();
            say_data('trainer.data_back_to_bundled');
            return result;
        })
    );

    // --- language changes and first render --------------------------------------------------
    render_all_fields();
    plan_changed({ initial: true });
    on_language_change(() => {
        apply_translations(root);
        render_intro();
        render_layers(null);
        charts.relabel();
        show_validation();
        render_model_note();
        render_data_note();
        render_divergence();
        render_dead_note();
        on_run_state({ running: state.running });
    });

    return Object.freeze({
        ready,
        get client() {
            return client;
        },
        plan: () => clone_plan(state.plan),
        set_plan(plan) {
            if (check_plan(plan, activations).length > 0) return false;
            state.plan = clone_plan(plan);
            clear_invalid();
            render_all_fields();
            plan_changed();
            return true;
        },
        presets: () => Object.fromEntries(Object.entries(presets).map(([k, v]) => [k, clone_plan(v)])),
        play,
        pause,
        step,
        reset,
        history: () => ({
            epochs: state.epochs.slice(),
            diverged: state.diverged,
            running: state.running,
            last_progress: state.last_progress,
        }),
        load_model: (bytes, origin = 'file') => load_bytes(bytes, origin),
        // Tick labels as drawn (canvas text), e.g. chart_tick_labels('loss', 'y').
        chart_tick_labels: (name, axis) => charts.tick_labels(name, axis),
        use_idx_files,
        insight_slot: $('.trainer-insight'),
    });
}

// A refusal from the worker in the learner's language (English until its code has a text).
function refusal_text(result) {
    return error_message(result);
}

function round(value, digits) {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}

function format_duration(seconds) {
    if (seconds < 60) return t('trainer.duration_s', { s: Math.max(1, Math.round(seconds)) });
    const m = Math.floor(seconds / 60);
    return t('trainer.duration_min_s', { min: m, s: Math.round(seconds - 60 * m) });
}

function escape_html(text) {
    return String(text).replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]
    );
}

function chart_figure(name, caption_key) {
    return `
    <figure class="chart-figure trainer-chart" data-chart="${name}">
      <div class="trainer-chart-box"><canvas role="img" data-i18n-attr="aria-label:trainer.chart_${name}_label"></canvas></div>
      <figcaption data-i18n="${caption_key}"></figcaption>
      ${name === 'dead' ? '<p class="chart-note trainer-dead-note" role="note" hidden></p>' : ''}
      <details><summary data-i18n="trainer.show_table"></summary>
        <p class="table-empty" data-i18n="trainer.table_empty"></p>
        <div class="table-scroll"><table></table></div>
      </details>
    </figure>`;
}

function template() {
    const add_options = layer_types
        .map((type) => `<option value="${type}" data-i18n="trainer.layer_${type}"></option>`)
        .join('');
    return `
  <div class="trainer-notice notice" role="status" hidden></div>
  <div class="trainer-grid">
    <form class="trainer-setup card" novalidate>
      <h3 data-i18n="trainer.setup_title"></h3>
      <label class="setting"><span data-i18n="trainer.preset_label"></span>
        <select data-control="trainer_preset"></select></label>
      <details class="trainer-disclosure" data-narrow-closed open>
      <summary data-i18n="trainer.editor_summary"></summary>
      <fieldset class="layer-editor" data-control="trainer_editor">
        <legend data-i18n="trainer.editor_legend"></legend>
        <p class="layer-fixed" data-i18n="trainer.input_note"></p>
        <ol class="layer-list"></ol>
        <p class="layer-fixed layer-flatten-note" data-i18n="trainer.head_note"></p>
        <div class="layer-add">
          <label><span class="visually-hidden" data-i18n="trainer.add_type_label"></span>
            <select data-control="trainer_add_layer_type">${add_options}</select></label>
          <button type="button" data-control="trainer_add_layer" data-i18n="trainer.add_layer"></button>
        </div>
      </fieldset>
      <fieldset class="train-settings">
        <legend data-i18n="trainer.settings_legend"></legend>
        <label class="setting"><span data-i18n="trainer.optimizer_label"></span>
          <select data-control="trainer_optimizer"></select><span class="field-error" hidden></span></label>
        <div class="setting lr-setting">
          <label for="trainer-lr" data-i18n="trainer.learning_rate_label"></label>
          <div class="param-inputs">
            <input type="range" data-control="trainer_learning_rate_slider" data-i18n-attr="aria-label:trainer.learning_rate_slider_label">
            <input type="text" id="trainer-lr" inputmode="decimal" data-control="trainer_learning_rate" size="8">
          </div>
          <p class="field-error" hidden></p>
        </div>
        <label class="setting"><span data-i18n="trainer.momentum_label"></span>
          <input type="text" inputmode="decimal" data-control="trainer_momentum" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.batch_label"></span>
          <input type="text" inputmode="numeric" data-control="trainer_batch_size" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.epochs_label"></span>
          <input type="text" inputmode="numeric" data-control="trainer_epochs" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.lr_decay_label"></span>
          <input type="text" inputmode="decimal" data-control="trainer_lr_decay" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.init_label"></span>
          <select data-control="trainer_initializer"></select></label>
        <p class="init-note" data-i18n="trainer.init_automatic_note"></p>
        <label class="setting"><span data-i18n="trainer.bias_label"></span>
          <input type="text" inputmode="decimal" data-control="trainer_bias_init" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.seed_label"></span>
          <input type="text" inputmode="numeric" data-control="trainer_seed" size="10"><span class="field-error" hidden></span></label>
        <label class="check setting"><input type="checkbox" data-control="trainer_augment"><span data-i18n="trainer.augment_label"></span></label>
      </fieldset>
      </details>
      <div class="trainer-validation-box" role="alert" hidden>
        <p data-i18n="trainer.validation_title"></p>
        <ul class="trainer-validation"></ul>
      </div>
      <p class="trainer-share"><button type="button" data-control="trainer_share" data-i18n="trainer.share"></button>
        <span class="share-result" role="status"></span></p>
    </form>
    <div class="trainer-run">
      <div class="trainer-controls card">
        <div class="trainer-buttons">
          <button type="button" class="primary" data-control="trainer_play" aria-pressed="false" data-i18n="trainer.play"></button>
          <button type="button" data-control="trainer_step" data-i18n="trainer.step"></button>
          <button type="button" data-control="trainer_reset" data-i18n="trainer.reset"></button>
        </div>
        <div class="trainer-pretrained-note notice" hidden><p data-i18n="trainer.pretrained_note"></p></div>
        <div class="trainer-undo notice" role="status" hidden>
          <p data-i18n="trainer.pretrained_replaced"></p>
          <button type="button" data-control="trainer_undo" data-i18n="trainer.pretrained_undo"></button>
        </div>
        <div class="trainer-progress" data-control="trainer_progress">
          <progress max="1" value="0" data-i18n-attr="aria-label:trainer.progress_label"></progress>
          <span class="trainer-progress-text"></span>
        </div>
        <p class="trainer-status" role="status" aria-live="polite" data-i18n="trainer.status_loading"></p>
        <p class="trainer-accuracy" aria-live="polite"></p>
        <p class="trainer-last-loss"></p>
        <p class="trainer-model-note"></p>
        <p class="trainer-data-note"></p>
      </div>
      <div class="trainer-divergence card" tabindex="-1" role="alert" hidden>
        <h3 data-i18n="trainer.diverged_title"></h3>
        <p class="divergence-where"></p>
        <p data-i18n="trainer.diverged_explain"></p>
        <p class="divergence-cause"></p>
        <p class="divergence-kept"></p>
        <p data-i18n="trainer.diverged_advice"></p>
      </div>
      <div class="trainer-charts">
        ${chart_figure('loss', 'trainer.chart_loss_caption')}
        ${chart_figure('accuracy', 'trainer.chart_accuracy_caption')}
        ${chart_figure('sparsity', 'trainer.chart_sparsity_caption')}
        ${chart_figure('dead', 'trainer.chart_dead_caption')}
        ${chart_figure('gradients', 'trainer.chart_gradients_caption')}
      </div>
    </div>
  </div>
  <div class="trainer-io">
    <details class="card trainer-files" data-narrow-closed open>
      <summary><h3 data-i18n="trainer.files_title"></h3></summary>
      <div class="trainer-buttons">
        <button type="button" data-control="trainer_save_file" data-i18n="trainer.save_file"></button>
        <button type="button" data-control="trainer_save_storage" data-i18n="trainer.save_storage"></button>
        <label class="file-button"><span data-i18n="trainer.load_file"></span>
          <input type="file" data-control="trainer_load_file" accept=".bin,.model,application/octet-stream"></label>
        <button type="button" data-control="trainer_load_storage" data-i18n="trainer.load_storage"></button>
      </div>
      <p class="trainer-file-message" role="status" aria-live="polite"></p>
    </details>
    <details class="card trainer-data" data-narrow-closed open>
      <summary><h3 data-i18n="trainer.data_title"></h3></summary>
      <p data-i18n="trainer.data_intro"></p>
      <div class="idx-drop" data-control="trainer_idx_drop">
        <label class="setting"><span data-i18n="trainer.idx_role_label"></span>
          <select data-control="trainer_idx_role"><option value="train" data-i18n="trainer.idx_role_train"></option><option value="eval" data-i18n="trainer.idx_role_eval"></option></select></label>
        <label class="file-button"><span data-i18n="trainer.idx_pick"></span>
          <input type="file" multiple data-control="trainer_idx_files"></label>
        <p class="idx-drop-hint" data-i18n="trainer.idx_drop_hint"></p>
      </div>
      <button type="button" data-control="trainer_bundled_data" data-i18n="trainer.use_bundled"></button>
      <p class="trainer-data-message" role="status" aria-live="polite"></p>
    </details>
  </div>
  <details class="card keras-panel" data-control="trainer_keras">
    <summary data-i18n="trainer.keras_title"></summary>
    <p data-i18n="trainer.keras_note"></p>
    <button type="button" data-control="trainer_keras_copy" data-i18n="trainer.keras_copy"></button>
    <span class="keras-copy-result" role="status"></span>
    <pre class="keras-code" tabindex="0"><code lang="en"></code></pre>
  </details>
  <div class="trainer-insight"></div>`;
}
