// What browser storage may hold or do to the page, in real Chromium, served and from
// file://: stored quiz progress with times outside the range of Date (the quiz shows
// what can be trusted and every section still starts), a section whose start fails (a
// message in its place, the others work), and storage that is full to its real quota
// (the progress already stored stays shown, with a message that new answers may not be
// kept).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, launch_browser, open_page } from '../support/browser.js';
import { answer_question, start_bank_session, true_false_bank } from '../support/quiz_driver.js';

// Questions of the shipped bank: the cards not seen yet are all of them but the stored ones.
const shipped_question_count = JSON.parse(
    readFileSync(
        join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'quiz', 'bank', 'relu_lab_bank.json'),
        'utf8'
    )
).questions.length;

const progress_key = 'relu-lab.quiz.progress';
const sections = ['explorer', 'quiz', 'trainer', 'labs'];
const day_ms = 24 * 60 * 60 * 1000;

// Three trustworthy cards in box 3 (two right answers each) beside cards and a last
// session whose times Date cannot hold: as an import file, suspend_data or an older
// version may have stored them.
function hostile_progress(now_ms) {
    const good = (last_ms) => ({ box: 3, due_ms: last_ms + 3 * day_ms, right: 2, wrong: 0, last_ms });
    return {
        format: 'relu-lab-quiz-progress',
        version: 1,
        banks: {
            'relu-lab-core': {
                schedule: {
                    cards: {
                        'def-formula': good(now_ms - day_ms),
                        'def-range': good(now_ms - day_ms),
                        'def-bounded': good(now_ms - day_ms),
                        'def-worked-example': { box: 2, due_ms: 1e20, right: 1, wrong: 0, last_ms: now_ms },
                        'def-vector': { box: 2, due_ms: now_ms, right: 1, wrong: 0, last_ms: -1e20 },
                        'def-scalar': { box: 2, due_ms: '1e20', right: 1, wrong: 0, last_ms: now_ms },
                        'der-zero': { box: 2, due_ms: 8.64e15 + 1, right: 1, wrong: 0, last_ms: now_ms },
                    },
                },
                last_session: { score: 4, max_score: 5, percent: 80, finished_ms: 1e20 },
            },
        },
    };
}

const page_urls = (server) => [server.url, pathToFileURL(join(dist_dir, 'index.html')).href];

// Every section has started: its own content is in place and no section shows an error.
async function wait_for_sections(page, started) {
    await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
    for (const id of started) await page.waitForSelector(`#${id} > .${id}`, { state: 'attached' });
}

async function schedule_counts(page) {
    return page.$$eval('#quiz-schedule tbody tr', (rows) => rows.map((r) => Number(r.querySelector('td').textContent)));
}

// Opens the page, stores `value` under `key` and loads the page again (storage is per
// origin, so it is written from the page itself).
async function open_with_stored(context, url, entries) {
    const opened = await open_page(context, url);
    await opened.page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
    await opened.page.evaluate((pairs) => {
        localStorage.clear();
        for (const [key, value] of pairs) localStorage.setItem(key, value);
    }, entries);
    await opened.page.reload();
    return opened;
}

// Each test has a browser profile of its own: what one test stores cannot reach another.
async function with_browser(run) {
    const browser = await launch_browser();
    try {
        await run(browser.context);
    } finally {
        await browser.close();
    }
}

