// The quiz section: sessions of questions chosen by the Leitner scheduler, immediate
// feedback with an explanation and a link to the section that teaches it, the score,
// per-topic mastery and the review schedule, progress export/import/reset, and loading
// an instructor's bank. Bank text reaches the DOM only through textContent.
import { learning_event_names, emit_learning_event } from '../events/learning_events.js';
import { parse_vector } from '../explorer/number_input.js';
import { apply_translations, format_number, has_key, language, on_language_change, t } from '../i18n/i18n.js';
import { choice_group, text_field } from './answer_inputs.js';
import builtin_bank from './bank/relu_lab_bank.json' with { type: 'json' };
import { builtin_topics, format_problem, validate_bank, validate_bank_bytes } from './bank_schema.js';
import { bank_text } from './bank_text.js';
import { render_curve_figure } from './curve_question.js';
import { prediction_inputs, run_report } from './predict_run.js';
import {
    bank_progress,
    create_progress_store,
    learner_progress_key,
    merge_bank_records,
    parse_progress_text,
    progress_storage_key,
    progress_to_text,
    with_bank_progress,
} from './progress_store.js';
import { check_attempt, make_attempt } from './question_attempt.js';
import { box_count, is_time_ms, mastery_percent, next_session, review, schedule_summary } from './scheduler.js';
import { score_of } from './scoring.js';
import { create_rng, mix_seed } from './seeded_rng.js';

const custom_bank_key = 'relu-lab.quiz.bank';
const shown_problems = 50;
const session_sizes = [5, 10, 20];

