// Doors of the whole page that no single section owns: URL parameters and browser
// storage. Hostile or broken input gets a message, never an injected element, a
// console error or a dead page. (Each section's own doors, e.g. model and IDX files,
// quiz banks and progress files, embed messages, are tested with that section.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { open_page, use_browser_and_server } from '../support/browser.js';
import { wait_for_text } from '../support/wait.js';

const builtin = JSON.parse(readFileSync(new URL('../../web/quiz/bank/relu_lab_bank.json', import.meta.url), 'utf8'));

// Marks any script that ran from injected markup, and any element that should not exist.
const injected = () =>
    Boolean(globalThis.__relu_lab_injected) ||
    document.querySelectorAll('img[src="x"], script[data-evil], iframe[src^="javascript"]').length > 0;

async function page_still_works(page) {
    await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
    // The kernels answer and the explorer's parameters still respond.
    const relu = await page.evaluate(() => globalThis.relu_lab.forward('relu', [-1, 0, 2]));
    assert.deepEqual(relu, [0, 0, 2]);
}

describe('hostile input through the page-wide doors', () => {
    const shared = use_browser_and_server();

    test('malformed, oversized and hostile URL parameters are ignored with no injection', async () => {
        const evil = '<img src=x onerror="globalThis.__relu_lab_injected=1">';
        const queries = [
            `?lang=${encodeURIComponent(evil)}`,
            '?lang=xx-YY&build=turbo',
            `?build=${encodeURIComponent('<script data-evil>globalThis.__relu_lab_injected=1</script>')}`,
            `?sections=${encodeURIComponent(`${evil},quiz`)}&lock=${'a,'.repeat(1500)}&hide=__proto__,constructor`,
            `?preset=${encodeURIComponent('../../etc/passwd')}&lab=${encodeURIComponent(evil)}`,
            `?lang=de&lang=${'x'.repeat(4_000)}`,
            `#${encodeURIComponent(evil)}`,
        ];
        for (const query of queries) {
            const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}${query}`);
            await page_still_works(page);
            assert.equal(await page.evaluate(injected), false, `injection through ${query.slice(0, 80)}`);
            assert.deepEqual(errors, [], `console errors for ${query.slice(0, 80)}`);
            await page.close();
        }
        // An unknown language falls back to a supported one and says so.
        const { page } = await open_page(shared.browser.context, `${shared.server.url}?lang=xx-YY`);
        await page_still_works(page);
        assert.ok(
            ['en', 'de', 'zh-Hans', 'es', 'it'].includes(await page.evaluate(() => document.documentElement.lang))
        );
        assert.equal(await page.isVisible('#notice'), true);
        await page.close();
    });

    test('storage that is unavailable: the page works and says progress will not be kept', async () => {
        const page = await shared.browser.context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        // As in a browser with storage blocked: touching localStorage throws.
        await page.addInitScript(() => {
            Object.defineProperty(window, 'localStorage', {
                get() {
                    throw new DOMException('The operation is insecure.', 'SecurityError');
                },
            });
        });
        await page.goto(shared.server.url);
        await page_still_works(page);
        await wait_for_text(page, '#quiz-storage-notice', /does not let the page store data/);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('storage that is full: saving fails with a message, the session goes on', async () => {
        const page = await shared.browser.context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        await page.addInitScript(() => {
            const set_item = Storage.prototype.setItem;
            Storage.prototype.setItem = function (key, value) {
                // The storage probe is let through; real saves hit a full quota.
                if (key === 'relu-lab.probe') return set_item.call(this, key, value);
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            };
        });
        await page.goto(shared.server.url);
        await page_still_works(page);
        // A one-question bank, one answer: the save fails, the quiz goes on.
        const bank = {
            format: 'relu-lab-quiz-bank',
            version: 1,
            id: 'one',
            title: { en: 'One' },
            questions: [builtin.questions.find((q) => q.type === 'true_false')],
        };
        await page.setInputFiles('#quiz-bank-file', {
            name: 'one.json',
            mimeType: 'application/json',
            buffer: Buffer.from(JSON.stringify(bank)),
        });
        await page.waitForFunction(() =>
            /Loaded the bank/.test(document.querySelector('#quiz-bank-message')?.textContent ?? '')
        );
        await page.click('#quiz-start button[type="submit"]');
        await page.waitForSelector('#quiz-answer-body input[type="radio"]');
        await page.check('#quiz-answer-body input[type="radio"] >> nth=0');
        await page.click('#quiz-check');
        await page.waitForSelector('#quiz-next', { state: 'visible' });
        await page.waitForFunction(() =>
            /could not be saved/.test(document.querySelector('#quiz-storage-notice')?.textContent ?? '')
        );
        assert.deepEqual(errors, []);
        await page.close();
    });
});
