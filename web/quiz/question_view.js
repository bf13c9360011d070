// One question on screen: its counter, topic, running score and mode (graded or
// practice), the prompt with its drawn values, the answer form, and after a check the
// feedback: verdict, the run's report, the right answer, the explanation and a link to
// where it is taught.
import { has_key, t } from '../i18n/i18n.js';
import { answer_view, expected_text } from './answer_views.js';
import { bank_text } from './bank_text.js';
import { render_curve_figure } from './curve_question.js';
import { run_report } from './predict_run.js';
import { paragraph } from './quiz_dom.js';
import { fill_placeholders, show_value } from './quiz_numbers.js';
import { score_of } from './scoring.js';

// quiz: the quiz's shared pieces { doc, $, state, topic_label, has_rules }; section: the
// quiz's own section (never a link target). Returns { render, read, link_for, clear }.
export function question_view(quiz, { section, relu_lab, flashcards, link_to_target }) {
    const { doc, $, state } = quiz;
    let curve_figure = null;
    let answer_ui = null;

    function render_question() {
        const s = state.session;
        const q = s.attempt.question;
        curve_figure?.destroy();
        curve_figure = null;
        $('#quiz-counter').textContent = t('quiz.question_counter', { index: s.index + 1, count: s.ids.length });
        $('#quiz-topic').textContent = t('quiz.topic_label', { topic: quiz.topic_label(q.topic) });
        const score = score_of(s.results);
        $('#quiz-running-score').textContent = t('quiz.score_so_far', {
            score: score.score,
            answered: score.max_score,
        });
        $('#quiz-mode-line').hidden = !quiz.has_rules();
        $('#quiz-mode').textContent = mode_text(s);
        $('#quiz-prompt').textContent = fill_placeholders(bank_text(q.prompt), s.attempt.values);

        const body = $('#quiz-answer-body');
        body.replaceChildren();
        if (q.type === 'which_curve') curve_figure = render_curve_figure(body, q.curve, relu_lab);
        answer_ui = answer_view(doc, s.attempt, { flashcards });
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

    function mode_text(s) {
        if (!s.graded) return t('quiz.mode_practice');
        const allowed = state.settings.attempts;
        return allowed === null
            ? t('quiz.mode_graded_unlimited', { number: s.attempt_number })
            : t('quiz.mode_graded', { number: s.attempt_number, allowed });
    }

    function render_feedback() {
        const s = state.session;
        const box = $('#quiz-feedback');
        box.replaceChildren(); // the region itself stays, so screen readers hear what comes next
        if (!s.outcome) return;
        const q = s.attempt.question;
        answer_ui.mark(s.outcome, s.response);
        const verdict = paragraph(doc, t(s.outcome.correct ? 'quiz.correct' : 'quiz.incorrect'), 'quiz-verdict');
        verdict.dataset.correct = String(s.outcome.correct);
        box.appendChild(verdict);
        if (q.type === 'predict_run')
            for (const line of run_report(q, s.outcome, s.response)) box.appendChild(paragraph(doc, line));
        if (q.type === 'numeric' && !s.outcome.correct)
            box.appendChild(
                paragraph(
                    doc,
                    t('quiz.your_answer', {
                        answer: show_value(s.response.values.length === 1 ? s.response.values[0] : s.response.values),
                    })
                )
            );
        const expected = expected_text(q, s.outcome);
        if (expected) box.appendChild(paragraph(doc, t('quiz.expected_answer', { answer: expected })));
        box.appendChild(paragraph(doc, bank_text(q.explanation), 'quiz-explanation'));
        const link = link_for(q);
        if (link) {
            const p = doc.createElement('p');
            p.appendChild(link);
            box.appendChild(p);
        }
    }

    // Where a question is taught: its learn_more target, else its section.
    function link_for(q) {
        return (q.learn_more && link_to_target?.(q.learn_more)) || section_link(q.section);
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

    function clear() {
        curve_figure?.destroy();
        curve_figure = null;
    }

    return { render: render_question, read: () => answer_ui.read(), link_for, clear };
}
