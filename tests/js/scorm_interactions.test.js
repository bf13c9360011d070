// Every quiz answer as a SCORM interaction, for each of the six question types (and a
// self-graded flashcard), written through scorm-again's LMS run-times with strict errors:
// SCORM 1.2 (window.API) and SCORM 2004 4th edition (window.API_1484_11). An LMS that
// refuses a value answers 'false' and an error code; every call here must be accepted,
// and the values read back must say what was asked, answered and expected.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { Scorm12API, Scorm2004API } from 'scorm-again';

import { answer_record, decimal_text, flashcard_answer } from '../../web/embed/answer_record.js';
import { iso_duration } from '../../web/embed/iso_duration.js';
import { scorm12_runtime } from '../../web/embed/scorm12_runtime.js';
import { scorm2004_runtime, scorm2004_timestamp } from '../../web/embed/scorm2004_runtime.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bank = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));
const question = (id) => bank.questions.find((q) => q.id === id);
const at_ms = Date.UTC(2026, 10, 2, 10, 0, 5, 250);

// One answer per question type, as quiz_view.js reports it (quiz.answered).
const answers = [
    {
        question: question('def-formula'),
        response: { choice: 2 },
        expected: 0,
        correct: false,
        prompt: 'Which formula defines ReLU?',
    },
    {
        question: question('def-statements'),
        response: { choices: [0, 1, 3] },
        expected: [0, 1, 3],
        correct: true,
        prompt: 'Which statements about ReLU are true?',
    },
    {
        question: question('def-bounded'),
        response: { value: false },
        expected: false,
        correct: true,
        prompt: 'ReLU is bounded above.',
    },
    {
        question: question('def-curve'),
        response: { choice: 'relu6' },
        expected: 'relu',
        correct: false,
        prompt: 'Which activation function is plotted here?',
    },
    {
        question: question('def-scalar'),
        response: { values: [3.5], text: '3.5' },
        expected: 3.5,
        correct: true,
        prompt: 'What is relu(3.5)?',
    },
    {
        question: question('def-worked-example'),
        response: { values: [0, 0, 0, 1, 2], text: '0 0 0 1 2' },
        expected: [0, 0, 0, 1, 2],
        correct: true,
        prompt: 'Compute relu([−2, −1, 0, 1, 2]).',
    },
    {
        question: question('why-predict-zeros'),
        response: { value: 0.5, text: '0.5' },
        expected: 0.4987,
        correct: true,
        prompt: 'Predict: what fraction is exactly 0?',
    },
    {
        question: question('why-predict-depth'),
        response: { choice: 1 },
        expected: 0,
        correct: false,
        prompt: 'Predict: by what factor?',
    },
    {
        question: { id: 'flashcard-definition-1', type: 'flashcard' },
        response: { knew: true },
        expected: null,
        correct: true,
        prompt: 'What does ReLU do to a negative input?',
    },
];

function record_of(answer, { language = 'en', latency_ms = 12_340 } = {}) {
    const event = {
        name: 'quiz.answered',
        question_id: answer.question.id,
        topic: answer.question.topic ?? 'definition',
        type: answer.question.type,
        correct: answer.correct,
        answer: { response: answer.response, expected: answer.expected, prompt: answer.prompt, latency_ms },
    };
    const record = answer_record(event, answer.question, { at_ms, language });
    assert.ok(record, answer.question.id);
    return record;
}

// scorm-again with strict errors and nothing automatic; every SetValue is checked.
function strict_lms(version) {
    const api =
        version === '2004'
            ? new Scorm2004API({ logLevel: 5, strict_errors: true, autocommit: false })
            : new Scorm12API({ logLevel: 5, strict_errors: true, autocommit: false });
    const refused = [];
    const set_name = version === '2004' ? 'SetValue' : 'LMSSetValue';
    const error_name = version === '2004' ? 'GetLastError' : 'LMSGetLastError';
    const original = api[set_name].bind(api);
    api[set_name] = (element, value) => {
        const ok = original(element, value);
        if (ok !== 'true') refused.push(`${element}=${value} (error ${api[error_name]()})`);
        return ok;
    };
    return { api, refused };
}

function open(version) {
    const lms = strict_lms(version);
    const runtime = version === '2004' ? scorm2004_runtime : scorm12_runtime;
    const session = runtime.open(lms.api, { warn: (name, error) => assert.fail(`${name}: ${error}`) });
    assert.equal(session.initialize(), true);
    return { ...lms, session };
}

