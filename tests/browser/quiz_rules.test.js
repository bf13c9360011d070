// Issue 20 in real Chromium: the graded quiz an instructor fixes by address (rules box,
// exactly N questions, attempts counted, practice after the last one), the end of a
// session (what was missed, with answers and links, the next review in the learner's
// locale), numbers (commas in English vectors, fractions, a count that is off named
// instead of marked wrong, years ungrouped), the instructor tools' control names, and
// the mastery table on a 360 px phone.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { open_page, use_browser_and_server } from '../support/browser.js';
import { wait_for_text, wait_for_visible } from '../support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = process.env.RELU_LAB_SHOTS ?? join(root, 'build', 'screenshots');
mkdirSync(shots, { recursive: true });
const builtin = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));
const bank_of = (id, ids) => ({
    format: 'relu-lab-quiz-bank',
    version: 1,
    id,
    title: { en: id },
    questions: ids.map((qid) => builtin.questions.find((q) => q.id === qid)),
});

async function ready(page) {
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
}

async function question_number(page) {
    const text = await page.textContent('#quiz-counter');
    return Number(/(\d+) of (\d+)/.exec(text)[1]);
}

// Answers whatever is on screen with the first choice, or zeros in a number field (as
// many as the question asks for: the form says so without counting it as an answer).
async function answer_anything(page) {
    const field = await page.$('#quiz-answer-body input[type="text"]');
    if (field) {
        await field.fill('0');
        await page.click('#quiz-check');
        await page.waitForFunction(
            () =>
                document.querySelector('#quiz-feedback .quiz-verdict') ||
                [...document.querySelectorAll('#quiz-answer-body .field-error')].some((e) => !e.hidden)
        );
        const error = await page.$eval('#quiz-answer-body .field-error', (e) => (e.hidden ? null : e.textContent));
        if (error) {
            const expected = Number(/asks for (\d+) values/.exec(error)[1]);
            await field.fill(Array(expected).fill('0').join(', '));
            await page.click('#quiz-check');
        }
    } else {
        await page.check('#quiz-answer-body input >> nth=0');
        await page.click('#quiz-check');
    }
    await page.waitForSelector('#quiz-feedback .quiz-verdict');
}

async function run_session(page) {
    await page.click('#quiz-start-button');
    let asked = 0;
    for (;;) {
        await page.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
        asked++;
        assert.equal(await question_number(page), asked);
        await answer_anything(page);
        const last = (await page.textContent('#quiz-next')) === 'See your score';
        await page.click('#quiz-next');
        if (last) break;
    }
    await page.waitForFunction(() => document.activeElement?.id === 'quiz-summary-title');
    return asked;
}

const rules_lines = (page) => page.$$eval('#quiz-rules-list li', (lis) => lis.map((li) => li.textContent));

