// The answer form of each question type (radio buttons, checkboxes, a number field, a
// prediction, a flashcard), and the texts of an answer given and of the right answer,
// for the feedback and the end summary. Every view is { element, read() -> { response }
// | { error, focus }, mark(outcome, response) }.
import { t } from '../i18n/i18n.js';
import { choice_group, text_field } from './answer_inputs.js';
import { bank_text } from './bank_text.js';
import { parse_numeric_answer } from './numeric_answer.js';
import { prediction_inputs } from './predict_run.js';
import { show_value, uses_decimal_comma } from './quiz_numbers.js';

// How many values a numeric question expects.
export function expected_value_count(attempt) {
    return Array.isArray(attempt.expected) ? attempt.expected.length : 1;
}

function numeric_view(doc, attempt) {
    const count = expected_value_count(attempt);
    // The separator hint only where it matters: several values, in the learner's convention.
    const label =
        count === 1
            ? t('quiz.numeric_label_one')
            : t(uses_decimal_comma() ? 'quiz.numeric_label_many_semicolons' : 'quiz.numeric_label_many', { count });
    const field = text_field(doc, { label });
    field.input.dataset.valueCount = String(count); // for tests and assistive scripts
    return {
        element: field.element,
        read() {
            const parsed = parse_numeric_answer(field.value(), count);
            if (parsed.error) {
                // Not an attempt: the learner is asked again, told what is off.
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

export function answer_view(doc, attempt, { flashcards = null } = {}) {
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
        case 'numeric':
            return numeric_view(doc, attempt);
        default:
            throw new Error(`unknown question type: ${q.type}`);
    }
}

// The right answer as text, or null where the feedback says it otherwise.
export function expected_text(q, outcome) {
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

// The right answer for the end summary, where no run report stands beside it.
export function summary_expected_text(q, outcome) {
    if (q.type === 'predict_run' && q.prediction.kind === 'number') return show_value(outcome.expected);
    return expected_text(q, outcome) ?? t('quiz.no_answer');
}

// The learner's answer as text (end summary).
export function response_text(q, response) {
    const none = t('quiz.no_answer');
    switch (q.type) {
        case 'single_choice':
            return bank_text(q.choices[response.choice]) || none;
        case 'multiple_select':
            return response.choices.map((i) => bank_text(q.choices[i])).join(' · ') || none;
        case 'true_false':
            return t(response.value ? 'quiz.true' : 'quiz.false');
        case 'numeric':
            return show_value(response.values.length === 1 ? response.values[0] : response.values);
        case 'which_curve':
            return t(`explorer.names.${response.choice}`);
        case 'predict_run':
            if (q.prediction.kind === 'number') return show_value(response.value);
            return bank_text(q.prediction.choices[response.choice]?.text) || none;
        case 'flashcard':
            return t(response.knew ? 'learn.card_knew' : 'learn.card_not_yet');
        default:
            return none;
    }
}
