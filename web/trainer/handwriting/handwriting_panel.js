// Teach it your handwriting: the learner draws each digit a few times on the draw pad and
// adds each drawing with its digit; the current model is tested on them, then fine-tuned
// on them mixed with training digits (web/workers/fine_tune.js), with the accuracy before
// and after on their drawings and on the held-out set. The drawings stay in the browser
// (handwriting_store.js) and travel as a file (export, import).
//
// mount_handwriting_panel(element, { client, draw_pad, storage })
//   client: trainer_client.js; draw_pad: draw_pad.js's views; storage: a Storage or null.
// For tests: the root's data-busy is "true" while the worker works, and the result's
// data-state says what it shows ("tested", "fine_tuned", "undone" or "").
import { offer_download } from '../../common/download.js';
import { apply_translations, on_language_change, t } from '../../i18n/i18n.js';
import { theme_colours } from '../pixels/paint.js';
import { refusal_text } from '../refusal_text.js';
import { render_handwriting_gallery } from './handwriting_gallery.js';
import { render_handwriting_result } from './handwriting_result.js';
import {
    add_sample,
    classes,
    counts_per_digit,
    fine_tune_own_images,
    fine_tune_train_images,
    image_bytes_from_floats,
    max_per_digit,
    next_digit_to_draw,
    remove_sample,
    samples_dataset,
    samples_from_json,
    samples_to_json,
    split_samples,
    suggested_per_digit,
} from './handwriting_samples.js';
import { create_handwriting_store } from './handwriting_store.js';

const file_name = 'relu-lab-handwriting.json';

