// The bank validator: the built-in bank passes and covers every topic and type; hostile
// banks are refused with every problem listed (field, question id, what is wrong); the
// command-line validator uses the same module and reports through its exit status.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { has_key } from '../../web/i18n/i18n.js';
import {
    builtin_topics,
    format_problem,
    question_types,
    validate_bank,
    validate_bank_bytes,
    validate_bank_text,
} from '../../web/quiz/bank_schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bank_path = join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json');
const builtin = () => JSON.parse(readFileSync(bank_path, 'utf8'));

function minimal_bank(questions) {
    return { format: 'relu-lab-quiz-bank', version: 1, id: 'test-bank', title: { en: 'Test' }, questions };
}
const good_question = () => ({
    id: 'q1',
    type: 'single_choice',
    topic: 'definition',
    prompt: { en: 'What is relu(2)?' },
    explanation: { en: 'Positive inputs pass.' },
    choices: [{ en: '2' }, { en: '0' }],
    answer: 0,
});
const problems_of = (value) => validate_bank(value).problems;
const has_problem = (problems, problem, field_part, question_id) =>
    problems.some(
        (p) =>
            p.problem === problem &&
            (field_part === undefined || p.field.includes(field_part)) &&
            (question_id === undefined || p.question_id === question_id)
    );

test('the built-in bank is valid, has >= 60 questions, every one of the nine topics and all six types', () => {
    const { bank, problems } = validate_bank_text(readFileSync(bank_path, 'utf8'));
    assert.deepEqual(problems, []);
    assert.ok(bank.questions.length >= 60, `${bank.questions.length} questions`);
    const per_topic = {};
    const per_type = {};
    for (const q of bank.questions) {
        per_topic[q.topic] = (per_topic[q.topic] ?? 0) + 1;
        per_type[q.type] = (per_type[q.type] ?? 0) + 1;
    }
    console.log('bank size per topic', per_topic, 'per type', per_type);
    for (const topic of builtin_topics) assert.ok(per_topic[topic] >= 5, `topic ${topic}: ${per_topic[topic] ?? 0}`);
    for (const type of question_types) assert.ok(per_type[type] >= 5, `type ${type}: ${per_type[type] ?? 0}`);
    // Every question links to a section and has English text.
    for (const q of bank.questions) {
        assert.ok(q.section, q.id);
        assert.ok(q.prompt.en && q.explanation.en, q.id);
    }
});

test('the built-in bank states the facts a careful review insists on (sigmoid derivative range, He variance, dates)', () => {
    const text = JSON.stringify(builtin());
    assert.match(text, /0\.25/); // sigmoid' max
    assert.match(text, /\(0, 0\.25\]/); // the sigmoid gradient range, against the (0, 1) myth
    assert.match(text, /2 \/ fan_in/); // He variance
    for (const year of ['1969', '1975', '1980', '2010', '2011', '2012']) assert.ok(text.includes(year), year);
    const myth = builtin().questions.find((q) => q.id === 'sig-gradient-range-myth');
    assert.equal(myth.answer, false);
});

test('a minimal valid bank passes', () => {
    assert.deepEqual(problems_of(minimal_bank([good_question()])), []);
});

test('hostile: not JSON, not UTF-8, too large, not an object, deep nesting', () => {
    assert.ok(has_problem(validate_bank_text('{"format": ').problems, 'not_json'));
    assert.ok(has_problem(validate_bank_text('').problems, 'not_json'));
    assert.ok(has_problem(validate_bank_bytes(Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0xc3])).problems, 'not_utf8'));
    assert.ok(has_problem(validate_bank_text(' '.repeat(1_000_001)).problems, 'too_large'));
    assert.ok(has_problem(validate_bank_bytes(new Uint8Array(1_000_001)).problems, 'too_large'));
    assert.ok(has_problem(problems_of([]), 'wrong_type'));
    assert.ok(has_problem(problems_of(null), 'wrong_type'));
    assert.ok(has_problem(problems_of('bank'), 'wrong_type'));
    let deep = { en: 'x' };
    for (let i = 0; i < 50; i++) deep = { a: deep };
    assert.ok(has_problem(problems_of({ ...minimal_bank([good_question()]), title: deep }), 'too_deep'));
    // Extremely deep JSON is refused without a crash.
    assert.ok(validate_bank_text('['.repeat(100000) + ']'.repeat(100000)).problems.length > 0);
});

