// Drives the quiz inside a page or frame for the embedding and SCORM tests: a small bank
// of true/false questions from the built-in bank (answers known), loaded through the
// page's own quiz API, and answered with clicks and the keyboard.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtin = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));

export function true_false_bank(count, id = 'true-false-five') {
    const questions = builtin.questions.filter((q) => q.type === 'true_false').slice(0, count);
    assert.equal(questions.length, count);
    return { format: 'relu-lab-quiz-bank', version: 1, id, title: { en: 'True or false' }, questions };
}

// Loads the bank and starts a session of all its questions (the session size select
// offers 5, 10 and 20).
export async function start_bank_session(frame, bank) {
    const problems = await frame.evaluate((value) => globalThis.relu_lab.quiz.use_bank(value), bank);
    assert.deepEqual(problems, []);
    await frame.selectOption('#quiz-session-size', String(bank.questions.length));
    await frame.click('#quiz-start button[type="submit"]');
    await frame.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
}

// Answers the question on screen (rightly unless `wrong`): a click on the radio, a
// click on Check, Enter on the focused Next button. Returns the question.
export async function answer_question(frame, bank, lang, { wrong = false } = {}) {
    const prompt = (await frame.textContent('#quiz-prompt')).trim();
    const q = bank.questions.find((candidate) => candidate.prompt[lang].trim().slice(0, 40) === prompt.slice(0, 40));
    assert.ok(q, `unknown question on screen: ${prompt}`);
    const say_true = q.answer !== wrong;
    await frame.click(`#quiz-answer-body label.quiz-choice:nth-of-type(${say_true ? 1 : 2})`);
    await frame.click('#quiz-check');
    await frame.waitForSelector('#quiz-feedback .quiz-verdict');
    await frame.waitForFunction(() => document.activeElement?.id === 'quiz-next');
    await frame.press('#quiz-next', 'Enter');
    return q;
}

// Answers every question, the ones whose index is in `wrong_indices` wrongly; waits for
// the summary.
export async function complete_session(frame, bank, lang, wrong_indices = []) {
    for (let i = 0; i < bank.questions.length; i++) {
        if (i > 0) await frame.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
        await answer_question(frame, bank, lang, { wrong: wrong_indices.includes(i) });
    }
    await frame.waitForFunction(() => document.activeElement?.id === 'quiz-summary-title');
}
