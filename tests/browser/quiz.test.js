// The quiz in real Chromium: a session completed with the keyboard only (Tab, Space,
// arrows, typing, Enter), answers checked by the kernels, the score announced, and the
// score and the review schedule still there after a reload; served over http and from
// file://. Also: an instructor bank with problems is refused with the list of problems.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { dist_dir, open_page, use_browser_and_server } from '../support/browser.js';
import { poll_equal, wait_for_text, wait_for_visible } from '../support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = dist_dir;
const screenshots = join(root, 'build', 'screenshots');
mkdirSync(screenshots, { recursive: true });

// A small instructor bank: one question of each of the six types, from the built-in bank.
const builtin = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));
const picked_ids = [
    'def-vector',
    'der-mask',
    'def-curve',
    'sig-gradient-range-myth',
    'sig-max-derivative',
    'why-predict-zeros',
];
const six_type_bank = {
    format: 'relu-lab-quiz-bank',
    version: 1,
    id: 'six-types',
    title: { en: 'Six types' },
    questions: picked_ids.map((id) => builtin.questions.find((q) => q.id === id)),
};
const by_prompt = new Map(six_type_bank.questions.map((q) => [q.prompt.en.replace(/\{\w+\}.*/, ''), q]));
const names = { relu: 'ReLU', relu6: 'ReLU6', softplus: 'Softplus', elu: 'ELU' };

async function active(page) {
    return page.evaluate(() => {
        const e = document.activeElement;
        return {
            tag: e.tagName,
            id: e.id,
            type: e.type ?? null,
            href: e.getAttribute('href'),
            label: e.closest('label')?.textContent.trim() ?? null,
            in_answer: Boolean(e.closest('#quiz-answer-body')),
        };
    });
}

async function tab_until(page, predicate, what) {
    for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (predicate(await active(page))) return;
    }
    assert.fail(`Tab never reached ${what}`);
}

// Picks the radio whose label is `wanted` with Space and the arrow keys.
async function pick_radio(page, wanted) {
    await page.keyboard.press('Space');
    for (let i = 0; i < 10; i++) {
        if ((await active(page)).label === wanted) return;
        await page.keyboard.press('ArrowDown');
    }
    assert.fail(`no radio labelled ${wanted}`);
}

// Answers the question on screen by keyboard; answers it wrongly when `wrong`.
async function answer_by_keyboard(page, wrong) {
    const prompt = await page.textContent('#quiz-prompt');
    const q = [...by_prompt].find(([start]) => prompt.startsWith(start))?.[1];
    assert.ok(q, `unknown question on screen: ${prompt}`);
    assert.equal((await active(page)).id, 'quiz-prompt', 'focus starts on the question');
    await tab_until(page, (a) => a.in_answer && a.tag === 'INPUT', 'the answer inputs');
    const first = await active(page);
    if (q.type === 'numeric') {
        // An independent computation of the drawn vector: relu in double precision.
        const x = prompt
            .match(/\[([^\]]*)\]/)[1]
            .split(', ') // English vectors print with commas
            .map((s) => Number(s.trim().replace('−', '-')));
        const answer = x.map((v) => Math.max(0, v) + (wrong ? 1 : 0));
        await page.keyboard.type(answer.join(', '));
        await page.keyboard.press('Enter');
    } else if (q.type === 'predict_run') {
        await page.keyboard.type(wrong ? '0.9' : '0.5');
        await page.keyboard.press('Enter');
    } else if (first.type === 'checkbox') {
        const right = new Set(q.answer.map((i) => q.choices[i].en));
        for (let i = 0; i < q.choices.length; i++) {
            if (right.has((await active(page)).label) !== Boolean(wrong)) await page.keyboard.press('Space');
            await page.keyboard.press('Tab');
        }
    } else {
        let wanted;
        if (q.type === 'true_false') wanted = q.answer !== Boolean(wrong) ? 'True' : 'False';
        else if (q.type === 'which_curve')
            wanted = names[wrong ? q.choices.find((c) => c !== q.curve.activation) : q.curve.activation];
        else wanted = q.choices[wrong ? (q.answer + 1) % q.choices.length : q.answer].en;
        await pick_radio(page, wanted);
        await page.keyboard.press('Tab');
    }
    if ((await active(page)).id === 'quiz-check') await page.keyboard.press('Enter');
    await page.waitForSelector('#quiz-feedback .quiz-verdict');
    await poll_equal(async () => (await active(page)).id, 'quiz-next', { what: 'focus on the next button' });
    return { q, verdict: await page.textContent('#quiz-feedback .quiz-verdict') };
}

