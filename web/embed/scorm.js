// SCORM run-time: when a learning platform (LMS) launched the page, its API object sits in
// a parent frame or in the window that opened us. main.js connects before the quiz mounts
// (the learner's id decides where the quiz keeps progress in this browser), then attaches
// the quiz:
//   launch      initialize; a first attempt marked incomplete; the platform's copy of the
//               progress of the bank shipped in the package (suspend_data) merged with this
//               browser's, card by card, newer wins; what the platform lacked sent back
//   each answer on the shipped bank: an interaction (what was asked and answered, the
//               correct response, right or wrong, latency, time); suspend_data updated;
//               committed at most once per commit_interval_ms, one trailing commit for the rest
//   completion  on the shipped bank only: score (the best session so far, or the one the
//               instructor's rule counts: quiz/quiz_settings.js) and status
//               against the mastery score (the platform's, else the package's). A
//               learner's own bank is practice: nothing of it reaches the platform
//   pagehide    suspend_data, session time, commit, finish
// Version specifics live in one run-time object per SCORM version (scorm2004_runtime.js,
// scorm12_runtime.js); this file speaks only of learners, progress, answers, results and
// commits. Without an LMS the page runs standalone and none of this happens.
import builtin_bank from '../quiz/bank/relu_lab_bank.json' with { type: 'json' };
import { language } from '../i18n/i18n.js';
import { answer_record, flashcard_answer } from './answer_record.js';
import { create_commit_throttle } from './commit_throttle.js';
import { page_embed_config } from './embed_config.js';
import { package_mastery_percent } from './package_options.js';
import { scorm12_runtime } from './scorm12_runtime.js';
import { scorm2004_runtime } from './scorm2004_runtime.js';
import { decode_suspend_data, encode_suspend_data } from './scorm_suspend_data.js';

const max_search_depth = 10;
// Platforms throttle or drop frequent commits; one per 10 s keeps a crash from losing more.
export const commit_interval_ms = 10_000;
// suspend_data keeps whole minutes (scorm_suspend_data.js): local times are compared at that step.
const suspend_data_resolution_ms = 60_000;
// Newest version first: an LMS that offers both is spoken to in SCORM 2004.
const runtimes = [scorm2004_runtime, scorm12_runtime];

function runtime_api_in(win) {
    for (const runtime of runtimes) {
        try {
            const api = win[runtime.api_name];
            if (runtime.is_api(api)) return { runtime, api };
        } catch {
            return null; // a cross-origin frame: not our LMS
        }
    }
    return null;
}

function runtime_api_up_from(start) {
    let win = start;
    for (let depth = 0; win && depth <= max_search_depth; depth++) {
        const found = runtime_api_in(win);
        if (found) return found;
        let parent;
        try {
            parent = win.parent;
        } catch {
            return null;
        }
        if (!parent || parent === win) return null;
        win = parent;
    }
    return null;
}

// { runtime, api } of the LMS, looked for up the frame chain, then from the opener; or null.
export function find_scorm_api(win) {
    const found = runtime_api_up_from(win);
    if (found) return found;
    try {
        return win.opener ? runtime_api_up_from(win.opener) : null;
    } catch {
        return null;
    }
}

// Whether two records hold the same cards and last session (card order aside: it follows
// answer times a platform keeps only to the minute).
function same_record(a, b) {
    const canonical = (record) =>
        JSON.stringify([
            Object.entries(record.schedule.cards).sort(([x], [y]) => (x < y ? -1 : 1)),
            record.last_session,
        ]);
    return canonical(a) === canonical(b);
}

const warn = (name, error) => console.warn(`SCORM ${name} failed:`, error); // i18n-exempt: console, for developers

// The shipped bank's questions by id: interactions describe those only (a learner's own
// bank is never graded).
const shipped_questions = new Map(builtin_bank.questions.map((q) => [q.id, q]));

