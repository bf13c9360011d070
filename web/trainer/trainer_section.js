// The in-browser trainer section: build a network (presets and an editor), train it in
// a worker with live charts, see its Keras twin, save and load models, bring your own
// IDX files. This file wires the pieces; each lives in its own module:
//   trainer_template.js    the markup          address_state.js   the set-up in the address
//   layer_editor.js        the layer rows      training_settings.js  optimizer, rate, seed, ...
//   field_validation.js    problems shown before training starts
//   keras_panel.js         the Keras twin      run_panel.js       the worker, Play, progress, notes
//   model_files.js         save and load       idx_files.js       the learner's own data
// State lives in trainer_state.js (no DOM); training in web/workers/trainer_worker.js.
// mount_trainer returns an api for main.js, the draw pad and "what the network sees"
// (api.client), and tests.
import { preset_config } from '../bridge/trainer.js';
import { apply_translations, on_language_change, t } from '../i18n/i18n.js';
import { create_address_state, read_address_plan } from './setup/address_state.js';
import { create_field_validation } from './setup/field_validation.js';
import { create_idx_files } from './files/idx_files.js';
import { create_keras_panel } from './setup/keras_panel.js';
import { create_layer_editor } from './setup/layer_editor.js';
import { create_model_files } from './files/model_files.js';
import { model_key } from './run/model_key.js';
import { create_run_panel } from './run/run_panel.js';
import { create_trainer_charts } from './run/trainer_charts.js';
import { create_redraw_clock } from '../charts/redraw_clock.js';
import { check_plan, clone_plan, matching_preset, plan_from_config, plan_from_preset } from './trainer_state.js';
import { trainer_template } from './trainer_template.js';
import { create_training_settings } from './setup/training_settings.js';

// The bundled digits' split (web/data/digits/PROVENANCE.md), named in the intro.
const bundled_train_count = 4000;
const bundled_test_count = 1000;
// Secondary panels start closed on a phone, so Train and the charts come first.
const narrow_screen_query = '(max-width: 600px)';
// While training plays, the charts and the progress text are redrawn together this often.
const live_redraw_ms = 500;

