// axe-core in real Chromium on every page section (found in the page, so sections added
// later are checked too), each shown alone as an embedding would, in light and dark mode:
// no serious or critical violation. The quiz is also checked with a question and its
// feedback on screen, and the Embed dialog open.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, launch_browser, open_page } from '../support/browser.js';
import { fill_numeric_answer } from '../support/quiz_answer.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const axe_source = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// Runs axe on the page; returns the serious and critical violations, readable.
async function serious_violations(page) {
    // Evaluated through the debugging protocol, which the page's CSP does not govern
    // (an injected <script> would be refused, rightly).
    if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.evaluate(axe_source);
    const result = await page.evaluate(async () => {
        const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
        return {
            rules_run: r.passes.length + r.violations.length + r.incomplete.length,
            violations: r.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes
                    .slice(0, 5)
                    .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`),
            })),
        };
    });
    // A check that checked nothing would pass: axe runs dozens of rules on this page.
    assert.ok(result.rules_run > 20, `axe ran only ${result.rules_run} rules`);
    const minor = result.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
    if (minor.length) console.log(`minor/moderate: ${minor.map((v) => v.id).join(', ')}`);
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const color_scheme of ['light', 'dark']) {
    describe(`axe-core, ${color_scheme} mode`, () => {
        let browser;
        let server;
        let sections;
        before(async () => {
            browser = await launch_browser({ color_scheme });
            server = await start_static_server(dist_dir);
            const { page } = await open_page(browser.context, server.url);
            await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
            sections = await page.$$eval('main > section.page-section[id]', (s) => s.map((e) => e.id));
            await page.close();
        });
        after(async () => {
            await browser?.close();
            await server?.close();
        });

        test('every section alone: no serious or critical violation', async () => {
            assert.ok(sections.includes('explorer') && sections.includes('quiz'), sections.join());
            const found = {};
            for (const id of sections) {
                const { page, errors } = await open_page(browser.context, `${server.url}?sections=${id}`);
                await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
                assert.equal(await page.isVisible(`#${id}`), true);
                const violations = await serious_violations(page);
                if (violations.length) found[id] = violations;
                if (id === 'quiz') {
                    // A question with its feedback on screen.
                    await page.click('#quiz-start button[type="submit"]');
                    await page.waitForSelector('#quiz-question:not([hidden])');
                    const choice = await page.$(
                        '#quiz-answer-body input[type="radio"], #quiz-answer-body input[type="checkbox"]'
                    );
                    if (choice) await choice.check();
                    else await fill_numeric_answer(page, '0');
                    await page.click('#quiz-check');
                    await page.waitForSelector('#quiz-feedback .quiz-verdict');
                    const with_feedback = await serious_violations(page);
                    if (with_feedback.length) found['quiz (question and feedback)'] = with_feedback;
                }
                assert.deepEqual(errors, [], id);
                await page.close();
            }
            assert.deepEqual(found, {}, JSON.stringify(found, null, 1));
        });

        test('the Embed dialog open: no serious or critical violation', async () => {
            const { page } = await open_page(browser.context, server.url);
            await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
            await page.click('#embed-open');
            await page.waitForSelector('#embed-dialog[open]');
            assert.deepEqual(await serious_violations(page), []);
            await page.close();
        });
    });
}