// storage: a Storage or null; storage_full: it is there but full (shell/storage.js).
// learner_id: the learner's id on a learning platform (embed/scorm.js), or null: each
// learner's progress and own bank are kept apart from everyone else's in this browser.
// flashcards: the chapters' flashcards (learn/flashcard_quiz_items.js): graded in Learn,
// they join this bank's review schedule and come back in its sessions. link_to_target:
// (page target) -> <a> or null, for each question's learn_more (learn/target_navigator.js).
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
    }
) {
    const doc = section.ownerDocument;
    const store = create_progress_store(
        storage,
        learner_id === null ? progress_storage_key : learner_progress_key(learner_id)
    );
    const bank_key =
        learner_id === null ? custom_bank_key : `${custom_bank_key}.learner.${encodeURIComponent(String(learner_id))}`;
    const loaded = store.load();
    const shipped_bank = validate_bank(builtin_bank).bank;
    const start_notice = loaded.notice ?? (storage_full ? 'quiz.storage_full_at_start' : null);
    const state = {
        bank: shipped_bank,
        custom: false,
        graded_by_platform: false, // a learning platform takes scores of the shipped bank only
        progress: loaded.progress,
        notice: start_notice ? { key: start_notice } : null,
        session: null, // { id, seed, ids, index, results, attempt, outcome, response, finished }
        bank_message: null, // { key, params, problems }
        reset_asked: false,
    };
    restore_custom_bank();

    section.querySelector('.loading')?.remove();
    const root = doc.createElement('div');
    root.className = 'quiz';
    root.innerHTML = template();
    section.appendChild(root);
    const $ = (selector) => root.querySelector(selector);
    let curve_figure = null;

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
        start_session(Number(size_select.value));
    });
    $('#quiz-again').addEventListener('click', () => {
        state.session = null;
        render();
        size_select.focus();
    });

    function start_session(size) {
        const seed = new_seed();
        const ids = review_ids();
        const fresh_order = create_rng(seed).shuffled(ids);
        const chosen = next_session(record().schedule, fresh_order, now(), size);
        $('#quiz-announcer').textContent = '';
        state.session = {
            id: `s${seed.toString(36)}`,
            seed,
            ids: chosen,
            index: 0,
            results: [],
            attempt: null,
            outcome: null,
            response: null,
            finished: false,
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
    let answer_ui = null;
    $('#quiz-answer-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const s = state.session;
        if (!s || s.outcome) return;
        const read = answer_ui.read();
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
        const q = s.attempt.question;
        const rec = record();
        save_record({ ...rec, schedule: review(rec.schedule, q.id, s.outcome.correct, now()) });
        const score = score_of(s.results);
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
        save_record({ ...record(), last_session: { ...score, finished_ms: now() } });
        emit_learning_event(learning_event_names.quiz_completed, {
            session_id: s.id,
            bank_id: state.bank.id,
            ...score,
        });
        render();
        $('#quiz-announcer').textContent = t('quiz.summary_score', score);
        $('#quiz-summary-title').focus();
    });

    function render_question() {
        const s = state.session;
        const q = s.attempt.question;
        curve_figure?.destroy();
        curve_figure = null;
        $('#quiz-counter').textContent = t('quiz.question_counter', { index: s.index + 1, count: s.ids.length });
        $('#quiz-topic').textContent = t('quiz.topic_label', { topic: topic_label(q.topic) });
        const score = score_of(s.results);
        $('#quiz-running-score').textContent = t('quiz.score_so_far', {
            score: score.score,
            answered: score.max_score,
        });
        $('#quiz-prompt').textContent = fill_placeholders(bank_text(q.prompt), s.attempt.values);

        const body = $('#quiz-answer-body');
        body.replaceChildren();
        if (q.type === 'which_curve') curve_figure = render_curve_figure(body, q.curve, relu_lab);
        answer_ui = answer_inputs(s.attempt);
        body.appendChild(answer_ui.element);
        $('#quiz-form-error').hidden = true;
        const submit = $('#quiz-check');
        submit.textContent = t(q.type === 'predict_run' ? 'quiz.run_and_compare' : 'quiz.check');
        submit.hidden = Boolean(s.outcome);
        const next = $('#quiz-next');
        next.hidden = !s.outcome;
        next.textContent = t(s.index + 1 < s.ids.length ? 'quiz.next' : 'quiz.finish');
        render_feedback();
    }

    function answer_inputs(attempt) {
        const q = attempt.question;
        const order = attempt.choice_order;
        const choices = (kind, labels, to_response, from_outcome) => {
            const group = choice_group(doc, {
                kind,
                legend: t(
                    kind === 'radio'
                        ? q.type === 'which_curve'
                            ? 'quiz.curve_legend'
                            : 'quiz.choose_one'
                        : 'quiz.choose_all'
                ),
                options: labels.map((label) => ({ label })),
            });
            return {
                element: group.element,
                read() {
                    const picked = group.selected();
                    if (picked.length === 0)
                        return { error: 'quiz.error_no_choice', focus: group.element.querySelector('input') };
                    return { response: to_response(picked) };
                },
                mark(outcome, response) {
                    const [right, given] = from_outcome(outcome, response);
                    group.mark(right, given);
                },
            };
        };
        switch (q.type) {
            case 'single_choice':
                return choices(
                    'radio',
                    order.map((i) => bank_text(q.choices[i])),
                    ([p]) => ({ choice: order[p] }),
                    (o, r) => [[order.indexOf(o.expected)], [order.indexOf(r.choice)]]
                );
            case 'multiple_select':
                return choices(
                    'checkbox',
                    order.map((i) => bank_text(q.choices[i])),
                    (picked) => ({ choices: picked.map((p) => order[p]) }),
                    (o, r) => [o.expected.map((i) => order.indexOf(i)), r.choices.map((i) => order.indexOf(i))]
                );
            case 'true_false':
                return choices(
                    'radio',
                    [t('quiz.true'), t('quiz.false')],
                    ([p]) => ({ value: p === 0 }),
                    (o, r) => [[o.expected ? 0 : 1], [r.value ? 0 : 1]]
                );
            case 'which_curve':
                return choices(
                    'radio',
                    order.map((name) => t(`explorer.names.${name}`)),
                    ([p]) => ({ choice: order[p] }),
                    (o, r) => [[order.indexOf(o.expected)], [order.indexOf(r.choice)]]
                );
            case 'predict_run':
                return prediction_inputs(doc, q);
            case 'flashcard':
                return flashcards.inputs(doc, q);
            case 'numeric': {
                const field = text_field(doc, { label: t('quiz.numeric_label') });
                return {
                    element: field.element,
                    read() {
                        const parsed = parse_vector(field.value());
                        if (parsed.error) {
                            field.show_error(t(parsed.error.key, parsed.error.params));
                            return { error: true, focus: field.input };
                        }
                        field.show_error(null);
                        return { response: { values: parsed.values, text: field.value() } };
                    },
                    mark(_outcome, response) {
                        field.show_submitted(response.text);
                    },
                };
            }
            default:
                throw new Error(`unknown question type: ${q.type}`);
        }
    }

    function render_feedback() {
        const s = state.session;
        const box = $('#quiz-feedback');
        box.replaceChildren(); // the region itself stays, so screen readers hear what comes next
        if (!s.outcome) return;
        const q = s.attempt.question;
        answer_ui.mark(s.outcome, s.response);
        const verdict = paragraph(t(s.outcome.correct ? 'quiz.correct' : 'quiz.incorrect'), 'quiz-verdict');
        verdict.dataset.correct = String(s.outcome.correct);
        box.appendChild(verdict);
        if (q.type === 'predict_run')
            for (const line of run_report(q, s.outcome, s.response)) box.appendChild(paragraph(line));
        if (q.type === 'numeric' && !s.outcome.correct)
            box.appendChild(
                paragraph(
                    t('quiz.your_answer', {
                        answer: show_value(s.response.values.length === 1 ? s.response.values[0] : s.response.values),
                    })
                )
            );
        const expected = expected_text(q, s.outcome);
        if (expected) box.appendChild(paragraph(t('quiz.expected_answer', { answer: expected })));
        box.appendChild(paragraph(bank_text(q.explanation), 'quiz-explanation'));
        const link = (q.learn_more && link_to_target?.(q.learn_more)) || section_link(q.section);
        if (link) {
            const p = doc.createElement('p');
            p.appendChild(link);
            box.appendChild(p);
        }
    }

    function expected_text(q, outcome) {
        switch (q.type) {
            case 'single_choice':
                return bank_text(q.choices[q.answer]);
            case 'multiple_select':
                return q.answer.map((i) => bank_text(q.choices[i])).join(' · ');
            case 'true_false':
                return t(q.answer ? 'quiz.true' : 'quiz.false');
            case 'numeric':
                return show_value(outcome.expected);
            case 'which_curve':
                return t(`explorer.names.${q.curve.activation}`);
            case 'predict_run':
                if (q.prediction.kind === 'number') return null; // the run report says it
                return outcome.expected >= 0 ? bank_text(q.prediction.choices[outcome.expected].text) : null;
            default:
                return null;
        }
    }

    // A link only to a section that exists in this page (labs and trainer come later).
    function section_link(section_id) {
        if (!section_id) return null;
        const target = doc.getElementById(section_id);
        // Not to a section an embedding hides (embed/page_policy.js): the link would lead nowhere.
        if (!target || target.tagName !== 'SECTION' || target === section || target.hasAttribute('data-embed-hidden'))
            return null;
        const a = doc.createElement('a');
        a.href = `#${section_id}`;
        a.textContent = t('quiz.learn_more', {
            section: has_key(`${section_id}.nav`) ? t(`${section_id}.nav`) : section_id,
        });
        return a;
    }

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

    function render_progress() {
        const rec = record();
        const last = rec.last_session;
        $('#quiz-last-session').textContent = last
            ? t('quiz.last_session', { ...last, date: format_date(last.finished_ms) })
            : t('quiz.no_session_yet');

        const topics = [...new Set([...builtin_topics, ...state.bank.questions.map((q) => q.topic)])];
        const rows = [];
        for (const topic of topics) {
            const ids = state.bank.questions.filter((q) => q.topic === topic).map((q) => q.id);
            if (ids.length === 0) continue;
            let right = 0;
            let wrong = 0;
            for (const id of ids) {
                const card = Object.hasOwn(rec.schedule.cards, id) ? rec.schedule.cards[id] : null;
                right += card?.right ?? 0;
                wrong += card?.wrong ?? 0;
            }
            rows.push({ topic, count: ids.length, right, wrong, mastery: mastery_percent(rec.schedule, ids) });
        }
        const tbody = $('#quiz-mastery tbody');
        tbody.replaceChildren();
        for (const row of rows) {
            const tr = doc.createElement('tr');
            tr.dataset.topic = row.topic;
            tr.appendChild(cell('th', topic_label(row.topic)));
            tr.appendChild(cell('td', format_number(row.count)));
            tr.appendChild(cell('td', format_number(row.right)));
            tr.appendChild(cell('td', format_number(row.wrong)));
            const mastery = cell('td', '');
            const bar = doc.createElement('progress');
            bar.max = 100;
            bar.value = row.mastery;
            bar.setAttribute('aria-hidden', 'true');
            const text = doc.createElement('span');
            text.textContent = t('quiz.mastery_value', { percent: row.mastery });
            mastery.append(bar, text);
            tr.appendChild(mastery);
            tbody.appendChild(tr);
        }

        const summary = schedule_summary(rec.schedule, review_ids(), now());
        const schedule_body = $('#quiz-schedule tbody');
        schedule_body.replaceChildren();
        for (let box = 0; box <= box_count; box++) {
            const tr = doc.createElement('tr');
            tr.dataset.box = String(box);
            tr.appendChild(cell('th', t(box === 0 ? 'quiz.box_new' : `quiz.box_${box}`)));
            tr.appendChild(cell('td', format_number(summary.per_box[box])));
            schedule_body.appendChild(tr);
        }
        $('#quiz-due').textContent = [
            t('quiz.due_now', { count: summary.due_now }),
            summary.next_due_ms !== null ? t('quiz.next_due', { date: format_date(summary.next_due_ms) }) : '',
        ]
            .filter(Boolean)
            .join(' ');
        $('#quiz-start-status').textContent = t('quiz.start_status', { due: summary.due_now, new: summary.new_cards });
        $('#quiz-reset-confirm').hidden = !state.reset_asked;
        const notice = $('#quiz-storage-notice');
        notice.hidden = !state.notice;
        notice.textContent = state.notice ? t(state.notice.key, state.notice.params) : '';
    }

    $('#quiz-export').addEventListener('click', () => {
        const blob = new Blob([progress_to_text(state.progress)], { type: 'application/json' });
        const url = URL.createObjectURL(blob);
        const a = doc.createElement('a');
        a.href = url;
        a.download = 'relu-lab-quiz-progress.json';
        doc.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
    $('#quiz-import').addEventListener('change', async (event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (!file) return;
        const parsed = parse_progress_text(await file.text());
        if (parsed.progress) {
            state.progress = parsed.progress;
            state.notice =
                store.save(state.progress) || !store.available
                    ? { key: 'quiz.imported' }
                    : { key: store.last_save_problem() };
        } else state.notice = { key: parsed.problem };
        render();
    });
    $('#quiz-reset').addEventListener('click', () => {
        state.reset_asked = true;
        render();
        $('#quiz-reset-no').focus();
    });
    $('#quiz-reset-no').addEventListener('click', () => {
        state.reset_asked = false;
        render();
        $('#quiz-reset').focus();
    });
    $('#quiz-reset-yes').addEventListener('click', () => {
        state.reset_asked = false;
        const banks = { ...state.progress.banks };
        delete banks[state.bank.id];
        state.progress = { ...state.progress, banks };
        store.save(state.progress);
        state.notice = { key: 'quiz.reset_done' };
        emit_learning_event(learning_event_names.quiz_progress_reset, { bank_id: state.bank.id });
        render();
        $('#quiz-reset').focus();
    });

    // --- instructor banks ---------------------------------------------------------
    // Returns the list of problems ([] when the bank is now in use).
    function use_bank_value(validated, { remember_text = null } = {}) {
        if (validated.problems.length) {
            state.bank_message = {
                key: 'quiz.bank_refused',
                params: { count: validated.problems.length },
                problems: validated.problems,
            };
            render();
            return validated.problems;
        }
        state.bank = validated.bank;
        state.custom = true;
        state.session = null;
        state.bank_message = {
            key: 'quiz.bank_loaded',
            params: { title: bank_text(validated.bank.title), count: validated.bank.questions.length },
            problems: [],
        };
        if (remember_text !== null) {
            try {
                storage?.setItem(bank_key, remember_text);
            } catch {
                // Too big or no storage: the bank holds for this visit.
            }
        }
        render();
        return [];
    }

    function restore_custom_bank() {
        let text = null;
        try {
            text = storage?.getItem(bank_key) ?? null;
        } catch {
            text = null;
        }
        if (text === null) return;
        const validated = validate_bank_bytes(new TextEncoder().encode(text));
        if (validated.problems.length === 0) {
            state.bank = validated.bank;
            state.custom = true;
        } else {
            // Stored by an older version, or edited by hand: say so, use the built-in bank.
            state.bank_message = {
                key: 'quiz.bank_refused',
                params: { count: validated.problems.length },
                problems: validated.problems,
            };
        }
    }

    $('#quiz-bank-file').addEventListener('change', async (event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (!file) return;
        const bytes = new Uint8Array(await file.arrayBuffer());
        const validated = validate_bank_bytes(bytes);
        use_bank_value(validated, {
            remember_text: validated.problems.length ? null : new TextDecoder().decode(bytes),
        });
    });
    $('#quiz-bank-builtin').addEventListener('click', () => {
        state.bank = shipped_bank;
        state.custom = false;
        state.session = null;
        state.bank_message = null;
        try {
            storage?.removeItem(bank_key);
        } catch {
            // Nothing stored.
        }
        render();
        $('#quiz-bank-file').focus();
    });

    function render_bank_panel() {
        const bank_line = t('quiz.bank_label', {
            title: bank_text(state.bank.title),
            count: state.bank.questions.length,
        });
        $('#quiz-bank-name').textContent = bank_line;
        $('#quiz-bank-name-start').textContent = bank_line;
        $('#quiz-bank-builtin').hidden = !state.custom;
        $('#quiz-bank-practice').hidden = !(state.custom && state.graded_by_platform);
        const box = $('#quiz-bank-message');
        box.replaceChildren();
        const message = state.bank_message;
        box.hidden = !message;
        if (!message) return;
        box.appendChild(paragraph(t(message.key, message.params)));
        if (message.problems.length) {
            const list = doc.createElement('ul');
            for (const problem of message.problems.slice(0, shown_problems)) {
                const li = doc.createElement('li');
                li.textContent = format_problem(problem);
                list.appendChild(li);
            }
            box.appendChild(list);
            if (message.problems.length > shown_problems)
                box.appendChild(
                    paragraph(t('quiz.bank_more_problems', { count: message.problems.length - shown_problems }))
                );
        }
    }

    // --- all ----------------------------------------------------------------------
    function render() {
        apply_translations(root);
        const s = state.session;
        $('#quiz-start').hidden = Boolean(s);
        $('#quiz-question').hidden = !s || s.finished;
        $('#quiz-summary').hidden = !s?.finished;
        if (s && !s.finished) render_question();
        else {
            curve_figure?.destroy();
            curve_figure = null;
        }
        if (s?.finished) {
            const score = score_of(s.results);
            $('#quiz-summary-score').textContent = t('quiz.summary_score', score);
            $('#quiz-summary-practice').hidden = !(state.custom && state.graded_by_platform);
        }
        render_progress();
        render_bank_panel();
    }

    function format_date(ms) {
        // Stored times are checked where they come in; a date Date cannot hold would throw here.
        if (!is_time_ms(ms)) return '—';
        return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
    }

    function paragraph(text, class_name) {
        const p = doc.createElement('p');
        if (class_name) p.className = class_name;
        p.textContent = text;
        return p;
    }

    function cell(tag, text) {
        const c = doc.createElement(tag);
        if (tag === 'th') c.scope = 'row';
        c.textContent = text;
        return c;
    }

    render();
    on_language_change(render); // after the first render: a quiz that failed to start leaves no listener behind

    return {
        // For the embedding (a bank from its configuration) and for tests.
        use_bank: (value) =>
            use_bank_value(
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
                    },
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

// Values drawn for an attempt fill the prompt's {placeholders}.
export function fill_placeholders(text, values) {
    return text.replace(/\{(\w+)\}/g, (whole, name) =>
        Object.hasOwn(values, name) && values[name] !== undefined ? show_value(values[name]) : whole
    );
}

// A number in the learner's format, a vector as [a; b; c] (the semicolon stays clear of
// decimal commas). -0 shows as 0.
export function show_value(value) {
    if (Array.isArray(value))
        return `[${value.map((v) => format_number(v + 0, { maximum_fraction_digits: 6 })).join('; ')}]`;
    return format_number(value + 0, { maximum_fraction_digits: 6 });
}

function random_seed() {
    return globalThis.crypto.getRandomValues(new Uint32Array(1))[0];
}

// Static structure; every text is a data-i18n key.
function template() {
    return `
    <p id="quiz-storage-notice" class="notice quiz-notice" role="status" hidden></p>
    <p id="quiz-announcer" class="quiz-visually-hidden" role="status" aria-live="polite"></p>
    <div class="quiz-layout">
      <div class="quiz-main">
        <form id="quiz-start" class="card quiz-start">
          <p id="quiz-bank-name-start" class="quiz-bank-line"></p>
          <p id="quiz-start-status"></p>
          <div class="quiz-start-row">
            <span class="quiz-session-size" data-control="quiz_session_size"><label for="quiz-session-size" data-i18n="quiz.session_size"></label>
            <select id="quiz-session-size"></select></span>
            <button type="submit" class="primary" data-i18n="quiz.start"></button>
          </div>
        </form>
        <article id="quiz-question" class="card quiz-question" hidden>
          <p class="quiz-meta"><span id="quiz-counter"></span> · <span id="quiz-topic"></span> · <span id="quiz-running-score"></span></p>
          <h3 id="quiz-prompt" tabindex="-1"></h3>
          <form id="quiz-answer-form" novalidate>
            <div id="quiz-answer-body"></div>
            <p id="quiz-form-error" class="field-error" role="alert" hidden></p>
            <button type="submit" id="quiz-check" class="primary"></button>
          </form>
          <div id="quiz-feedback" class="quiz-feedback" role="status" aria-live="polite"></div>
          <button type="button" id="quiz-next" class="primary" hidden></button>
        </article>
        <article id="quiz-summary" class="card quiz-summary" hidden>
          <h3 id="quiz-summary-title" tabindex="-1" data-i18n="quiz.summary_title"></h3>
          <p id="quiz-summary-score"></p>
          <p id="quiz-summary-practice" class="quiz-note" data-i18n="quiz.bank_practice_only" hidden></p>
          <button type="button" id="quiz-again" data-i18n="quiz.summary_next"></button>
        </article>
      </div>
      <div class="quiz-side">
        <article class="card quiz-progress">
          <h3 data-i18n="quiz.progress_title"></h3>
          <p id="quiz-last-session"></p>
          <div class="table-scroll">
            <table id="quiz-mastery">
              <caption data-i18n="quiz.mastery_caption"></caption>
              <thead><tr><th scope="col" data-i18n="quiz.col_topic"></th><th scope="col" data-i18n="quiz.col_questions"></th><th scope="col" data-i18n="quiz.col_right"></th><th scope="col" data-i18n="quiz.col_wrong"></th><th scope="col" data-i18n="quiz.col_mastery"></th></tr></thead>
              <tbody></tbody>
            </table>
          </div>
          <p class="quiz-note" data-i18n="quiz.mastery_note"></p>
          <div class="table-scroll">
            <table id="quiz-schedule">
              <caption data-i18n="quiz.schedule_caption"></caption>
              <thead><tr><th scope="col" data-i18n="quiz.col_box"></th><th scope="col" data-i18n="quiz.col_cards"></th></tr></thead>
              <tbody></tbody>
            </table>
          </div>
          <p class="quiz-note" data-i18n="quiz.schedule_note"></p>
          <p id="quiz-due"></p>
          <div class="quiz-buttons" data-control="quiz_progress_tools">
            <button type="button" id="quiz-export" data-i18n="quiz.export"></button>
            <label class="file-button"><span data-i18n="quiz.import"></span> <input type="file" id="quiz-import" accept=".json,application/json"></label>
            <button type="button" id="quiz-reset" data-i18n="quiz.reset"></button>
          </div>
          <div id="quiz-reset-confirm" class="quiz-confirm" role="alertdialog" aria-labelledby="quiz-reset-text" hidden>
            <p id="quiz-reset-text" data-i18n="quiz.reset_confirm"></p>
            <button type="button" id="quiz-reset-yes" data-i18n="quiz.reset_yes"></button>
            <button type="button" id="quiz-reset-no" data-i18n="quiz.reset_no"></button>
          </div>
        </article>
        <article class="card quiz-bank" data-control="quiz_bank">
          <h3 data-i18n="quiz.bank_title"></h3>
          <p id="quiz-bank-name"></p>
          <p data-i18n="quiz.bank_intro"></p>
          <label class="file-button"><span data-i18n="quiz.bank_load"></span> <input type="file" id="quiz-bank-file" accept=".json,application/json"></label>
          <button type="button" id="quiz-bank-builtin" data-i18n="quiz.bank_builtin" hidden></button>
          <p id="quiz-bank-practice" class="quiz-note" data-i18n="quiz.bank_practice_only" hidden></p>
          <div id="quiz-bank-message" class="quiz-bank-message" role="alert" hidden></div>
        </article>
      </div>
    </div>`;
}