describe('graded quiz settings and the end of a session', () => {
    const shared = use_browser_and_server();

    test('?quiz_questions=3&quiz_attempts=2&quiz_counts=last&mastery=80: rules, 3 questions, 2 graded attempts, then practice', async () => {
        const url = `${shared.server.url}?sections=quiz&quiz_questions=3&quiz_attempts=2&quiz_counts=last&mastery=80`;
        const { page, errors } = await open_page(shared.browser.context, url);
        await ready(page);
        await page.evaluate(() => {
            globalThis.completed = [];
            globalThis.relu_lab.learning_events.on('quiz.completed', (e) => globalThis.completed.push({ ...e }));
        });
        await wait_for_visible(page, '#quiz-rules');
        assert.equal(await page.textContent('#quiz-rules-title'), 'How this quiz is graded');
        assert.deepEqual(await rules_lines(page), [
            '3 questions per attempt, set by your instructor.',
            'Graded attempts: 0 of 2 used, 2 left.',
            'Your last attempt counts.',
            'Pass mark: 80 %.',
        ]);
        // The learner cannot change the number of questions; the reason is shown.
        assert.equal(await page.isVisible('#quiz-session-size'), false);
        assert.equal(await page.textContent('#quiz-size-fixed'), '3 questions per session (set by your instructor)');
        await page.locator('#quiz-start').screenshot({ path: join(shots, 'quiz_rules.png') });

        assert.equal(await run_session(page), 3, 'exactly 3 questions asked');
        assert.match(await page.textContent('#quiz-summary-grading'), /Graded attempt 1 of 2/);
        await page.click('#quiz-again');
        await wait_for_text(page, '#quiz-rules-list li:nth-child(2)', 'Graded attempts: 1 of 2 used, 1 left.');
        // The attempt is kept: a reload shows the same count.
        await page.reload();
        await ready(page);
        await wait_for_text(page, '#quiz-rules-list li:nth-child(2)', 'Graded attempts: 1 of 2 used, 1 left.');
        await page.evaluate(() => {
            globalThis.completed = [];
            globalThis.relu_lab.learning_events.on('quiz.completed', (e) => globalThis.completed.push({ ...e }));
        });
        assert.equal(await run_session(page), 3);
        assert.match(await page.textContent('#quiz-summary-grading'), /Graded attempt 2 of 2/);
        await page.click('#quiz-again');
        await wait_for_text(page, '#quiz-rules-list li:nth-child(2)', 'Graded attempts: 2 of 2 used, 0 left.');
        // After the last attempt: said so, and practice only.
        await wait_for_visible(page, '#quiz-attempts-over');
        assert.match(await page.textContent('#quiz-attempts-over'), /used all 2 graded attempts.*not reported/);
        assert.equal(await page.textContent('#quiz-start-button'), 'Start a practice session');
        assert.equal(await run_session(page), 3);
        assert.match(await page.textContent('#quiz-summary-grading'), /Practice session: this score is not reported/);
        await page.click('#quiz-again');
        await wait_for_text(page, '#quiz-rules-list li:nth-child(2)', 'Graded attempts: 2 of 2 used, 0 left.');
        const completed = await page.evaluate(() => globalThis.completed);
        assert.deepEqual(
            completed.map((e) => [e.graded, e.attempt_number, e.counts]),
            [
                [true, 2, 'last'],
                [false, 3, 'last'],
            ]
        );
        assert.equal(completed[0].counted_percent, completed[0].percent, 'the last attempt counts');
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('the end lists what was missed (prompt, both answers, a link) and when reviews are due, in German', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?lang=de#quiz`);
        await ready(page);
        // why-no-saturation is true, tanh-zero-centred is true: answer one right, one wrong.
        const problems = await page.evaluate(
            (bank) => globalThis.relu_lab.quiz.use_bank(bank),
            bank_of('two-true', ['why-no-saturation', 'tanh-zero-centred'])
        );
        assert.deepEqual(problems, []);
        await page.selectOption('#quiz-session-size', '5');
        await page.click('#quiz-start-button');
        for (let i = 0; i < 2; i++) {
            await page.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
            const prompt = await page.textContent('#quiz-prompt');
            const wrong = prompt.includes('tanh');
            await page.check(`#quiz-answer-body input >> nth=${wrong ? 1 : 0}`); // Wahr, Falsch
            await page.click('#quiz-check');
            await page.waitForSelector('#quiz-feedback .quiz-verdict');
            await page.click('#quiz-next');
        }
        await page.waitForFunction(() => document.activeElement?.id === 'quiz-summary-title');
        assert.equal(await page.textContent('#quiz-missed-title'), 'Was Sie verpasst haben');
        const missed = await page.$$eval('#quiz-missed-list li', (lis) =>
            lis.map((li) => ({
                id: li.dataset.questionId,
                text: [...li.querySelectorAll('p')].map((p) => p.textContent),
                href: li.querySelector('a')?.getAttribute('href') ?? null,
            }))
        );
        const tanh = builtin.questions.find((q) => q.id === 'tanh-zero-centred');
        assert.deepEqual(missed, [
            {
                id: 'tanh-zero-centred',
                text: [tanh.prompt.de, 'Ihre Antwort: Falsch', 'Die Antwort: Wahr', missed[0].text[3]],
                href: '#learn/sigmoid_tanh',
            },
        ]);
        // The link leads to the chapter that teaches it.
        await page.click('#quiz-missed-list a');
        await page.waitForFunction(() => location.hash === '#learn/sigmoid_tanh');
        await page.goBack();
        await page.waitForFunction(() => location.hash !== '#learn/sigmoid_tanh');
        // Missed: due now; the right one: next review in a day, as a German date.
        const tomorrow = await page.evaluate(() =>
            new Intl.DateTimeFormat('de', { dateStyle: 'medium' }).format(new Date(Date.now() + 86_400_000))
        );
        const review = await page.textContent('#quiz-summary-review');
        assert.match(review, /^Jetzt zur Wiederholung fällig: 1 /);
        assert.ok(review.includes(`Nächste Wiederholung fällig: ${tomorrow}`), review);
        await page.locator('#quiz-summary').screenshot({ path: join(shots, 'quiz_end.png') });
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('numbers: commas in English vectors, fractions accepted, a wrong count named and not marked, years ungrouped', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?sections=quiz`);
        await ready(page);
        await page.evaluate(
            (bank) => globalThis.relu_lab.quiz.use_bank(bank),
            bank_of('numbers', ['def-vector', 'init-he-variance-number', 'hist-alexnet-year'])
        );
        await page.selectOption('#quiz-session-size', '5');
        await page.click('#quiz-start-button');
        const seen = new Set();
        for (let i = 0; i < 3; i++) {
            await page.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
            const prompt = await page.textContent('#quiz-prompt');
            const label = await page.textContent('#quiz-answer-body label');
            const field = page.locator('#quiz-answer-body input[type="text"]');
            if (prompt.includes('[')) {
                seen.add('vector');
                const x = /\[([^\]]*)\]/.exec(prompt)[1];
                assert.ok(x.includes(', ') && !x.includes(';'), prompt);
                const values = x.split(', ').map((s) => Number(s.replace('−', '-')));
                assert.match(label, new RegExp(`${values.length} values, separated by commas`));
                // One value too many: said, not marked.
                await field.fill([...values.map((v) => Math.max(0, v)), 7].join(', '));
                await page.click('#quiz-check');
                await wait_for_text(
                    page,
                    '#quiz-answer-body .field-error',
                    `This question asks for ${values.length} values, but your answer has ${values.length + 1}.`
                );
                assert.equal(await page.$('#quiz-feedback .quiz-verdict'), null, 'not marked');
                await field.fill(values.map((v) => Math.max(0, v)).join(', '));
            } else if (prompt.includes('fan_in')) {
                seen.add('fraction');
                assert.match(label, /fraction such as 2\/64/);
                assert.doesNotMatch(label, /decimal comma|semicolon/);
                const fan_in = /fan_in = (\d+)/.exec(prompt)[1];
                await field.fill(`2/${fan_in}`);
            } else {
                seen.add('year');
                await field.fill('2011');
            }
            await page.click('#quiz-check');
            await page.waitForSelector('#quiz-feedback .quiz-verdict');
            const feedback = await page.textContent('#quiz-feedback');
            if (prompt.includes('AlexNet')) {
                assert.match(feedback, /Your answer: 2011/);
                assert.match(feedback, /The answer: 2012/);
            } else assert.match(feedback, /✓ Correct\./, `${prompt}\n${feedback}`);
            await page.click('#quiz-next');
        }
        assert.deepEqual([...seen].sort(), ['fraction', 'vector', 'year']);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('German: the separator hint only on vector questions, with semicolons; decimal commas in one number', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?sections=quiz&lang=de`);
        await ready(page);
        await page.evaluate(
            (bank) => globalThis.relu_lab.quiz.use_bank(bank),
            bank_of('numbers-de', ['def-vector', 'init-he-variance-number'])
        );
        await page.selectOption('#quiz-session-size', '5');
        await page.click('#quiz-start-button');
        for (let i = 0; i < 2; i++) {
            await page.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
            const prompt = await page.textContent('#quiz-prompt');
            const label = await page.textContent('#quiz-answer-body label');
            const field = page.locator('#quiz-answer-body input[type="text"]');
            if (prompt.includes('[')) {
                const x = /\[([^\]]*)\]/.exec(prompt)[1];
                assert.ok(x.includes('; '), prompt);
                assert.match(label, /durch Semikolons getrennt/);
                const values = x.split('; ').map((s) => Number(s.replace('−', '-').replace(',', '.')));
                await field.fill(values.map((v) => String(Math.max(0, v)).replace('.', ',')).join('; '));
            } else {
                assert.doesNotMatch(label, /Semikolon|Komma/);
                const fan_in = Number(/fan_in = (\d+)/.exec(prompt)[1]);
                await field.fill(String(2 / fan_in).replace('.', ','));
            }
            await page.click('#quiz-check');
            await page.waitForSelector('#quiz-feedback .quiz-verdict');
            assert.match(await page.textContent('#quiz-feedback'), /✓ Richtig\./);
            await page.click('#quiz-next');
        }
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('instructor tools carry stable control names; the bank text points to the guide', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}#quiz`);
        await ready(page);
        assert.ok(await page.$('[data-control="quiz_bank"] #quiz-bank-file'));
        for (const id of ['quiz-export', 'quiz-import', 'quiz-reset'])
            assert.ok(await page.$(`[data-control="quiz_progress_files"] #${id}`), id);
        const bank_text = await page.textContent('[data-control="quiz_bank"]');
        assert.doesNotMatch(bank_text, /SCHEMA\.md|web\/quiz/);
        assert.match(bank_text, /instructor’s guide/);
        assert.match(await page.getAttribute('#quiz-bank-guide', 'href'), /^instructor-guide\.(html|md)$/);
        // An embedding hides them by name.
        const hidden = await open_page(
            shared.browser.context,
            `${shared.server.url}?hide=quiz_bank,quiz_progress_files#quiz`
        );
        await ready(hidden.page);
        assert.equal(await hidden.page.isVisible('#quiz-bank-file'), false);
        assert.equal(await hidden.page.isVisible('#quiz-export'), false);
        assert.equal(await hidden.page.isVisible('#quiz-start-button'), true);
        assert.deepEqual([...errors, ...hidden.errors], []);
        await page.close();
        await hidden.page.close();
    });

    test('a 360 px phone: the mastery table fits, every column inside the card', async () => {
        const phone = await shared.browser.context.newPage();
        await phone.setViewportSize({ width: 360, height: 740 });
        const errors = [];
        phone.on('pageerror', (e) => errors.push(String(e)));
        for (const lang of ['en', 'de']) {
            await phone.goto(`${shared.server.url}?sections=quiz&lang=${lang}`);
            await ready(phone);
            await phone.waitForSelector('#quiz-mastery tbody tr');
            const measured = await phone.evaluate(() => {
                const table = document.querySelector('#quiz-mastery');
                const scroller = table.parentElement;
                const card = table.closest('.card').getBoundingClientRect();
                const cells = [...table.querySelectorAll('tr > *')].map((c) => c.getBoundingClientRect());
                return {
                    overflow_px: scroller.scrollWidth - scroller.clientWidth,
                    rightmost_px: Math.max(...cells.map((r) => r.right)),
                    card_right_px: card.right,
                    viewport_px: document.documentElement.clientWidth,
                };
            });
            assert.ok(measured.overflow_px <= 0, `${lang}: ${JSON.stringify(measured)}`);
            assert.ok(measured.rightmost_px <= measured.card_right_px, `${lang}: ${JSON.stringify(measured)}`);
            assert.ok(measured.card_right_px <= measured.viewport_px, `${lang}: ${JSON.stringify(measured)}`);
            if (lang === 'de')
                await phone.locator('.quiz-progress').screenshot({ path: join(shots, 'quiz_mastery_360.png') });
        }
        assert.deepEqual(errors, []);
        await phone.close();
    });
});