export function mount_handwriting_panel(element, { client, draw_pad, storage }) {
    const root = document.createElement('div');
    root.className = 'handwriting';
    root.innerHTML = template();
    element.appendChild(root);
    const $ = (selector) => root.querySelector(selector);
    const store = create_handwriting_store(storage ?? null);
    const loaded = store.load();

    const state = {
        samples: loaded.samples,
        selected: null, // index of the drawing shown on the pad
        predicted: null, // Uint8Array per drawing from the last test, or null
        result: null, // { kind: 'tested' | 'fine_tuned' | 'undone', ... }
        can_undo: false,
        busy: false,
        fine_tunes: 0, // seeds the mix of each fine-tuning
        message: loaded.problem ? { key: loaded.problem, params: {} } : null,
    };

    // --- adding and removing drawings -----------------------------------------------------------
    const label_select = $('[data-control="handwriting_label"]');
    for (let digit = 0; digit < classes; digit++) label_select.add(new Option(String(digit), String(digit)));
    label_select.value = String(next_digit_to_draw(state.samples));

    // New drawings; `done` is the message when storage took them (else storage's problem).
    function set_samples(samples, done) {
        state.samples = samples;
        state.selected = null;
        state.predicted = null;
        if (state.result?.kind === 'tested') state.result = null;
        const problem = store.save(samples);
        state.message = problem ? { key: problem, params: {} } : done;
    }

    $('[data-control="handwriting_add"]').addEventListener('click', () => {
        const image = draw_pad.current_image();
        if (!image) {
            show_message('handwriting.error_nothing_drawn');
            return;
        }
        const label = Number(label_select.value);
        const added = add_sample(state.samples, label, image_bytes_from_floats(image.pixels));
        if (!added.ok) {
            show_message(added.code, added.params);
            return;
        }
        set_samples(added.samples, {
            key: 'handwriting.added',
            params: { digit: label, count: counts_per_digit(added.samples)[label] },
        });
        label_select.value = String(next_digit_to_draw(state.samples));
        draw_pad.clear();
        render();
    });

    $('[data-control="handwriting_remove"]').addEventListener('click', () => {
        if (state.selected === null) return;
        const label = state.samples[state.selected].label;
        set_samples(remove_sample(state.samples, state.selected), {
            key: 'handwriting.removed',
            params: { digit: label },
        });
        render();
        $('.handwriting-gallery').focus();
    });

    function select(index) {
        state.selected = index;
        const sample = state.samples[index];
        draw_pad.show_sample(sample.pixels, { index: null, label: sample.label });
        render_gallery();
    }

    // --- the worker: test, fine-tune, undo -------------------------------------------------------
    async function work(job) {
        if (state.busy) return;
        state.busy = true;
        state.message = null;
        render();
        try {
            await job();
        } catch (error) {
            state.message = { text: refusal_text({ ok: false, error: String(error?.message ?? error) }) };
        } finally {
            state.busy = false;
            render();
        }
    }

    function datasets() {
        const { trained, kept_aside } = split_samples(state.samples);
        return {
            trained,
            kept_aside,
            own: samples_dataset(state.samples, trained),
            kept: samples_dataset(state.samples, kept_aside),
        };
    }

    // Spreads the answers about the two subsets back onto the drawings' order.
    function predictions_by_drawing(d, own, kept) {
        const predicted = new Uint8Array(state.samples.length);
        d.trained.forEach((index, k) => (predicted[index] = own.predicted[k]));
        d.kept_aside.forEach((index, k) => (predicted[index] = kept.predicted[k]));
        return predicted;
    }

    $('[data-control="handwriting_test"]').addEventListener('click', () =>
        work(async () => {
            const all = samples_dataset(state.samples);
            const answer = await client.request('evaluate_images', { dataset: all });
            if (!answer?.ok) {
                state.message = { text: refusal_text(answer) };
                return;
            }
            state.predicted = answer.predicted;
            state.result = { kind: 'tested', accuracy: answer.accuracy, count: answer.count };
        })
    );

    $('[data-control="handwriting_fine_tune"]').addEventListener('click', () =>
        work(async () => {
            const d = datasets();
            const progress = $('.handwriting-progress');
            progress.hidden = false;
            progress.querySelector('progress').value = 0;
            state.fine_tunes++;
            const answer = await client.request(
                'fine_tune',
                { own: d.own, kept_aside: d.kept, seed: state.fine_tunes },
                { on_progress: (fraction) => (progress.querySelector('progress').value = fraction) }
            );
            progress.hidden = true;
            if (!answer?.ok) {
                state.message = { text: refusal_text(answer) };
                return;
            }
            state.predicted = predictions_by_drawing(d, answer.after.own, answer.after.kept_aside);
            state.result = { kind: 'fine_tuned', ...answer, trained_count: d.own.count, kept_count: d.kept.count };
            state.can_undo = true;
        })
    );

    $('[data-control="handwriting_undo"]').addEventListener('click', () =>
        work(async () => {
            const answer = await client.request('undo_fine_tune');
            if (!answer?.ok) {
                state.message = { text: refusal_text(answer) };
                return;
            }
            state.can_undo = false;
            state.predicted = null;
            state.result = { kind: 'undone', held_out: answer.held_out };
            $('[data-control="handwriting_fine_tune"]').focus();
        })
    );

    // Training on, or another model: the numbers shown no longer describe the model.
    const forget_results = () => {
        state.can_undo = false;
        state.predicted = null;
        state.result = null;
        render();
    };
    client.on('model_changed', forget_results);
    client.on('run_state', (message) => {
        if (message.running) forget_results();
    });

    // --- files --------------------------------------------------------------------------------
    $('[data-control="handwriting_export"]').addEventListener('click', () => {
        offer_download(document, samples_to_json(state.samples), file_name, 'application/json');
        show_message('handwriting.exported', { count: state.samples.length });
    });

    $('[data-control="handwriting_import"]').addEventListener('change', async (event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (!file) return;
        let text;
        try {
            text = await file.text();
        } catch {
            show_message('handwriting.error_not_samples');
            return;
        }
        const read = samples_from_json(text);
        if (!read.ok) {
            show_message(read.code, read.params);
            return;
        }
        set_samples(read.samples, { key: 'handwriting.imported', params: { count: read.samples.length } });
        label_select.value = String(next_digit_to_draw(state.samples));
        render();
    });

    // Deleting everything asks twice: the first press turns the button into "Press again".
    let delete_armed = false;
    const delete_button = $('[data-control="handwriting_delete_all"]');
    delete_button.addEventListener('click', () => {
        if (!delete_armed) {
            delete_armed = true;
            render_files();
            return;
        }
        delete_armed = false;
        set_samples([], { key: 'handwriting.deleted', params: {} });
        label_select.value = '0';
        render();
    });
    delete_button.addEventListener('blur', () => {
        if (!delete_armed) return;
        delete_armed = false;
        render_files();
    });

    // --- rendering ------------------------------------------------------------------------------
    function show_message(key, params = {}) {
        state.message = { key, params };
        render_message();
    }

    function render_message() {
        const m = state.message;
        $('.handwriting-message').textContent = !m ? '' : (m.text ?? t(m.key, m.params));
    }

    function render_count() {
        const counts = counts_per_digit(state.samples);
        const missing = counts.flatMap((n, digit) => (n < suggested_per_digit ? [digit] : []));
        const total = state.samples.length;
        let text = t('handwriting.count', { count: total });
        if (total === 0) text = t('handwriting.count_none', { suggested: suggested_per_digit, max: max_per_digit });
        else if (missing.length > 0)
            text += ` ${t('handwriting.count_missing', { suggested: suggested_per_digit, digits: missing.join(', ') })}`;
        else text += ` ${t('handwriting.count_ready', { suggested: suggested_per_digit })}`;
        $('.handwriting-count').textContent = text;
        $('.handwriting-explain').textContent = t('handwriting.fine_tune_explain', {
            images: fine_tune_own_images + fine_tune_train_images,
            train_images: fine_tune_train_images,
        });
    }

    function render_gallery() {
        render_handwriting_gallery($('.handwriting-gallery'), {
            samples: state.samples,
            selected: state.selected,
            predicted: state.predicted,
            colours: theme_colours(root),
            on_select: select,
        });
        $('[data-control="handwriting_remove"]').disabled = state.busy || state.selected === null;
    }

    const render_result = () => render_handwriting_result($('.handwriting-result'), state.result);

    function render_files() {
        delete_button.textContent = t(delete_armed ? 'handwriting.delete_confirm' : 'handwriting.delete_all', {
            count: state.samples.length,
        });
    }

    function render() {
        root.dataset.busy = String(state.busy);
        const none = state.samples.length === 0;
        for (const control of ['handwriting_add', 'handwriting_test', 'handwriting_fine_tune']) {
            const button = $(`[data-control="${control}"]`);
            button.disabled = state.busy || (none && control !== 'handwriting_add');
        }
        $('[data-control="handwriting_undo"]').hidden = !state.can_undo;
        $('[data-control="handwriting_undo"]').disabled = state.busy;
        $('[data-control="handwriting_export"]').disabled = none;
        delete_button.disabled = none || state.busy;
        render_count();
        render_gallery();
        render_result();
        render_files();
        render_message();
    }

    apply_translations(root);
    render();
    on_language_change(() => {
        apply_translations(root);
        render();
    });
    return Object.freeze({ samples: () => state.samples.slice() });
}

