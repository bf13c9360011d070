// Embedding and LMS support, wired in two steps by main.js:
//   start_embedding(doc)            before the sections mount: read the address, hide
//                                   what is not wanted, start reporting the height;
//   .sections_mounted({ quiz, build, trainer_presets })  after: messages to and from the
//                                   parent, the Embed dialog, one warning for unknown options.
// SCORM (scorm.js) is wired by main.js: it must know the learner before the quiz starts.
import { on_learning_event } from '../events/learning_events.js';
import { language, load_language, set_language } from '../i18n/i18n.js';
import { merge_quiz_settings } from '../quiz/quiz_settings.js';
import { mount_embed_dialog } from './embed_dialog.js';
import { page_embed_config } from './embed_config.js';
import { package_quiz_settings } from './package_options.js';
import { apply_page_policy } from './page_policy.js';
import { parent_poster, start_parent_messages } from './parent_messages.js';
import { start_resize_reporting } from './resize.js';

export function start_embedding(doc) {
    const win = doc.defaultView;
    const config = page_embed_config();
    const policy = apply_page_policy(doc, config);
    // Nowhere when a parent_origin was refused (parent_messages.js says so in the console).
    const post = parent_poster(win, config);
    const resize = start_resize_reporting(doc, { post, framed: config.framed, parent_origin: config.parent_origin });
    // An instructor visiting the page gets the Embed button; a learner inside a course does not.
    const dialog = config.framed ? null : mount_embed_dialog(doc, { config, policy });

    return {
        config,
        dialog,
        // The graded quiz's rules: a package's meta tags win over the address.
        quiz_settings: merge_quiz_settings(config.quiz, package_quiz_settings(doc)),
        // Whether a section is shown; main.js may skip mounting the others.
        shows: (section_id) => policy.shown_sections().includes(section_id),
        sections_mounted({ quiz = null, build = null, trainer_presets = [] } = {}) {
            dialog?.set_preset_names(trainer_presets);
            start_parent_messages(win, config, {
                on_learning_event,
                // The course's choice holds for this visit; the learner's stored choice stays.
                // Resolves once the language's texts are loaded and shown.
                set_language: async (tag) => (await load_language(tag)) && set_language(tag),
                language,
                report_resize: resize.report_now,
                get_state: () => page_state({ config, policy, quiz, build }),
            });
            policy.report_ignored();
            resize.report_now();
        },
    };
}

// What get-state answers: plain values only.
function page_state({ config, policy, quiz, build }) {
    const state = {
        language: language(),
        build,
        sections: policy.shown_sections(),
        locked: [...config.locked],
        hidden: [...config.hidden],
        shown: [...(config.shown ?? [])],
    };
    if (quiz) {
        const snapshot = quiz.snapshot();
        const record = snapshot.progress.banks[snapshot.bank_id] ?? null;
        const results = snapshot.session?.results ?? [];
        state.quiz = {
            bank_id: snapshot.bank_id,
            session: snapshot.session
                ? {
                      answered: results.length,
                      correct: results.filter(Boolean).length,
                      question_count: snapshot.session.ids.length,
                  }
                : null,
            last_session: record?.last_session ?? null,
        };
    }
    return state;
}
