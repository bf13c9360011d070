// Wires the page together: language, module, sections. No logic of its own.
import { load_relu_lab } from './bridge/load_in_page.js';
import { start_module_worker } from './bridge/worker_host.js';
import { ask_worker } from './bridge/worker_protocol.js';
import { connect_cmi5 } from './embed/cmi5.js';
import { start_embedding } from './embed/embed.js';
import { connect_scorm } from './embed/scorm.js';
import { learning_event_names, on_learning_event } from './events/learning_events.js';
import { mount_explorer } from './explorer/explorer.js';
import { mount_labs } from './labs/labs_section.js';
import { mount_learn } from './learn/learn_section.js';
import { start_page_targets } from './learn/target_navigator.js';
import { apply_translations, choose_language, load_language, set_language } from './i18n/i18n.js';
import { load_languages_from_scripts } from './i18n/language_scripts.js';
import { mount_quiz } from './quiz/quiz_view.js';
import { mount_section } from './shell/section_mount.js';
import { mount_shell } from './shell/shell.js';
import { open_browser_storage } from './shell/storage.js';
import { mount_trainer } from './trainer/trainer_section.js';
import { mount_draw_and_insight } from './trainer/draw_and_insight.js';
import { workers_chosen_event } from './trainer/run/workers_control.js';

async function start() {
    const params = new URLSearchParams(location.search);
    // Storage that is full still holds what was saved; only new writes fail.
    const { storage, full: storage_full } = open_browser_storage();
    load_languages_from_scripts();
    const { tag, notice } = choose_language({
        url_language: params.get('lang'),
        storage,
        browser_languages: navigator.languages ?? [navigator.language],
    });
    await load_language(tag); // English if the language's script cannot be loaded
    set_language(tag);
    const shell = mount_shell(document, { storage, notice });
    // Sections, controls and height for embeddings (?sections=, lock=, hide=; embed/).
    const embedding = start_embedding(document);
    apply_translations(document.body);

    let relu_lab;
    try {
        relu_lab = await load_relu_lab({ requested_build: params.get('build') });
    } catch (error) {
        shell.show_fatal(error);
        return;
    }
    shell.show_build(relu_lab.build);
    // A learning platform that launched us (cmi5, else SCORM): its learner id keeps each
    // learner's quiz progress apart in this browser, so it is asked before the quiz starts.
    const scorm = connect_cmi5(window) ?? connect_scorm(window);
    // Each section starts on its own: one that fails shows why in its place (shell/section_mount.js).
    const section = (id, mount) => mount_section(document.getElementById(id), mount);
    // Learn's flashcards are graded into the quiz's review schedule; quiz questions link
    // to chapters and labs through the page targets (learn/target_navigator.js).
    let targets = null;
    const learn = section('learn', (el) =>
        mount_learn(el, {
            relu_lab,
            storage,
            review_flashcard: (id, knew) => quiz?.review_flashcard(id, knew) ?? false,
        })
    );
    const explorer = section('explorer', (el) => mount_explorer(el, { relu_lab }));
    const quiz = section('quiz', (el) =>
        mount_quiz(el, {
            relu_lab,
            storage,
            storage_full,
            learner_id: scorm?.learner_id ?? null,
            settings: embedding.quiz_settings,
            flashcards: learn?.flashcards ?? null,
            link_to_target: (target) => targets?.link(target) ?? null,
        })
    );
    const trainer = section('trainer', (el) => mount_trainer(el, { relu_lab, storage }));
    // The draw pad and "what the network sees" share the trainer's worker (trainer/draw, trainer/insight).
    trainer?.ready
        .then((client) => mount_draw_and_insight(trainer.insight_slot, { client, relu_lab, storage }))
        .catch(() => {});
    const labs = section('labs', (el) => mount_labs(el, { relu_lab, storage, lab: embedding.config.lab }));
    // The number of workers the learner picks in the trainer is the labs' too.
    document.addEventListener(workers_chosen_event, (event) => labs?.set_workers(event.detail.workers));
    // Links such as #labs/dying_relu, and resuming at the chapter read last.
    targets = start_page_targets(document, { learn, explorer, labs, trainer });

    // For curious learners (and tests): the kernels, callable from the browser console,
    // e.g. relu_lab.forward('relu', [-2, -1, 0, 1, 2]), also inside a Web Worker.
    let kernel_worker = null;
    globalThis.relu_lab = Object.freeze({
        build: relu_lab.build,
        activations: relu_lab.activations.map((a) => a.name),
        forward: (name, values, param) => Array.from(relu_lab.forward(name, Float32Array.from(values), param)),
        derivative: (name, values, param) => Array.from(relu_lab.derivative(name, Float32Array.from(values), param)),
        async forward_in_worker(name, values, param) {
            kernel_worker ??= await start_module_worker('kernel_worker', relu_lab.build);
            return Array.from(await ask_worker(kernel_worker, { type: 'forward', name, x: Array.from(values), param }));
        },
        learn,
        // Page targets such as 'labs/dying_relu': link(target), available(target), go(target).
        targets,
        explorer,
        quiz,
        trainer,
        labs,
        // Answered/completed/score events, for embeddings (see events/learning_events.js).
        learning_events: Object.freeze({ names: learning_event_names, on: on_learning_event }),
    });
    // Last, once every section has mounted: parent messages, SCORM, Embed dialog choices.
    embedding.sections_mounted({ quiz, build: relu_lab.build, trainer_presets: relu_lab.trainer_facts.presets });
    const platform = scorm ? scorm.attach({ quiz, learn, on_learning_event }) : { mode: 'standalone' };
    document.documentElement.dataset.scorm = platform.mode;
    document.documentElement.dataset.ready = 'true';
}

start();