function template() {
    return `
  <h3 data-i18n="handwriting.title"></h3>
  <p data-i18n="handwriting.intro"></p>
  <div class="handwriting-add">
    <label class="setting"><span data-i18n="handwriting.label_label"></span>
      <select data-control="handwriting_label"></select></label>
    <button type="button" data-control="handwriting_add" data-i18n="handwriting.add"></button>
  </div>
  <p class="handwriting-count"></p>
  <div class="handwriting-gallery" tabindex="-1" role="group" data-i18n-attr="aria-label:handwriting.gallery_label"></div>
  <div class="handwriting-buttons">
    <button type="button" data-control="handwriting_remove" data-i18n="handwriting.remove"></button>
    <button type="button" data-control="handwriting_test" data-i18n="handwriting.test"></button>
    <button type="button" data-control="handwriting_fine_tune" data-i18n="handwriting.fine_tune"></button>
    <button type="button" data-control="handwriting_undo" data-i18n="handwriting.undo" hidden></button>
  </div>
  <div class="handwriting-progress" hidden>
    <progress max="1" value="0" data-i18n-attr="aria-label:handwriting.progress_label"></progress>
  </div>
  <p class="handwriting-explain"></p>
  <div class="handwriting-result" aria-live="polite"></div>
  <div class="handwriting-files">
    <button type="button" data-control="handwriting_export" data-i18n="handwriting.export"></button>
    <label class="file-button"><span data-i18n="handwriting.import"></span>
      <input type="file" accept=".json,application/json" data-control="handwriting_import"></label>
    <button type="button" data-control="handwriting_delete_all"></button>
  </div>
  <p class="handwriting-message" role="status" aria-live="polite"></p>`;
}