async function complete_session_by_keyboard(page, shot_prefix) {
    // From the top of the page: the nav link to the quiz, then into the quiz.
    await tab_until(page, (a) => a.href === '#quiz', 'the quiz link in the navigation');
    await page.keyboard.press('Enter');
    // The page answers the link's hashchange by focusing the quiz section: wait for it, or
    // that focus lands after the Tab presses below and takes the focus off the menu (on a
    // loaded machine the event came late and the ArrowDown below was lost).
    await page.waitForFunction(() => location.hash === '#quiz' && document.activeElement?.id === 'quiz');
    await tab_until(page, (a) => a.id === 'quiz-session-size', 'the session size');
    await page.keyboard.press('ArrowDown'); // 5 -> 10 (the bank has 6)
    await poll_equal(() => page.inputValue('#quiz-session-size'), '10');
    await tab_until(page, (a) => a.tag === 'BUTTON', 'the start button');
    await page.keyboard.press('Enter');

    const results = [];
    for (let i = 0; i < six_type_bank.questions.length; i++) {
        await page.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
        assert.match(await page.textContent('#quiz-counter'), new RegExp(`Question ${i + 1} of 6`));
        const prompt = await page.textContent('#quiz-prompt');
        const wrong = prompt.startsWith('True or false'); // answer this one wrongly on purpose
        const { q, verdict } = await answer_by_keyboard(page, wrong);
        assert.equal(
            verdict,
            wrong ? '✗ Not quite.' : '✓ Correct.',
            `${q.id}: ${await page.textContent('#quiz-feedback')}`
        );
        // The explanation is announced with the verdict (role=status, aria-live=polite).
        assert.equal(await page.getAttribute('#quiz-feedback', 'aria-live'), 'polite');
        assert.ok((await page.textContent('#quiz-feedback')).includes(q.explanation.en));
        if (q.type === 'which_curve' || q.type === 'predict_run') {
            await page
                .locator('#quiz-question')
                .screenshot({ path: join(screenshots, `${shot_prefix}-${q.type}.png`) });
        }
        results.push({
            id: q.id,
            correct: !wrong,
            link: await page.$$eval('#quiz-feedback a', (as) => as.map((a) => a.getAttribute('href'))),
        });
        await page.keyboard.press('Enter');
    }
    await page.waitForFunction(() => document.activeElement?.id === 'quiz-summary-title');
    return results;
}

// Files are read asynchronously: wait until the bank panel reports.
async function bank_message(page, pattern) {
    await page.waitForFunction(
        (source) => new RegExp(source).test(document.querySelector('#quiz-bank-message').textContent),
        pattern.source
    );
    return page.textContent('#quiz-bank-message');
}

async function schedule_rows(page) {
    return page.$$eval('#quiz-schedule tbody tr', (rows) => rows.map((r) => Number(r.querySelector('td').textContent)));
}

// Waits until the review schedule shows `boxes` (cards per box).
const expect_schedule = (page, boxes) =>
    poll_equal(() => schedule_rows(page), boxes, { what: `the schedule ${boxes.join(', ')}` });

