// Predict-then-run questions in the page: the learner predicts (a number, or one of a
// few ranges), then the experiment runs on the kernels and the result is set beside the
// prediction. The experiment itself lives in experiments.js (no DOM).
import { format_number, t } from '../i18n/i18n.js';
import { parse_number } from '../common/number_input.js';
import { choice_group, text_field } from './answer_inputs.js';
import { bank_text } from './bank_text.js';

export function prediction_inputs(doc, question) {
    const prediction = question.prediction;
    if (prediction.kind === 'number') {
        const field = text_field(doc, { label: t('quiz.prediction_number_label') });
        return {
            element: field.element,
            read() {
                const value = parse_number(field.value());
                if (value === null) {
                    field.show_error(t('explorer.error_not_a_number', { text: field.value().slice(0, 20) }));
                    return { error: true, focus: field.input };
                }
                field.show_error(null);
                return { response: { value, text: field.value() } };
            },
            mark(_outcome, response) {
                field.show_submitted(response.text);
            },
        };
    }
    const group = choice_group(doc, {
        kind: 'radio',
        legend: t('quiz.prediction_choice_legend'),
        options: prediction.choices.map((c) => ({ label: bank_text(c.text) })),
    });
    return {
        element: group.element,
        read() {
            const [picked] = group.selected();
            return picked === undefined
                ? { error: 'quiz.error_no_choice', focus: group.element.querySelector('input') }
                : { response: { choice: picked } };
        },
        mark(outcome, response) {
            group.mark(outcome.expected >= 0 ? [outcome.expected] : [], [response.choice]);
        },
    };
}

// Lines describing what the run gave and how the prediction compares.
export function run_report(question, outcome, response) {
    const { name } = question.experiment;
    const lines = [
        t('quiz.experiment_result', { result: format_number(outcome.run.result) }),
        t(`quiz.experiments.${name}`, outcome.run.details),
    ];
    if (question.prediction.kind === 'number') {
        const { absolute, relative } = question.prediction.tolerance;
        const tolerance =
            relative === 0
                ? format_number(absolute)
                : `${format_number(absolute)} + ${format_number(relative * 100)} %`;
        lines.push(
            t(outcome.correct ? 'quiz.prediction_within' : 'quiz.prediction_outside', {
                prediction: format_number(response.value),
                tolerance,
            })
        );
    }
    return lines;
}