describe('hostile browser storage', () => {
    const shared = {};
    before(async () => {
        shared.server = await start_static_server(dist_dir);
    });
    after(async () => {
        await shared.server?.close();
    });

    test('stored progress with times outside the range of Date: the quiz shows the rest, every section starts', async () => {
        await with_browser(async (context) => {
            for (const url of page_urls(shared.server)) {
                const now_ms = Date.now();
                const { page, errors } = await open_with_stored(context, url, [
                    [progress_key, JSON.stringify(hostile_progress(now_ms))],
                ]);
                await wait_for_sections(page, sections);
                assert.equal(await page.locator('.section-error').count(), 0, url);
                // The three good cards are in box 3; the four with impossible times are new again.
                const counts = await schedule_counts(page);
                assert.deepEqual(counts.slice(0, 4), [shipped_question_count - 3, 0, 0, 3], url);
                assert.equal(await page.textContent('#quiz-last-session'), 'No session finished yet.');
                const definition = await page.$eval('#quiz-mastery tbody tr[data-topic="definition"]', (tr) =>
                    [...tr.querySelectorAll('td')].slice(1, 3).map((td) => td.textContent)
                );
                assert.deepEqual(definition, ['6', '0'], 'right and wrong answers of the good cards');
                assert.match(await page.textContent('#quiz-due'), /^Due for review now: 0\. Next review after that: /);
                // Still working: the explorer's kernels answer, a session starts.
                assert.deepEqual(await page.evaluate(() => globalThis.relu_lab.forward('relu', [-1, 2])), [0, 2]);
                await page.click('#quiz-start button[type="submit"]');
                await page.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
                assert.deepEqual(errors, [], url);
                await page.close();
            }
        });
    });

    test('an imported progress file with such times is cleaned the same way, and the page starts again after it', async () => {
        await with_browser(async (context) => {
            const { page, errors } = await open_page(context, shared.server.url);
            await wait_for_sections(page, sections);
            await page.evaluate(() => localStorage.clear());
            await page.setInputFiles('#quiz-import', {
                name: 'progress.json',
                mimeType: 'application/json',
                buffer: Buffer.from(JSON.stringify(hostile_progress(Date.now()))),
            });
            await page.waitForFunction(() =>
                /Progress imported/.test(document.querySelector('#quiz-storage-notice').textContent)
            );
            assert.deepEqual((await schedule_counts(page)).slice(0, 4), [shipped_question_count - 3, 0, 0, 3]);
            await page.reload();
            await wait_for_sections(page, sections);
            assert.deepEqual((await schedule_counts(page)).slice(0, 4), [shipped_question_count - 3, 0, 0, 3]);
            assert.deepEqual(errors, []);
            await page.close();
        });
    });

    test('a section that fails to start shows a message in its place; the other sections work', async () => {
        await with_browser(async (context) => {
            for (const url of page_urls(shared.server)) {
                const page = await context.newPage();
                const errors = [];
                page.on('pageerror', (error) => errors.push(String(error)));
                page.on('console', (message) => {
                    if (message.type() === 'error') errors.push(message.text());
                });
                // A browser whose date formatting throws (as it does for an impossible date):
                // only the quiz shows dates, and it shows one as it starts when a session is stored.
                await page.addInitScript(() => {
                    Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', {
                        get() {
                            return () => {
                                throw new RangeError('Invalid time value');
                            };
                        },
                    });
                });
                await page.goto(url);
                await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
                const finished_ms = Date.now() - day_ms;
                const progress = {
                    format: 'relu-lab-quiz-progress',
                    version: 1,
                    banks: {
                        'relu-lab-core': {
                            schedule: { cards: {} },
                            last_session: { score: 4, max_score: 5, percent: 80, finished_ms },
                        },
                    },
                };
                await page.evaluate(
                    ([key, text]) => {
                        localStorage.clear();
                        localStorage.setItem(key, text);
                    },
                    [progress_key, JSON.stringify(progress)]
                );
                await page.reload();
                await wait_for_sections(page, ['explorer', 'trainer', 'labs']);
                // The quiz: a message where it would be, with its heading kept, and nothing half-built.
                const message = page.locator('#quiz .section-error');
                await message.waitFor();
                assert.match(await message.textContent(), /The section “Quiz” could not be started/);
                assert.equal(await message.getAttribute('role'), 'alert');
                assert.equal(await page.locator('#quiz > .quiz').count(), 0);
                assert.equal(await page.locator('#quiz .loading').count(), 0);
                assert.equal(await page.locator('#quiz-title').isVisible(), true);
                assert.equal(await page.evaluate(() => globalThis.relu_lab.quiz), null);
                // The others work: the explorer computes, the labs switch tabs, the trainer is there.
                assert.deepEqual(await page.evaluate(() => globalThis.relu_lab.forward('relu', [-3, 3])), [0, 3]);
                await page.click('#lab-tab-dying_relu');
                await page.waitForSelector('#lab-panel-dying_relu:not([hidden])');
                assert.equal(await page.locator('.section-error').count(), 1);
                // The message follows the language.
                await page.selectOption('#language-select', 'de');
                await page.waitForFunction(() => document.documentElement.lang === 'de');
                await page.waitForFunction(() =>
                    /Der Abschnitt „Quiz“ konnte nicht gestartet werden/.test(
                        document.querySelector('#quiz .section-error').textContent
                    )
                );
                // The stored progress was not touched.
                assert.deepEqual(
                    await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), progress_key),
                    progress
                );
                // The failure is named for developers, once.
                assert.equal(errors.length, 1, errors.join('\n'));
                assert.match(errors[0], /quiz/i);
                await page.close();
            }
        });
    });

    test('storage full to its real quota: stored progress stays shown, with a message; new answers are not lost for the visit', async () => {
        await with_browser(async (context) => {
            for (const url of page_urls(shared.server)) {
                const now_ms = Date.now();
                const good = { box: 3, due_ms: now_ms + 3 * day_ms, right: 2, wrong: 0, last_ms: now_ms - day_ms };
                const progress = {
                    format: 'relu-lab-quiz-progress',
                    version: 1,
                    banks: {
                        'relu-lab-core': {
                            schedule: { cards: { 'def-formula': good, 'def-range': good } },
                            last_session: null,
                        },
                    },
                };
                const { page, errors } = await open_with_stored(context, url, [
                    [progress_key, JSON.stringify(progress)],
                ]);
                await wait_for_sections(page, sections);
                // Fill the origin's storage until the browser refuses another character.
                const filled = await page.evaluate(() => {
                    let chunk = 1 << 20;
                    let index = 0;
                    let chars = 0;
                    let quota_error = null;
                    while (chunk >= 1) {
                        try {
                            localStorage.setItem(`filler-${index}`, 'x'.repeat(chunk));
                            index++;
                            chars += chunk;
                        } catch (error) {
                            quota_error = error.name;
                            chunk = Math.floor(chunk / 2);
                        }
                    }
                    return { chars, quota_error };
                });
                console.log(`${url}: storage full after ${filled.chars} filler characters (${filled.quota_error})`);
                assert.equal(filled.quota_error, 'QuotaExceededError');
                await page.reload();
                await wait_for_sections(page, sections);
                assert.deepEqual(
                    (await schedule_counts(page)).slice(0, 4),
                    [shipped_question_count - 2, 0, 0, 2],
                    'the stored progress is shown'
                );
                await page.waitForFunction(() =>
                    /storage for this page is full/.test(document.querySelector('#quiz-storage-notice').textContent)
                );
                // An answer: kept for this visit, with a message that it could not be saved.
                const bank = true_false_bank(5, 'full-storage-five');
                await start_bank_session(page.mainFrame(), bank);
                await answer_question(page.mainFrame(), bank, 'en');
                await page.waitForFunction(() =>
                    /could not be saved/.test(document.querySelector('#quiz-storage-notice').textContent)
                );
                assert.deepEqual(
                    (await schedule_counts(page)).slice(0, 3),
                    [4, 0, 1],
                    'the answer counts in this visit'
                );
                await page.evaluate(() => localStorage.clear());
                assert.deepEqual(errors, [], url);
                await page.close();
            }
        });
    });
});
