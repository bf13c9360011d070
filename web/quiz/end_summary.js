// The end of a session: the score, how it is graded (attempt, the score that counts,
// the pass mark), what was missed (the question, the learner's answer, the right one,
// a link to where it is taught) and when the next review is due.
import { t } from '../i18n/i18n.js';
import { response_text, summary_expected_text } from './answer_views.js';
import { bank_text } from './bank_text.js';
import { format_date, paragraph } from './quiz_dom.js';
import { fill_placeholders } from './quiz_numbers.js';

// view: { doc, $ }; session: the finished session ({ answered: [{ attempt, response,
// outcome }], graded, attempt_number }); grading: { attempts_allowed, counts,
// counted_percent, mastery_percent, show } ; review: schedule_summary() after the
// session; link_for(question) -> <a> or null.
export function render_end_summary({ doc, $ }, { session, grading, review, link_for }) {
    const grading_box = $('#quiz-summary-grading');
    grading_box.replaceChildren();
    if (grading.show) {
        if (!session.graded) grading_box.appendChild(paragraph(doc, t('quiz.summary_practice'), 'quiz-note'));
        else {
            grading_box.appendChild(
                paragraph(
                    doc,
                    grading.attempts_allowed === null
                        ? t('quiz.mode_graded_unlimited', { number: session.attempt_number })
                        : t('quiz.mode_graded', { number: session.attempt_number, allowed: grading.attempts_allowed })
                )
            );
            if (grading.counted_percent !== null)
                grading_box.appendChild(
                    paragraph(
                        doc,
                        t(`quiz.summary_counted_${grading.counts ?? 'best'}`, { percent: grading.counted_percent })
                    )
                );
            if (grading.mastery_percent !== null && grading.counted_percent !== null)
                grading_box.appendChild(
                    paragraph(
                        doc,
                        t(
                            grading.counted_percent >= grading.mastery_percent
                                ? 'quiz.summary_passed'
                                : 'quiz.summary_not_passed',
                            {
                                percent: grading.mastery_percent,
                            }
                        )
                    )
                );
        }
    }

    const missed = session.answered.filter((a) => !a.outcome.correct);
    $('#quiz-missed-title').textContent = t(missed.length ? 'quiz.missed_title' : 'quiz.missed_none');
    const list = $('#quiz-missed-list');
    list.replaceChildren();
    list.hidden = missed.length === 0;
    for (const { attempt, response, outcome } of missed) {
        const q = attempt.question;
        const li = doc.createElement('li');
        li.dataset.questionId = q.id;
        li.appendChild(paragraph(doc, fill_placeholders(bank_text(q.prompt), attempt.values), 'quiz-missed-prompt'));
        li.appendChild(
            paragraph(doc, t('quiz.your_answer', { answer: response_text(q, response) }), 'quiz-missed-given')
        );
        li.appendChild(
            paragraph(
                doc,
                t('quiz.expected_answer', { answer: summary_expected_text(q, outcome) }),
                'quiz-missed-right'
            )
        );
        const link = link_for(q);
        if (link) {
            const p = doc.createElement('p');
            p.appendChild(link);
            li.appendChild(p);
        }
        list.appendChild(li);
    }

    // Due now (missed questions come back at once), and when the next card after those is due.
    $('#quiz-summary-review').textContent = [
        review.due_now > 0 ? t('quiz.summary_review_due_now', { count: review.due_now }) : '',
        review.next_due_ms !== null ? t('quiz.summary_next_review', { date: format_date(review.next_due_ms) }) : '',
    ]
        .filter(Boolean)
        .join(' ');
}