test('hostile: prototype-pollution keys are refused and pollute nothing', () => {
    const text = JSON.stringify(minimal_bank([good_question()])).replace(
        '"id":"q1"',
        '"id":"q1","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}'
    );
    const { problems } = validate_bank_text(text);
    assert.ok(has_problem(problems, 'forbidden_key', '__proto__'));
    assert.ok(has_problem(problems, 'forbidden_key', 'constructor'));
    assert.equal({}.polluted, undefined);
    assert.equal(Object.prototype.polluted, undefined);
});

test('hostile: wrong types and missing fields, each named with its question id', () => {
    const q = { ...good_question(), answer: '0', choices: 'a,b' };
    delete q.explanation;
    const problems = problems_of(minimal_bank([q, { ...good_question(), id: 'q2', topic: 7, prompt: ['x'] }]));
    assert.ok(has_problem(problems, 'wrong_type', 'questions[0].choices', 'q1'));
    assert.ok(has_problem(problems, 'wrong_type', 'questions[0].answer', 'q1'));
    assert.ok(has_problem(problems, 'missing_field', 'questions[0].explanation', 'q1'));
    assert.ok(has_problem(problems, 'unknown_topic', 'questions[1].topic', 'q2'));
    assert.ok(has_problem(problems, 'wrong_type', 'questions[1].prompt', 'q2'));
    const bank_level = problems_of({ format: 'other', version: 2, questions: {} });
    for (const [problem, field] of [
        ['wrong_value', 'format'],
        ['unsupported_version', 'version'],
        ['missing_field', 'id'],
        ['missing_field', 'title'],
        ['wrong_type', 'questions'],
    ]) {
        assert.ok(has_problem(bank_level, problem, field), `${problem} ${field}`);
    }
});

test('hostile: duplicate ids, unknown types, unknown fields, bad answers', () => {
    const problems = problems_of(
        minimal_bank([
            good_question(),
            { ...good_question() },
            { ...good_question(), id: 'q3', type: 'essay' },
            { ...good_question(), id: 'q4', anwser: 1 },
            { ...good_question(), id: 'q5', answer: 2 },
            { ...good_question(), id: 'q6', type: 'multiple_select', answer: [0, 0] },
            { ...good_question(), id: 'q7', type: 'true_false', answer: 'yes', choices: undefined },
            { ...good_question(), id: 'q8', answer: 1.5 },
        ])
    );
    assert.ok(has_problem(problems, 'duplicate_id', 'questions[1].id', 'q1'));
    assert.ok(has_problem(problems, 'unknown_type', 'questions[2].type', 'q3'));
    assert.ok(has_problem(problems, 'unknown_field', 'questions[3].anwser', 'q4'));
    assert.ok(has_problem(problems, 'answer_out_of_range', 'questions[4].answer', 'q5'));
    assert.ok(has_problem(problems, 'duplicate_value', 'questions[5].answer', 'q6'));
    assert.ok(has_problem(problems, 'wrong_type', 'questions[6].answer', 'q7'));
    assert.ok(has_problem(problems, 'wrong_type', 'questions[7].answer', 'q8'));
});

