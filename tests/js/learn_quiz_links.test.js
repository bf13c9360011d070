// How the quiz and Learn meet without a page: every built-in question names where its
// "learn more" leads (a chapter, a lab and set-up, a trainer preset or explorer curves)
// and that place exists; the validator refuses malformed targets; the flashcards offer
// the quiz question-like items whose grade is the learner's own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { has_key, set_language } from '../../web/i18n/i18n.js';
import { chapter_ids } from '../../web/learn/chapters.js';
import { flashcard_ids } from '../../web/learn/flashcard_deck.js';
import { flashcard_quiz_items } from '../../web/learn/flashcard_quiz_items.js';
import { lab_setup } from '../../web/learn/lab_setups.js';
import { parse_target } from '../../web/common/page_targets.js';
import { lab_ids } from '../../web/labs/lab_experiments.js';
import { bank_text } from '../../web/quiz/bank_text.js';
import { validate_bank } from '../../web/quiz/bank_schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bank = () => JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));

test('every built-in question leads to a chapter, lab, preset or explorer set-up that exists', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
    const activations = relu_lab.activations.map((a) => a.name);
    const missing = [];
    const per_kind = {};
    for (const q of bank().questions) {
        const target = parse_target(q.learn_more);
        if (!target || target.name === null) {
            missing.push(`${q.id}: ${q.learn_more}`);
            continue;
        }
        per_kind[target.section] = (per_kind[target.section] ?? 0) + 1;
        const ok =
            {
                learn: () => chapter_ids.includes(target.name) && target.setup === null,
                labs: () =>
                    lab_ids.includes(target.name) &&
                    (target.setup === null || lab_setup(target.name, target.setup) !== null),
                trainer: () => relu_lab.trainer_facts.presets.includes(target.name) && target.setup === null,
                explorer: () => target.name.split(',').every((n) => activations.includes(n)) && target.setup === null,
            }[target.section]?.() ?? false;
        if (!ok) missing.push(`${q.id}: ${q.learn_more}`);
        // A question links to the chapter of its own topic, or to a lab, preset or curve;
        // the few that another chapter teaches better are named here.
        const other_chapter = {
            'sig-chain': 'why_relu',
            'var-selu-init': 'initialisation',
            'var-predict-selu-depth': 'initialisation',
        };
        if (target.section === 'learn' && target.name !== q.topic && other_chapter[q.id] !== target.name)
            missing.push(`${q.id}: chapter ${target.name} for topic ${q.topic}`);
    }
    assert.deepEqual(missing, []);
    console.log('learn_more targets per kind', per_kind);
    assert.ok(per_kind.learn >= 40 && per_kind.labs >= 8, JSON.stringify(per_kind));
});

test('the validator refuses a learn_more that is not a page target, and names it', () => {
    const question = (learn_more) => ({
        id: 'q1',
        type: 'true_false',
        topic: 'definition',
        learn_more,
        prompt: { en: 'True or false: relu(2) = 2.' },
        explanation: { en: 'Yes.' },
        answer: true,
    });
    const validate = (learn_more) =>
        validate_bank({
            format: 'relu-lab-quiz-bank',
            version: 1,
            id: 'b',
            title: { en: 'B' },
            questions: [question(learn_more)],
        }).problems;
    assert.deepEqual(validate('labs/dying_relu'), []);
    assert.deepEqual(validate('learn/derivative'), []);
    for (const bad of ['javascript:alert(1)', 'labs/<b>', 42, '', 'a/b/c/d', { section: 'labs' }]) {
        const problems = validate(bad);
        assert.equal(problems.length, 1, JSON.stringify(bad));
        assert.equal(problems[0].problem, 'bad_learn_more');
        assert.equal(problems[0].field, 'questions[0].learn_more');
    }
    assert.ok(has_key('quiz.problems.bad_learn_more'));
});

test("flashcards as quiz items: a question per card in the learner's language, graded by the learner", () => {
    assert.deepEqual(flashcard_quiz_items.ids(), flashcard_ids);
    const q = flashcard_quiz_items.question('learn.derivative.1');
    assert.equal(q.type, 'flashcard');
    assert.equal(q.topic, 'derivative');
    assert.equal(q.learn_more, 'learn/derivative');
    set_language('en');
    assert.match(bank_text(q.prompt), /relu′\(x\)/);
    assert.match(bank_text(q.explanation), /chapter 2/);
    assert.equal(flashcard_quiz_items.question('learn.derivative.99'), null);
    assert.equal(flashcard_quiz_items.question('def-formula'), null);
    assert.deepEqual(flashcard_quiz_items.check(q, { knew: true }), { correct: true, expected: null });
    assert.equal(flashcard_quiz_items.check(q, { knew: false }).correct, false);
    assert.equal(flashcard_quiz_items.check(q, null).correct, false);
});
