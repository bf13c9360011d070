// The quiz section: sessions of questions chosen by the Leitner scheduler (or by an
// instructor's rules, quiz_settings.js), immediate feedback with an explanation and a
// link to the section that teaches it, the score, the end summary, and the panels for
// progress (progress_panel.js) and instructor banks (bank_panel.js). Bank text reaches
// the DOM only through textContent.
import { learning_event_names, emit_learning_event } from '../events/learning_events.js';
import { apply_translations, on_language_change, t } from '../i18n/i18n.js';
import builtin_bank from './bank/relu_lab_bank.json' with { type: 'json' };
import { bank_panel } from './bank_panel.js';
import { builtin_topics, validate_bank, validate_bank_bytes } from './bank_schema.js';
import { bank_text } from './bank_text.js';
import { render_end_summary } from './end_summary.js';
import { mount_progress_panel } from './progress_panel.js';
import { question_view } from './question_view.js';
import {
    bank_progress,
    create_progress_store,
    learner_progress_key,
    merge_bank_records,
    progress_storage_key,
    sanitize_attempts,
    with_attempt_score,
    with_bank_progress,
} from './progress_store.js';
import { check_attempt, make_attempt } from './question_attempt.js';
import { fill_placeholders, show_value } from './quiz_numbers.js';
import { attempts_state, choose_session_ids, counted_percent, session_size } from './quiz_rules.js';
import { has_quiz_settings, merge_quiz_settings } from './quiz_settings.js';
import { render_start_form } from './rules_box.js';
import { review, schedule_summary } from './scheduler.js';
import { score_of } from './scoring.js';
import { mix_seed } from '../common/seeded_rng.js';
import { quiz_template } from './quiz_template.js';

export { fill_placeholders, show_value };

const custom_bank_key = 'relu-lab.quiz.bank';
const session_sizes = [5, 10, 20];