test('hostile: huge strings and arrays, HTML, control characters, bad language tags', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...good_question(), id: `q${i}` }));
    assert.ok(has_problem(problems_of(minimal_bank(many)), 'too_many', 'questions'));
    const problems = problems_of(
        minimal_bank([
            { ...good_question(), prompt: { en: 'x'.repeat(2001) } },
            { ...good_question(), id: 'q2', prompt: { en: 'Click <img src=x onerror=alert(1)>' } },
            { ...good_question(), id: 'q3', prompt: { en: 'hidden <!-- comment -->' } },
            { ...good_question(), id: 'q4', prompt: { en: 'bell \u0007 and bidi \u202E' } },
            { ...good_question(), id: 'q5', prompt: { 'english!': 'x' } },
            { ...good_question(), id: 'q6', choices: Array.from({ length: 9 }, () => ({ en: 'c' })) },
            { ...good_question(), id: 'q7', prompt: {} },
            { ...good_question(), id: 'q8', prompt: { en: '   ' } },
            { ...good_question(), id: 'x'.repeat(65) },
        ])
    );
    assert.ok(has_problem(problems, 'too_long', 'questions[0].prompt.en', 'q1'));
    assert.ok(has_problem(problems, 'markup', 'questions[1].prompt.en', 'q2'));
    assert.ok(has_problem(problems, 'markup', 'questions[2].prompt.en', 'q3'));
    assert.ok(has_problem(problems, 'control_characters', 'questions[3].prompt.en', 'q4'));
    assert.ok(has_problem(problems, 'bad_language', 'questions[4].prompt', 'q5'));
    assert.ok(has_problem(problems, 'count_out_of_range', 'questions[5].choices', 'q6'));
    assert.ok(has_problem(problems, 'empty', 'questions[6].prompt', 'q7'));
    assert.ok(has_problem(problems, 'empty', 'questions[7].prompt.en', 'q8'));
    assert.ok(has_problem(problems, 'bad_id', 'questions[8].id', null));
    // A comparison written with spaces is text, not markup.
    assert.deepEqual(problems_of(minimal_bank([{ ...good_question(), prompt: { en: 'Is x < 0 and y > 1?' } }])), []);
});

test('hostile: numeric, curve and predict-run questions with bad generators and ranges', () => {
    const base = { topic: 'definition', prompt: { en: 'p' }, explanation: { en: 'e' } };
    const problems = problems_of(
        minimal_bank([
            {
                ...base,
                id: 'n1',
                type: 'numeric',
                answer: 1,
                generator: { name: 'forward', params: {} },
                tolerance: { absolute: 0, relative: 0 },
            },
            {
                ...base,
                id: 'n2',
                type: 'numeric',
                generator: { name: 'eval', params: {} },
                tolerance: { absolute: 0, relative: 0 },
            },
            {
                ...base,
                id: 'n3',
                type: 'numeric',
                generator: { name: 'forward', params: { activation: 'rm -rf', count: 99, low: 5, high: -5, step: 1 } },
                tolerance: { absolute: -1, relative: 0 },
            },
            { ...base, id: 'n4', type: 'numeric', answer: 1e999, tolerance: { absolute: 0, relative: 0 } },
            {
                ...base,
                id: 'n5',
                type: 'numeric',
                generator: {
                    name: 'forward',
                    params: { activation: 'leaky_relu', param: 5, count: 1, low: -1, high: 1, step: 1 },
                },
                tolerance: { absolute: 0, relative: 0 },
            },
            {
                ...base,
                id: 'c1',
                type: 'which_curve',
                curve: { activation: 'relu', show: 'g', x_min: 5, x_max: -5 },
                choices: ['tanh', 'tanh', 'nope'],
            },
            {
                ...base,
                id: 'p1',
                type: 'predict_run',
                experiment: { name: 'mine_bitcoin', params: {} },
                prediction: { kind: 'guess' },
            },
            {
                ...base,
                id: 'p2',
                type: 'predict_run',
                experiment: { name: 'zero_fraction', params: { activation: 'relu', samples: 1e9 } },
                prediction: {
                    kind: 'choice',
                    choices: [
                        { text: { en: 'a' }, max: 0.6 },
                        { text: { en: 'b' }, min: 0.5 },
                    ],
                },
            },
        ])
    );
    assert.ok(has_problem(problems, 'answer_or_generator', 'questions[0]', 'n1'));
    assert.ok(has_problem(problems, 'unknown_value', 'questions[1].generator.name', 'n2'));
    assert.ok(has_problem(problems, 'unknown_value', 'questions[2].generator.params.activation', 'n3'));
    assert.ok(has_problem(problems, 'out_of_range', 'questions[2].generator.params.count', 'n3'));
    assert.ok(has_problem(problems, 'out_of_range', 'questions[2].tolerance.absolute', 'n3'));
    assert.ok(has_problem(problems, 'wrong_type', 'questions[3].answer', 'n4')); // JSON 1e999 is Infinity
    assert.ok(has_problem(problems, 'out_of_range', 'questions[4].generator.params.param', 'n5'));
    assert.ok(has_problem(problems, 'unknown_value', 'questions[5].curve.show', 'c1'));
    assert.ok(has_problem(problems, 'range_reversed', 'questions[5].curve.x_max', 'c1'));
    assert.ok(has_problem(problems, 'duplicate_value', 'questions[5].choices', 'c1'));
    assert.ok(has_problem(problems, 'unknown_value', 'questions[5].choices[2]', 'c1'));
    assert.ok(has_problem(problems, 'answer_not_in_choices', 'questions[5].choices', 'c1'));
    assert.ok(has_problem(problems, 'unknown_value', 'questions[6].experiment.name', 'p1'));
    assert.ok(has_problem(problems, 'unknown_value', 'questions[6].prediction.kind', 'p1'));
    assert.ok(has_problem(problems, 'out_of_range', 'questions[7].experiment.params.samples', 'p2'));
    assert.ok(has_problem(problems, 'ranges_overlap', 'questions[7].prediction.choices', 'p2'));
});