describe('answer records', () => {
    test("the six question types map to interaction kinds, with the learner's and the correct response", () => {
        const kinds = answers.map((a) => [a.question.type, record_of(a).kind]);
        assert.deepEqual(kinds, [
            ['single_choice', 'choice'],
            ['multiple_select', 'choice'],
            ['true_false', 'true-false'],
            ['which_curve', 'choice'],
            ['numeric', 'numeric'],
            ['numeric', 'fill-in'],
            ['predict_run', 'numeric'],
            ['predict_run', 'choice'],
            ['flashcard', 'other'],
        ]);
        const curve = record_of(answers[3]);
        assert.deepEqual(
            [curve.option_ids, curve.learner, curve.correct],
            [['relu', 'relu6', 'softplus', 'elu'], [1], [0]]
        );
        const scalar = record_of(answers[4]);
        assert.equal(scalar.learner, 3.5);
        assert.ok(
            scalar.correct.min < 3.5 && scalar.correct.max > 3.5 && scalar.correct.max - scalar.correct.min < 1e-4,
            JSON.stringify(scalar.correct)
        );
        assert.deepEqual(
            [record_of(answers[5]).learner, record_of(answers[5]).correct],
            ['0; 0; 0; 1; 2', '0; 0; 0; 1; 2']
        );
        const prediction = record_of(answers[6]);
        assert.ok(
            Math.abs(prediction.correct.min - 0.3987) < 1e-9 && Math.abs(prediction.correct.max - 0.5987) < 1e-9,
            'expected ± the 0.1 tolerance'
        );
        assert.equal(record_of(answers[0]).result, 'incorrect');
        assert.equal(record_of(answers[1]).result, 'correct');
    });

    test('an event without a response (an older quiz) or for another question gives no record', () => {
        const q = question('def-formula');
        assert.equal(answer_record({ question_id: q.id, correct: true }, q, { at_ms, language: 'en' }), null);
        assert.equal(
            answer_record({ question_id: 'other', answer: { response: { choice: 0 } } }, q, { at_ms, language: 'en' }),
            null
        );
        assert.equal(
            answer_record({ question_id: q.id, answer: { response: { choice: 0 } } }, undefined, {
                at_ms,
                language: 'en',
            }),
            null
        );
        assert.equal(
            answer_record({ question_id: q.id, answer: { response: { choice: 'x' } } }, q, { at_ms, language: 'en' }),
            null
        );
        assert.ok(
            answer_record({ question_id: q.id, answer: { response: { choice: 0 } } }, q, { at_ms, language: 'en' })
        );
    });

    test("a Learn flashcard grade (learn.flashcard_graded) is an interaction each LMS accepts: kind other, 'not yet' is incorrect", () => {
        const graded = flashcard_answer({
            name: 'learn.flashcard_graded',
            card_id: 'learn.definition.1',
            chapter_id: 'definition',
            knew: false,
            prompt: 'What does ReLU do to a negative input?',
        });
        const record = answer_record(graded.event, graded.question, { at_ms, language: 'en' });
        assert.deepEqual(
            [record.id, record.kind, record.learner, record.correct, record.result, record.description],
            ['learn.definition.1', 'other', 'not yet', null, 'incorrect', 'What does ReLU do to a negative input?']
        );
        for (const version of ['1.2', '2004']) {
            const { session, refused } = open(version);
            session.write_interaction(record);
            assert.deepEqual(refused, [], version);
        }
        assert.equal(flashcard_answer({ card_id: 'learn.definition.1' }), null, 'no grade, no record');
    });

    test('numbers as SCORM decimals: no exponent, no -0, nothing beyond ten integer digits', () => {
        assert.equal(decimal_text(1e-7), '0.0000001');
        assert.equal(decimal_text(-0), '0');
        assert.equal(decimal_text(2.5e9), '2500000000');
        assert.equal(decimal_text(0.1 + 0.2), '0.3');
        assert.equal(decimal_text(1e11), null);
        assert.equal(decimal_text(Number.NaN), null);
    });

    test('ISO 8601 durations and timestamps', () => {
        assert.equal(iso_duration(0), 'PT0S');
        assert.equal(iso_duration(12_340), 'PT12.34S');
        assert.equal(iso_duration(3_723_400), 'PT1H2M3.4S');
        assert.equal(iso_duration(60_000), 'PT1M');
        assert.equal(scorm2004_timestamp(at_ms), '2026-11-02T10:00:05.25Z');
    });
});

