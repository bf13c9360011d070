// One answer as a learning platform records it, before any SCORM version or xAPI spells
// it out: what was asked, what the learner answered, the correct response where the
// question has one, right or wrong, how long it took and when. Built from a quiz.answered
// learning event (events/learning_events.js) and the question of the bank it came from.
//
// kind (the interaction type both SCORM versions and xAPI know):
//   true-false  learner: boolean              correct: boolean
//   choice      learner: [option index]       correct: [option index] | null
//               option_ids: one identifier per option, in the bank's order
//   numeric     learner: number               correct: { min, max } (the accepted range)
//   fill-in     learner: text                 correct: text | null   (vectors: "0; 0; 1")
//   other       learner: text                 correct: null          (a self-graded card)
// The six question types map to these kinds: true_false -> true-false; single_choice,
// multiple_select, which_curve -> choice; numeric -> numeric (one value) or fill-in (a
// vector); predict_run -> numeric (a number) or choice (a range); flashcard -> other.

// Largest magnitude a SCORM decimal holds (ten digits before the point).
const max_decimal = 9_999_999_999;

// A number as a plain decimal with no exponent (SCORM's real(10,7) / CMIDecimal), or null
// when it has none: not finite or beyond ten integer digits.
export function decimal_text(value) {
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > max_decimal) return null;
    const text = value.toFixed(12).replace(/\.?0+$/, '');
    return text === '-0' ? '0' : text;
}

const vector_text = (values) => values.map((v) => decimal_text(v) ?? String(v)).join('; ');

// The range a tolerance { absolute, relative } accepts around an expected value
// (quiz/scoring.js within_tolerance).
function accepted_range(expected, tolerance) {
    const slack = (tolerance?.absolute ?? 0) + (tolerance?.relative ?? 0) * Math.abs(expected);
    return { min: expected - slack, max: expected + slack };
}

const indices = (list) => (Array.isArray(list) && list.every(Number.isInteger) ? list : null);

// -> { kind, learner, correct, option_ids? } for one response, or null when the response
// does not have the shape its question type gives it.
function answer_of(question, response, expected) {
    switch (question.type) {
        case 'true_false':
            return typeof response?.value === 'boolean'
                ? { kind: 'true-false', learner: response.value, correct: expected === true }
                : null;
        case 'single_choice':
        case 'multiple_select': {
            const learner =
                question.type === 'single_choice' ? indices([response?.choice]) : indices(response?.choices);
            const correct = Array.isArray(expected) ? indices(expected) : indices([expected]);
            const option_ids = question.choices.map((_, i) => `choice-${i}`);
            return learner ? { kind: 'choice', option_ids, learner, correct } : null;
        }
        case 'which_curve': {
            const learner = question.choices.indexOf(response?.choice);
            const correct = question.choices.indexOf(expected);
            return learner >= 0
                ? {
                      kind: 'choice',
                      option_ids: question.choices.slice(),
                      learner: [learner],
                      correct: correct >= 0 ? [correct] : null,
                  }
                : null;
        }
        case 'numeric': {
            const values = response?.values;
            if (!Array.isArray(values) || values.length === 0) return null;
            if (
                !Array.isArray(expected) &&
                values.length === 1 &&
                decimal_text(values[0]) !== null &&
                decimal_text(expected) !== null
            ) {
                return { kind: 'numeric', learner: values[0], correct: accepted_range(expected, question.tolerance) };
            }
            const correct = Array.isArray(expected)
                ? vector_text(expected)
                : typeof expected === 'number'
                  ? vector_text([expected])
                  : null;
            return { kind: 'fill-in', learner: vector_text(values), correct };
        }
        case 'predict_run': {
            const prediction = question.prediction;
            if (prediction.kind === 'number') {
                if (decimal_text(response?.value) === null)
                    return typeof response?.value === 'number'
                        ? { kind: 'fill-in', learner: String(response.value), correct: null }
                        : null;
                return {
                    kind: 'numeric',
                    learner: response.value,
                    correct: decimal_text(expected) === null ? null : accepted_range(expected, prediction.tolerance),
                };
            }
            if (!Number.isInteger(response?.choice)) return null;
            const option_ids = prediction.choices.map((_, i) => `range-${i}`);
            return {
                kind: 'choice',
                option_ids,
                learner: [response.choice],
                correct: Number.isInteger(expected) && expected >= 0 ? [expected] : null,
            };
        }
        case 'flashcard':
            return typeof response?.knew === 'boolean'
                ? { kind: 'other', learner: response.knew ? 'knew it' : 'not yet', correct: null }
                : null;
        default:
            return null;
    }
}

// event: a quiz.answered event; question: its question (bank format) or a flashcard item
// ({ id, type: 'flashcard' }); at_ms: when it was answered; language: the page's language.
// -> the record, or null when the event lacks what a platform needs.
export function answer_record(event, question, { at_ms, language }) {
    if (!question || typeof event?.question_id !== 'string' || question.id !== event.question_id) return null;
    const given = event.answer ?? {};
    const answer = answer_of(question, given.response, given.expected);
    if (!answer) return null;
    const latency_ms = Number.isFinite(given.latency_ms) && given.latency_ms >= 0 ? given.latency_ms : null;
    return Object.freeze({
        id: event.question_id,
        question_type: question.type,
        topic: typeof event.topic === 'string' ? event.topic : null,
        description: typeof given.prompt === 'string' ? given.prompt.replace(/\s+/g, ' ').trim() : '',
        language,
        ...answer,
        result: event.correct === true ? 'correct' : 'incorrect',
        latency_ms,
        at_ms,
    });
}

// A learn.flashcard_graded event as the quiz.answered event answer_record takes, and the
// item it answers: a self-graded card is an interaction of kind 'other', right when the
// learner knew it, with no correct response.
export function flashcard_answer(event) {
    if (typeof event?.card_id !== 'string' || typeof event.knew !== 'boolean') return null;
    return {
        event: {
            question_id: event.card_id,
            topic: null,
            correct: event.knew,
            answer: { response: { knew: event.knew }, expected: null, prompt: event.prompt, latency_ms: null },
        },
        question: { id: event.card_id, type: 'flashcard' },
    };
}