// storage: a Storage or null; storage_full: it is there but full (shell/storage.js).
// learner_id: the learner's id on a learning platform (embed/scorm.js), or null: each
// learner's progress and own bank are kept apart from everyone else's in this browser.
// flashcards: the chapters' flashcards (learn/flashcard_quiz_items.js): graded in Learn,
// they join this bank's review schedule and come back in its sessions. link_to_target:
// (page target) -> <a> or null, for each question's learn_more (learn/target_navigator.js).
// settings: an instructor's rules (quiz_settings.js), as the embedding read them from the
// address and the package (embed/embed.js); by default none.
export function mount_quiz(
    section,
    {
        relu_lab,
        storage,
        storage_full = false,
        learner_id = null,
        now = () => Date.now(),
        new_seed = random_seed,
        flashcards = null,
        link_to_target = null,
        settings = null,
    }
) {
    const doc = section.ownerDocument;
    const store = create_progress_store(
        storage,
        learner_id === null ? progress_storage_key : learner_progress_key(learner_id)
    );
    const loaded = store.load();
    const shipped_bank = validate_bank(builtin_bank).bank;
    const start_notice = loaded.notice ?? (storage_full ? 'quiz.storage_full_at_start' : null);
    const state = {
        bank: shipped_bank,
        custom: false,
        graded_by_platform: false, // a learning platform takes scores of the shipped bank only
        settings: settings ?? merge_quiz_settings(null, null),
        platform_mastery: null, // a platform's own mastery score wins over the settings'
        progress: loaded.progress,
        notice: start_notice ? { key: start_notice } : null,
        // { id, seed, ids, index, results, answered, attempt, outcome, response, finished, graded, attempt_number }
        session: null,
        bank_message: null, // { key, params, problems }
        reset_asked: false,
    };
    // The pieces the panels share.
    const quiz = {
        doc,
        state,
        store,
        storage,
        shipped_bank,
        bank_key:
            learner_id === null
                ? custom_bank_key
                : `${custom_bank_key}.learner.${encodeURIComponent(String(learner_id))}`,
        now,
        record,
        review_ids,
        topic_label,
        has_rules: () => has_rules(),
        render: () => render(),
    };
    const banks = bank_panel(quiz);
    banks.restore_custom_bank();

    section.querySelector('.loading')?.remove();
    const root = doc.createElement('div');
    root.className = 'quiz';
    root.innerHTML = quiz_template();
    section.appendChild(root);
    const $ = (selector) => root.querySelector(selector);
    quiz.$ = $;
    banks.wire();
    const progress_panel = mount_progress_panel(quiz);
    const question = question_view(quiz, { section, relu_lab, flashcards, link_to_target });

    // --- rules ------------------------------------------------------------------
    const mastery_percent = () => state.platform_mastery ?? state.settings.mastery;
    const graded_attempts = () => record().attempts ?? [];
    const attempts_now = () => attempts_state(graded_attempts().length, state.settings.attempts);
    // Whether the learner sees rules at all: an instructor set some, or a platform grades.
    const has_rules = () => has_quiz_settings(state.settings) || state.graded_by_platform;
    const size_now = () => session_size(state.settings, Number(size_select.value));

    // --- start ----------------------------------------------------------------
    const size_select = $('#quiz-session-size');
    for (const size of session_sizes) {
        const option = doc.createElement('option');
        option.value = String(size);
        option.textContent = String(size);
        size_select.appendChild(option);
    }
    size_select.value = '5';
    $('#quiz-start').addEventListener('submit', (event) => {
        event.preventDefault();
        start_session(size_now().size);
    });
    $('#quiz-again').addEventListener('click', () => {
        state.session = null;
        render();
        (size_now().fixed ? $('#quiz-start-button') : size_select).focus();
    });

    function start_session(size) {
        const attempts = attempts_now();
        const graded = !attempts.exhausted;
        // The instructor's seed for graded attempts: the same questions for everyone.
        const fixed = graded && state.settings.seed !== null;
        const seed = fixed ? state.settings.seed : new_seed();
        const chosen = choose_session_ids({
            questions: state.bank.questions,
            extra_ids: review_ids().slice(state.bank.questions.length),
            schedule: record().schedule,
            now_ms: now(),
            size,
            topics: state.settings.topics,
            seed,
            fixed,
        });
        $('#quiz-announcer').textContent = '';
        // A graded attempt counts from its start (progress_store.js with_attempt_score).
        const started_ms = now();
        if (graded) {
            const rec = record();
            const opened = { score: 0, max_score: chosen.length, percent: 0, finished_ms: started_ms };
            save_record({ ...rec, attempts: sanitize_attempts([...(rec.attempts ?? []), opened]) });
        }
        state.session = {
            id: `s${seed.toString(36)}${fixed ? `-${attempts.used + 1}` : ''}`,
            seed,
            ids: chosen,
            index: 0,
            results: [],
            answered: [],
            attempt: null,
            outcome: null,
            response: null,
            finished: false,
            graded,
            attempt_number: attempts.used + 1,
            started_ms,
        };
        emit_learning_event(learning_event_names.quiz_started, {
            session_id: state.session.id,
            bank_id: state.bank.id,
            question_count: chosen.length,
        });
        open_question();
    }

    function question_by_id(id) {
        return state.bank.questions.find((q) => q.id === id) ?? flashcards?.question(id) ?? null;
    }

    // The bank's questions, and the flashcards the learner has graded in Learn (a card
    // never graded stays out of the quiz; self-graded cards stay out of a session that a
    // learning platform grades).
    function review_ids() {
        const cards = record().schedule.cards;
        const graded_cards = state.graded_by_platform
            ? []
            : (flashcards?.ids() ?? []).filter((id) => Object.hasOwn(cards, id));
        return [...state.bank.questions.map((q) => q.id), ...graded_cards];
    }

    function open_question() {
        const s = state.session;
        s.attempt = make_attempt(question_by_id(s.ids[s.index]), mix_seed(s.seed, s.index + 1), relu_lab);
        s.outcome = null;
        s.response = null;
        s.shown_ms = now(); // for the answer's latency (learning platforms record it)
        render();
        $('#quiz-prompt').focus();
    }

    // --- one question ----------------------------------------------------------
    $('#quiz-answer-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const s = state.session;
        if (!s || s.outcome) return;
        const read = question.read();
        const form_error = $('#quiz-form-error');
        if (read.error) {
            form_error.textContent = typeof read.error === 'string' ? t(read.error) : '';
            form_error.hidden = typeof read.error !== 'string';
            read.focus?.focus();
            return;
        }
        form_error.hidden = true;
        s.response = read.response;
        s.outcome =
            s.attempt.question.type === 'flashcard'
                ? flashcards.check(s.attempt.question, read.response)
                : check_attempt(s.attempt, read.response, relu_lab);
        s.results.push(s.outcome.correct);
        s.answered.push({ attempt: s.attempt, response: s.response, outcome: s.outcome });
        const q = s.attempt.question;
        const rec = record();
        const score = score_of(s.results);
        save_record({
            ...rec,
            schedule: review(rec.schedule, q.id, s.outcome.correct, now()),
            ...(s.graded ? { attempts: with_attempt_score(rec.attempts ?? [], s.started_ms, score.score) } : {}),
        });
        emit_learning_event(learning_event_names.quiz_answered, {
            session_id: s.id,
            bank_id: state.bank.id,
            question_id: q.id,
            topic: q.topic,
            type: q.type,
            correct: s.outcome.correct,
            score_so_far: score.score,
            answered_so_far: s.results.length,
            question_count: s.ids.length,
            graded: s.graded,
            // For learning platforms (embed/answer_record.js); an object, so it is not posted to a parent page.
            answer: Object.freeze({
                response: s.response,
                expected: s.outcome.expected ?? null,
                prompt: fill_placeholders(bank_text(q.prompt), s.attempt.values),
                latency_ms: now() - s.shown_ms,
            }),
        });
        emit_learning_event(learning_event_names.quiz_score, {
            session_id: s.id,
            bank_id: state.bank.id,
            ...score,
            max_score: s.ids.length,
            percent: Math.round((100 * score.score) / s.ids.length),
        });
        render();
        $('#quiz-next').focus();
    });

    $('#quiz-next').addEventListener('click', () => {
        const s = state.session;
        if (!s?.outcome) return;
        if (s.index + 1 < s.ids.length) {
            s.index++;
            open_question();
            return;
        }
        s.finished = true;
        const score = score_of(s.results);
        const finished = { ...score, finished_ms: now() };
        const rec = record();
        const attempts = rec.attempts ?? []; // this one's score is in since its last answer
        save_record({ ...rec, last_session: finished });
        emit_learning_event(learning_event_names.quiz_completed, {
            session_id: s.id,
            bank_id: state.bank.id,
            ...score,
            // Which score a platform reports (quiz_settings counts: best, last or mean of
            // the graded attempts); a practice session after the last attempt is not reported.
            graded: s.graded,
            attempt_number: s.attempt_number,
            counts: state.settings.counts,
            counted_percent: counted_percent(attempts, state.settings.counts),
        });
        render();
        $('#quiz-announcer').textContent = t('quiz.summary_score', score);
        $('#quiz-summary-title').focus();
    });

    // --- progress ---------------------------------------------------------------
    function record() {
        return bank_progress(state.progress, state.bank.id);
    }

    function save_record(next) {
        state.progress = with_bank_progress(state.progress, state.bank.id, next);
        save_progress();
    }

    // The progress stays in memory for this visit whatever happens; a failed save says why.
    function save_progress() {
        const saved = store.save(state.progress);
        if (!saved && store.available) state.notice = { key: store.last_save_problem() };
        return saved;
    }

    function topic_label(topic) {
        if (builtin_topics.includes(topic)) return t(`quiz.topics.${topic}`);
        return bank_text(state.bank.topics?.[topic]) || topic;
    }

    // --- all ----------------------------------------------------------------------
    function render() {
        apply_translations(root);
        const s = state.session;
        $('#quiz-start').hidden = Boolean(s);
        $('#quiz-question').hidden = !s || s.finished;
        $('#quiz-summary').hidden = !s?.finished;
        if (!s)
            render_start_form(quiz, {
                size: size_now(),
                attempts: attempts_now(),
                shown: has_rules(),
                counted_percent: counted_percent(graded_attempts(), state.settings.counts),
                mastery_percent: mastery_percent(),
            });
        if (s && !s.finished) question.render();
        else question.clear();
        if (s?.finished) {
            const score = score_of(s.results);
            $('#quiz-summary-score').textContent = t('quiz.summary_score', score);
            $('#quiz-summary-practice').hidden = !(state.custom && state.graded_by_platform);
            render_end_summary(quiz, {
                session: s,
                grading: {
                    show: has_rules(),
                    attempts_allowed: state.settings.attempts,
                    counts: state.settings.counts,
                    counted_percent: counted_percent(graded_attempts(), state.settings.counts),
                    mastery_percent: mastery_percent(),
                },
                review: schedule_summary(record().schedule, review_ids(), now()),
                link_for: question.link_for,
            });
        }
        progress_panel.render();
        banks.render();
    }

    render();
    on_language_change(render); // after the first render: a quiz that failed to start leaves no listener behind

    return {
        // For the embedding (a bank from its configuration) and for tests.
        use_bank: (value) =>
            banks.use_bank_value(
                typeof value === 'string' ? validate_bank_bytes(new TextEncoder().encode(value)) : validate_bank(value)
            ),
        snapshot: () =>
            JSON.parse(
                JSON.stringify({
                    bank_id: state.bank.id,
                    progress: state.progress,
                    session: state.session && {
                        ids: state.session.ids,
                        index: state.session.index,
                        results: state.session.results,
                        graded: state.session.graded,
                    },
                    settings: state.settings,
                })
            ),
        // For a learning platform (embed/scorm.js): the bank shipped in the package is the
        // one graded; the record of any bank; a platform's copy of a record merged with this
        // browser's card by card (newer wins), kept in storage too.
        shipped_bank_id: shipped_bank.id,
        in_shipped_bank: () => !state.custom,
        bank_record: (bank_id) => bank_progress(state.progress, bank_id),
        merge_progress(bank_id, other, { resolution_ms = 1 } = {}) {
            const merged = merge_bank_records(bank_progress(state.progress, bank_id), other, { resolution_ms });
            state.progress = with_bank_progress(state.progress, bank_id, merged);
            save_progress();
            render();
            return merged;
        },
        set_graded_by_platform(graded) {
            state.graded_by_platform = graded;
            render();
        },
        // A platform's own mastery score (percent), which wins over the settings' pass mark.
        set_mastery_percent(percent) {
            state.platform_mastery = Number.isFinite(percent) ? percent : null;
            render();
        },
        // A flashcard graded in Learn: into this bank's review schedule, as an answer is.
        review_flashcard(id, knew) {
            if (!flashcards?.ids().includes(id)) return false;
            const rec = record();
            save_record({ ...rec, schedule: review(rec.schedule, id, knew === true, now()) });
            render();
            return true;
        },
    };
}

function random_seed() {
    return globalThis.crypto.getRandomValues(new Uint32Array(1))[0];
}