test('every problem has an English message and a readable line', () => {
    const { problems } = validate_bank_text(
        readFileSync(join(root, 'tests', 'js', 'quiz_bank_validation.test.js'), 'utf8')
    );
    assert.ok(has_problem(problems, 'not_json'));
    const keys = [
        'too_large',
        'not_utf8',
        'not_json',
        'wrong_type',
        'wrong_value',
        'unsupported_version',
        'missing_field',
        'unknown_field',
        'forbidden_key',
        'too_deep',
        'too_many',
        'too_long',
        'empty',
        'bad_id',
        'bad_language',
        'bad_section',
        'markup',
        'control_characters',
        'duplicate_id',
        'unknown_type',
        'unknown_topic',
        'unknown_value',
        'out_of_range',
        'count_out_of_range',
        'answer_out_of_range',
        'duplicate_value',
        'answer_or_generator',
        'answer_not_in_choices',
        'range_reversed',
        'no_values_in_range',
        'ranges_overlap',
    ];
    for (const key of keys) assert.ok(has_key(`quiz.problems.${key}`), key);
    const line = format_problem({
        question_id: 'q9',
        field: 'questions[3].answer',
        problem: 'answer_out_of_range',
        params: { max: 3 },
    });
    assert.equal(line, 'question “q9”, field questions[3].answer: must be the index of a choice, from 0 to 3.');
});

test('the command-line validator: exit 0 for the built-in bank, 1 with the list of problems', () => {
    const run = (...args) =>
        spawnSync(process.execPath, [join(root, 'build-scripts', 'validate-quiz-bank.mjs'), ...args], {
            encoding: 'utf8',
        });
    const ok = run(bank_path);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /valid, \d+ questions/);
    const dir = mkdtempSync(join(tmpdir(), 'relu-lab-bank-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
        bad,
        JSON.stringify(
            minimal_bank([good_question(), { ...good_question(), answer: 5, prompt: { en: '<script>x</script>' } }])
        )
    );
    const refused = run(bad);
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /3 problems/);
    assert.match(refused.stdout, /question “q1”, field questions\[1\]\.id: another question already has this id/);
    assert.match(refused.stdout, /field questions\[1\]\.prompt\.en: contains HTML/);
    assert.match(refused.stdout, /field questions\[1\]\.answer: must be the index of a choice, from 0 to 1/);
    assert.equal(run().status, 2);
    assert.equal(run(join(dir, 'missing.json')).status, 2);
});