describe('SCORM 2004 interactions (scorm-again, strict)', () => {
    test('every answer is an interaction the LMS accepts, with what was asked and answered', () => {
        const { api, refused, session } = open('2004');
        for (const answer of answers)
            assert.equal(
                session.write_interaction(record_of(answer, { language: 'zh-Hans' })),
                true,
                answer.question.id
            );
        assert.deepEqual(refused, []);
        assert.equal(api.GetValue('cmi.interactions._count'), String(answers.length));
        const get = (n, element) => api.GetValue(`cmi.interactions.${n}.${element}`);
        assert.deepEqual(
            answers.map((_, n) => get(n, 'type')),
            ['choice', 'choice', 'true-false', 'choice', 'numeric', 'fill-in', 'numeric', 'choice', 'other']
        );
        assert.deepEqual(
            [get(0, 'id'), get(0, 'learner_response'), get(0, 'correct_responses.0.pattern'), get(0, 'result')],
            ['def-formula', 'choice-2', 'choice-0', 'incorrect']
        );
        assert.deepEqual(
            [get(1, 'learner_response'), get(1, 'correct_responses.0.pattern'), get(1, 'result')],
            ['choice-0[,]choice-1[,]choice-3', 'choice-0[,]choice-1[,]choice-3', 'correct']
        );
        assert.deepEqual([get(2, 'learner_response'), get(2, 'correct_responses.0.pattern')], ['false', 'false']);
        assert.deepEqual([get(3, 'learner_response'), get(3, 'correct_responses.0.pattern')], ['relu6', 'relu']);
        assert.equal(get(4, 'learner_response'), '3.5');
        assert.match(get(4, 'correct_responses.0.pattern'), /^3\.49999\d*\[:\]3\.50000\d*$/);
        assert.equal(get(5, 'learner_response'), '0; 0; 0; 1; 2');
        assert.deepEqual([get(7, 'learner_response'), get(7, 'correct_responses.0.pattern')], ['range-1', 'range-0']);
        assert.equal(get(8, 'learner_response'), 'knew it');
        assert.equal(get(8, 'correct_responses._count'), '0', 'a self-graded card has no correct response');
        assert.equal(get(0, 'description'), '{lang=zh-Hans}Which formula defines ReLU?');
        assert.equal(get(0, 'latency'), 'PT12.34S');
        assert.equal(get(0, 'timestamp'), '2026-11-02T10:00:05.25Z');
        assert.equal(get(0, 'weighting'), '1');
    });

    test('a long description is cut to 250 characters; a description starting with { is not read as a delimiter', () => {
        const { api, refused, session } = open('2004');
        session.write_interaction(record_of({ ...answers[0], prompt: `{x} ${'é'.repeat(400)}` }));
        assert.deepEqual(refused, []);
        const description = api.GetValue('cmi.interactions.0.description');
        assert.equal([...description.replace('{lang=en}', '')].length, 250);
        assert.ok(description.startsWith('{lang=en}x} '), description.slice(0, 20));
    });

    test('interactions continue after those of an earlier session', () => {
        const { api, refused, session } = open('2004');
        api.SetValue('cmi.interactions.0.id', 'earlier');
        api.SetValue('cmi.interactions.0.type', 'true-false');
        session.write_interaction(record_of(answers[2]));
        assert.deepEqual(refused, []);
        assert.deepEqual(
            [api.GetValue('cmi.interactions.0.id'), api.GetValue('cmi.interactions.1.id')],
            ['earlier', 'def-bounded']
        );
    });
});

describe('SCORM 1.2 interactions (scorm-again, strict)', () => {
    test("every answer is an interaction in SCORM 1.2's vocabulary", () => {
        const { api, refused, session } = open('1.2');
        for (const answer of answers)
            assert.equal(session.write_interaction(record_of(answer)), true, answer.question.id);
        assert.deepEqual(refused, []);
        assert.equal(api.LMSGetValue('cmi.interactions._count'), String(answers.length));
        // SCORM 1.2 interactions are write-only: read what the LMS would store (its JSON).
        const interactions = JSON.parse(JSON.stringify(api.cmi)).interactions;
        const stored = Object.values(interactions).map((i) => ({
            id: i.id,
            type: i.type,
            response: i.student_response,
            result: i.result,
            latency: i.latency,
            time: i.time,
            pattern: i.correct_responses['0']?.pattern ?? null,
        }));
        assert.deepEqual(
            stored.map((i) => i.type),
            ['choice', 'choice', 'true-false', 'choice', 'numeric', 'fill-in', 'numeric', 'choice', 'performance']
        );
        assert.deepEqual(
            stored.map((i) => [i.response, i.pattern]),
            [
                ['c', 'a'],
                ['a,b,d', 'a,b,d'],
                ['f', 'f'],
                ['b', 'a'],
                ['3.5', '3.5'],
                ['0; 0; 0; 1; 2', '0; 0; 0; 1; 2'],
                ['0.5', '0.4987'],
                ['b', 'a'],
                ['knew it', null],
            ]
        );
        assert.deepEqual(
            stored.map((i) => i.result),
            ['wrong', 'correct', 'correct', 'wrong', 'correct', 'correct', 'correct', 'wrong', 'correct']
        );
        assert.match(
            stored[0].latency,
            /^(00)?00:00:12\.34$/,
            'HHHH:MM:SS.SS (scorm-again stores the hours in two digits)'
        );
        assert.match(stored[0].time, /^\d{2}:\d{2}:\d{2}$/);
    });
});