async function run_keyboard_quiz(browser, url, shot_prefix) {
    const { page, errors } = await open_page(browser.context, url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
    // The instructor loads a bank with the file picker.
    await page.setInputFiles('#quiz-bank-file', {
        name: 'six.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(six_type_bank)),
    });
    assert.match(await bank_message(page, /Loaded the bank/), /Loaded the bank “Six types” with 6 questions/);
    await page.evaluate(() => {
        globalThis.seen_events = [];
        globalThis.relu_lab.learning_events.on('*', (e) => globalThis.seen_events.push({ ...e }));
    });
    await page.focus('body');

    const results = await complete_session_by_keyboard(page, shot_prefix);
    assert.equal(await page.textContent('#quiz-summary-score'), 'You scored 5 of 6 (83 %).');
    // ... and announced through a live region that was there all along.
    assert.equal(await page.textContent('#quiz-announcer'), 'You scored 5 of 6 (83 %).');
    assert.equal(await page.getAttribute('#quiz-announcer', 'aria-live'), 'polite');
    // Links to the chapter or lab that teaches each question (its learn_more).
    assert.deepEqual(results.find((r) => r.id === 'def-vector').link, ['#learn/definition']);
    assert.deepEqual(results.find((r) => r.id === 'why-predict-zeros').link, ['#labs/sparsity']);

    const events = await page.evaluate(() => globalThis.seen_events);
    assert.deepEqual(events.map((e) => e.name).filter((n) => n === 'quiz.answered').length, 6);
    const completed = events.find((e) => e.name === 'quiz.completed');
    assert.deepEqual([completed.score, completed.max_score, completed.percent], [5, 6, 83]);
    assert.equal(events.filter((e) => e.name === 'quiz.answered').at(-1).score_so_far, 5);

    // Schedule: the wrong card back in box 1 (due now), the five right ones in box 2.
    assert.deepEqual(await schedule_rows(page), [0, 1, 5, 0, 0, 0]);
    assert.match(await page.textContent('#quiz-due'), /Due for review now: 1\./);
    assert.match(await page.textContent('#quiz-last-session'), /Last session: 5 of 6 \(83 %\)/);
    await page.locator('#quiz').screenshot({ path: join(screenshots, `${shot_prefix}-done.png`) });

    // Reload: the bank, the last score and the schedule are still there (once the stored
    // progress has been read and shown).
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await wait_for_text(page, '#quiz-bank-name', /Six types \(6 questions\)/);
    await wait_for_text(page, '#quiz-last-session', /Last session: 5 of 6 \(83 %\)/);
    await expect_schedule(page, [0, 1, 5, 0, 0, 0]);
    await wait_for_text(page, '#quiz-start-status', /1 due for review, 0 not yet seen/);
    // Mastery per topic: 'sigmoid_tanh' has one right (box 2) and one wrong (box 1) card: (1/4 + 0) / 2 = 12.5 -> 13 %.
    await wait_for_text(page, '#quiz-mastery tr[data-topic="sigmoid_tanh"] td:last-child span', '13 %');
    assert.deepEqual(errors, []);
    return page;
}

describe('quiz in Chromium', () => {
    const shared = use_browser_and_server();

    test('served over http: keyboard-only session, score and schedule survive a reload', async () => {
        const page = await run_keyboard_quiz(shared.browser, shared.server.url, 'quiz-served');
        // Export to a file.
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#quiz-export')]);
        const exported = readFileSync(await download.path(), 'utf8');
        assert.equal(JSON.parse(exported).format, 'relu-lab-quiz-progress');
        // Reset asks first (Cancel keeps everything), then erases this bank's progress.
        await page.click('#quiz-reset');
        await wait_for_visible(page, '#quiz-reset-confirm');
        await page.click('#quiz-reset-no');
        await wait_for_visible(page, '#quiz-reset-confirm', false);
        assert.deepEqual(await schedule_rows(page), [0, 1, 5, 0, 0, 0]);
        await page.click('#quiz-reset');
        await wait_for_visible(page, '#quiz-reset-confirm');
        await page.click('#quiz-reset-yes');
        await expect_schedule(page, [6, 0, 0, 0, 0, 0]);
        await wait_for_text(page, '#quiz-last-session', /No session finished yet/);
        // Import brings it back; a foreign file changes nothing.
        await page.setInputFiles('#quiz-import', {
            name: 'progress.json',
            mimeType: 'application/json',
            buffer: Buffer.from(exported),
        });
        await page.waitForFunction(() =>
            /Progress imported/.test(document.querySelector('#quiz-storage-notice').textContent)
        );
        await expect_schedule(page, [0, 1, 5, 0, 0, 0]);
        await page.setInputFiles('#quiz-import', {
            name: 'other.json',
            mimeType: 'application/json',
            buffer: Buffer.from('{"hello": 1}'),
        });
        await page.waitForFunction(() =>
            /not a ReLU Lab quiz progress file/.test(document.querySelector('#quiz-storage-notice').textContent)
        );
        assert.deepEqual(await schedule_rows(page), [0, 1, 5, 0, 0, 0]);
        // Damaged storage: a message, a fresh start, and the page keeps working.
        await page.evaluate(() =>
            localStorage.setItem(
                'relu-lab.quiz.progress',
                '{"format": "relu-lab-quiz-progress", "version": 1, "banks": ['
            )
        );
        await page.reload();
        await page.waitForSelector('html[data-ready="true"]');
        await wait_for_text(page, '#quiz-storage-notice', /damaged/);
        await expect_schedule(page, [6, 0, 0, 0, 0, 0]);
        await page.close();
    });

    test('opened from file://: the same keyboard session and reload', async () => {
        const page = await run_keyboard_quiz(shared.browser, pathToFileURL(join(dist, 'index.html')).href, 'quiz-file');
        await page.close();
    });

    test('a bank with problems is refused with every problem listed, and nothing is injected', async () => {
        const { page, errors } = await open_page(shared.browser.context, shared.server.url);
        await page.waitForSelector('html[data-ready="true"]');
        const bank_before = await page.textContent('#quiz-bank-name');
        const hostile = JSON.stringify({
            ...six_type_bank,
            id: 'hostile',
            title: { en: '<img src=x onerror="document.title=1">' },
        })
            .replace('"id":"der-mask"', '"id":"def-vector","__proto__":{"polluted":1}')
            .replace('"type":"true_false"', '"type":"essay"');
        await page.setInputFiles('#quiz-bank-file', {
            name: 'hostile.json',
            mimeType: 'application/json',
            buffer: Buffer.from(hostile),
        });
        const message = await bank_message(page, /refused/);
        assert.match(message, /The file was refused\. Problems found \(4\)/);
        const items = await page.$$eval('#quiz-bank-message li', (lis) => lis.map((li) => li.textContent));
        assert.ok(
            items.some((t) => /field questions\[1\]\.__proto__: the key “__proto__” is not allowed/.test(t)),
            items.join('\n')
        );
        assert.ok(items.some((t) => /field title\.en: contains HTML/.test(t)));
        assert.ok(
            items.some((t) =>
                /question “def-vector”, field questions\[1\]\.id: another question already has this id/.test(t)
            )
        );
        assert.ok(
            items.some((t) =>
                /question “sig-gradient-range-myth”, field questions\[3\]\.type: is not a question type/.test(t)
            )
        );
        assert.equal(await page.$('#quiz img'), null);
        assert.equal(await page.evaluate(() => ({}).polluted), undefined);
        assert.equal(await page.textContent('#quiz-bank-name'), bank_before, 'the bank in use stays');
        // Bytes that are not text at all.
        await page.setInputFiles('#quiz-bank-file', {
            name: 'bin.json',
            mimeType: 'application/json',
            buffer: Buffer.from([0xff, 0xfe, 0x00, 0xc3]),
        });
        assert.match(await bank_message(page, /UTF-8/), /not UTF-8 text/);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('the built-in bank: a session of 5 from the page, and a 320 px phone layout', async () => {
        const phone = await shared.browser.context.newPage();
        await phone.setViewportSize({ width: 320, height: 640 });
        const errors = [];
        phone.on('pageerror', (e) => errors.push(String(e)));
        await phone.goto(`${shared.server.url}#quiz`);
        await phone.waitForSelector('html[data-ready="true"]');
        await phone.click('#quiz-start button[type="submit"]');
        await phone.waitForSelector('#quiz-question:not([hidden])');
        const overflow = await phone.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth
        );
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
        await phone.locator('#quiz').screenshot({ path: join(screenshots, 'quiz-320.png') });
        assert.deepEqual(errors, []);
        await phone.close();
    });
});