// -> null (standalone) or a session { version, learner_id, attach({ quiz, learn, on_learning_event }) }.
// The clock, timers and page language can be passed in for tests.
export function connect_scorm(
    win,
    {
        now = () => Date.now(),
        set_timer = (fn, ms) => win.setTimeout(fn, ms),
        clear_timer = (id) => win.clearTimeout(id),
        page_language = language,
    } = {}
) {
    const found = find_scorm_api(win);
    if (!found) return null;
    const lms = found.runtime.open(found.api, { warn });
    if (!lms.initialize()) return null;
    const started_ms = now();
    lms.mark_started();
    const learner_id = lms.learner_id();
    const throttle = create_commit_throttle(() => lms.commit(), {
        min_interval_ms: commit_interval_ms,
        now,
        set_timer,
        clear_timer,
    });
    let quiz = null;
    let learn = null;
    let finished = false;

    const shipped_record = () => quiz.bank_record(quiz.shipped_bank_id);
    const reading = () => {
        try {
            return learn?.reading?.() ?? null;
        } catch {
            return null; // Learn failed: the quiz's progress still goes
        }
    };
    const shipped_suspend_data = () =>
        encode_suspend_data(quiz.shipped_bank_id, shipped_record(), lms.suspend_data_max_chars, { reading: reading() });

    function save_progress() {
        if (quiz) lms.write_suspend_data(shipped_suspend_data());
    }

    win.addEventListener('pagehide', () => {
        if (finished) return;
        finished = true;
        save_progress();
        lms.write_session_time(now() - started_ms);
        throttle.flush();
        lms.finish();
    });

    return {
        version: lms.version,
        learner_id,
        // quiz: what mount_quiz returns, or null when the quiz section did not start.
        // learn: what mount_learn returns, or null: its reading progress travels in
        // suspend_data too, and comes back through learn.merge_reading when it offers one.
        attach({ quiz: mounted_quiz, learn: mounted_learn = null, on_learning_event }) {
            if (!mounted_quiz) return { mode: 'lms', restored: false };
            quiz = mounted_quiz;
            learn = mounted_learn;
            quiz.set_graded_by_platform(true);
            // The platform's mastery score, else the package's, else the page address's.
            const mastery_percent =
                lms.mastery_percent() ?? package_mastery_percent(win.document) ?? page_embed_config().quiz.mastery;
            if (mastery_percent !== null) quiz.set_mastery_percent?.(mastery_percent);
            let best_percent = lms.recorded_percent();

            const platform_text = lms.read_suspend_data();
            const platform = decode_suspend_data(platform_text);
            if (platform)
                quiz.merge_progress(platform.bank_id, platform.record, { resolution_ms: suspend_data_resolution_ms });
            if (platform?.reading && typeof learn?.merge_reading === 'function') {
                try {
                    learn.merge_reading(platform.reading);
                } catch (error) {
                    warn('merge_reading', error);
                }
            }
            // This browser may hold answers the platform never got (a crash before a commit).
            const merged_text = shipped_suspend_data();
            const merged = decode_suspend_data(merged_text);
            const platform_lacks =
                merged !== null &&
                (platform?.bank_id === quiz.shipped_bank_id
                    ? !same_record(merged.record, platform.record)
                    : Object.keys(merged.record.schedule.cards).length > 0 || merged.record.last_session !== null);
            if (platform_lacks) {
                lms.write_suspend_data(merged_text);
                throttle.request();
            }

            const on_shipped_bank = () => !finished && quiz.in_shipped_bank();
            const save_and_commit = () => {
                if (!on_shipped_bank()) return;
                save_progress();
                throttle.request();
            };
            on_learning_event('quiz.answered', (event) => {
                if (!on_shipped_bank()) return;
                const record = answer_record(event, shipped_questions.get(event.question_id), {
                    at_ms: now(),
                    language: page_language(),
                });
                if (record) lms.write_interaction(record);
                save_and_commit();
            });
            // Learn's flashcards: each grade an interaction, on the shipped bank's schedule.
            on_learning_event('learn.flashcard_graded', (event) => {
                if (!on_shipped_bank()) return;
                const graded = flashcard_answer(event);
                const record =
                    graded && answer_record(graded.event, graded.question, { at_ms: now(), language: page_language() });
                if (record) lms.write_interaction(record);
                save_and_commit();
            });
            on_learning_event('quiz.progress_reset', save_and_commit);
            on_learning_event('quiz.completed', (event) => {
                if (!on_shipped_bank()) return;
                save_progress();
                // Practice after the last graded attempt is not reported. The score reported
                // follows the instructor's rule (quiz/quiz_rules.js counted_percent): the best
                // attempt only ever raises it; the last or the mean replaces it.
                if (event.graded !== false) {
                    const percent = event.counted_percent ?? event.percent;
                    const replaces = event.counts === 'last' || event.counts === 'mean';
                    if (replaces || best_percent === null || percent >= best_percent) {
                        best_percent = percent;
                        lms.write_result({
                            percent,
                            passed: mastery_percent === null ? null : percent >= mastery_percent,
                        });
                    }
                }
                throttle.request();
            });
            return { mode: 'lms', restored: Boolean(platform) };
        },
    };
}
