// One attempt at one question: the numbers drawn for it (from its seed), the order its
// choices are shown in, and the check of a learner's response. No DOM here.
import { run_experiment } from './experiments.js';
import { generate } from './generators.js';
import { range_index, same_choice_set, within_tolerance } from './scoring.js';
import { create_rng, mix_seed } from '../common/seeded_rng.js';

export function make_attempt(question, seed, relu_lab) {
    const rng = create_rng(seed);
    const attempt = { question, seed, values: {}, expected: null, choice_order: null };
    switch (question.type) {
        case 'single_choice':
        case 'multiple_select':
            attempt.choice_order = rng.shuffled(question.choices.map((_, i) => i));
            break;
        case 'which_curve':
            attempt.choice_order = rng.shuffled(question.choices.slice());
            break;
        case 'true_false':
            attempt.choice_order = [true, false];
            break;
        case 'numeric':
            if (question.generator) {
                const { values, answer } = generate(question.generator, rng, relu_lab);
                attempt.values = values;
                attempt.expected = answer;
            } else attempt.expected = question.answer;
            break;
        case 'predict_run':
            if (question.prediction.kind === 'choice')
                attempt.choice_order = question.prediction.choices.map((_, i) => i);
            break;
    }
    return attempt;
}

// response by type:
//   single_choice { choice: index } · multiple_select { choices: [index] } ·
//   true_false { value: boolean } · numeric { values: [number] } ·
//   which_curve { choice: activation name } · predict_run { value: number } or { choice: index }
// Returns { correct, expected, run } (run: the experiment's outcome for predict_run).
export function check_attempt(attempt, response, relu_lab) {
    const q = attempt.question;
    switch (q.type) {
        case 'single_choice':
            return { correct: response.choice === q.answer, expected: q.answer };
        case 'multiple_select':
            return { correct: same_choice_set(response.choices ?? [], q.answer), expected: q.answer };
        case 'true_false':
            return { correct: response.value === q.answer, expected: q.answer };
        case 'numeric': {
            const given = Array.isArray(attempt.expected)
                ? response.values
                : response.values?.length === 1
                  ? response.values[0]
                  : response.values;
            return {
                correct: within_tolerance(given ?? [], attempt.expected, q.tolerance),
                expected: attempt.expected,
            };
        }
        case 'which_curve':
            return { correct: response.choice === q.curve.activation, expected: q.curve.activation };
        case 'predict_run': {
            // The experiment's own numbers come from a seed of their own, so the run does
            // not depend on how the learner answered.
            const run = run_experiment(q.experiment, create_rng(mix_seed(attempt.seed, 1)), relu_lab);
            if (q.prediction.kind === 'number') {
                return {
                    correct: within_tolerance(response.value, run.result, q.prediction.tolerance),
                    expected: run.result,
                    run,
                };
            }
            const right = range_index(run.result, q.prediction.choices);
            return { correct: response.choice === right, expected: right, run };
        }
        default:
            throw new Error(`unknown question type: ${q.type}`);
    }
}