export function mount_trainer(
    section,
    {
        relu_lab,
        storage: _storage,
        location: page_location = globalThis.location,
        history: page_history = globalThis.history,
    }
) {
    const presets = Object.fromEntries(
        relu_lab.trainer_facts.presets.map((name) => [name, plan_from_preset(preset_config(relu_lab, name).config)])
    );
    const from_address = read_address_plan(page_location?.search, presets, relu_lab);
    const state = {
        preset: from_address.preset,
        plan: from_address.plan,
        invalid_fields: new Set(),
        model_key: null, // model_key(plan) of the worker's model when made from the editor here
        has_model: false,
        running: false,
        diverged: null,
        last_progress: null,
        epochs: [], // epoch_end messages of the current model
        model_info: null,
        data: null, // the worker's answer about the data in use (counts, sources)
    };

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
    root.innerHTML = trainer_template();
    section.appendChild(root);
    const $ = (selector) => root.querySelector(selector);
    const control = (name) => root.querySelector(`[data-control="trainer_${name}"]`);
    fill_static_options(control, relu_lab.trainer_facts);
    apply_translations(root);
    if (globalThis.matchMedia?.(narrow_screen_query).matches)
        for (const details of root.querySelectorAll('details[data-narrow-closed]')) details.open = false;
    root.querySelector('form.trainer-setup').addEventListener('submit', (event) => event.preventDefault());

    const notice = $('.trainer-notice');
    if (from_address.notices.length) {
        notice.textContent = from_address.notices.join(' ');
        notice.hidden = false;
    }

    // What every piece shares: its part of the DOM, the state, the presets, and the wasm
    // module (its activations and trainer facts; trainer_state.js).
    const view = Object.freeze({ root, $, control, state, presets, relu_lab });
    const redraw = create_redraw_clock(live_redraw_ms);
    const charts = create_trainer_charts($('.trainer-charts'), { redraw });
    const validation = create_field_validation(view);
    const editor = create_layer_editor(view, { validation, on_change: () => plan_changed() });
    const settings = create_training_settings(view, { validation, on_change: () => plan_changed() });
    const keras = create_keras_panel(view);
    const address = create_address_state(view, { page_location, page_history });
    const run = create_run_panel(view, { validation, charts, redraw, on_network_loaded });
    const files = create_model_files(view, { run });
    const data = create_idx_files(view, { run });

    function render_all_fields() {
        control('preset').value = state.preset;
        editor.render_layers(null);
        settings.render_settings();
    }

    // After every edit: the preset it matches, its problems, the Keras code, whether the
    // worker's model is still this network, and (when valid) the address.
    function plan_changed({ initial = false } = {}) {
        state.preset = matching_preset(presets, state.plan);
        control('preset').value = state.preset;
        const ok = validation.show_validation();
        editor.render_shapes();
        keras.render_keras();
        run.plan_changed();
        if (ok && !initial) address.write_address();
    }

    function show_plan(plan) {
        state.plan = plan;
        validation.clear_invalid();
        state.preset = matching_preset(presets, state.plan);
        render_all_fields();
    }

    // A model loaded from a file or storage: the editor shows its network.
    function on_network_loaded(info) {
        show_plan({ ...plan_from_config(info.config), epochs: state.plan.epochs });
        state.model_key = model_key(state.plan);
        plan_changed();
    }

    control('preset').addEventListener('change', () => {
        const name = control('preset').value;
        if (!presets[name]) return;
        state.preset = name;
        state.plan = { ...clone_plan(presets[name]), epochs: state.plan.epochs, seed: state.plan.seed };
        validation.clear_invalid();
        render_all_fields();
        plan_changed();
    });

    render_all_fields();
    plan_changed({ initial: true });
    on_language_change(() => {
        apply_translations(root);
        render_intro();
        editor.render_layers(null);
        charts.relabel();
        validation.show_validation();
        run.relabel();
    });

    return Object.freeze({
        ready: run.ready,
        // Resolves once the default number of training workers is running.
        workers_ready: run.workers_ready,
        get client() {
            return run.client();
        },
        plan: () => clone_plan(state.plan),
        set_plan(plan) {
            if (check_plan(plan, relu_lab).length > 0) return false;
            show_plan(clone_plan(plan));
            plan_changed();
            return true;
        },
        presets: () => Object.fromEntries(Object.entries(presets).map(([k, v]) => [k, clone_plan(v)])),
        play: run.play,
        pause: run.pause,
        step: run.step,
        reset: run.reset,
        history: () => ({
            epochs: state.epochs.slice(),
            diverged: state.diverged,
            running: state.running,
            last_progress: state.last_progress,
        }),
        load_model: (bytes, origin = 'file') => files.load_bytes(bytes, origin),
        // Tick labels as drawn (canvas text), e.g. chart_tick_labels('loss', 'y').
        chart_tick_labels: (name, axis) => charts.tick_labels(name, axis),
        use_idx_files: data.use_idx_files,
        insight_slot: $('.trainer-insight'),
    });
}

// The select options that do not change with the plan; their texts are i18n keys.
function fill_static_options(control, { presets, optimizers, weight_inits, augmentations }) {
    const options = [
        ['preset', [...presets, 'custom'], (name) => `trainer.preset_${name.replace('-', '_')}`],
        ['optimizer', optimizers, (name) => `trainer.optimizer_${name}`],
        ['initializer', weight_inits, (name) => `trainer.init_${name}`],
        ['augment', augmentations, (name) => `trainer.augment_mode_${name}`],
    ];
    for (const [control_name, names, key] of options) {
        for (const name of names) {
            const option = new Option('', name);
            option.dataset.i18n = key(name);
            control(control_name).add(option);
        }
    }
}
