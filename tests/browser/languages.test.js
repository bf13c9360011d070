// Switching through all five languages with the visible picker, on a 320 px phone:
// no raw i18n key on screen, <html lang> follows, nothing wider than the screen, and
// the choice is remembered across a reload.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { open_page, use_browser_and_server } from '../support/browser.js';
import { poll, wait_for_text } from '../support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshots = join(root, 'build', 'screenshots');
mkdirSync(screenshots, { recursive: true });

// A word the page must show in each language (the explorer's heading).
const languages = {
    en: /Activation explorer/,
    de: /Aktivierungsfunktionen/,
    'zh-Hans': /激活函数/,
    es: /funciones de activación/i,
    it: /funzioni di attivazione/i,
};

describe('five languages in Chromium', () => {
    const shared = use_browser_and_server({ viewport: { width: 320, height: 700 } });

    test('the picker switches every section, with no missing key and no overflow at 320 px', async () => {
        const { page, errors } = await open_page(shared.browser.context, shared.server.url);
        await page.waitForSelector('html[data-ready="true"]');
        for (const [tag, heading] of Object.entries(languages)) {
            await page.selectOption('#language-select', tag);
            // Another language's texts load on first use (i18n/<tag>.js), then the page switches.
            await page.waitForFunction((wanted) => document.documentElement.lang === wanted, tag, { timeout: 10_000 });
            await wait_for_text(page, '#explorer-title', heading);
            // The quiz switched too: its heading differs from the English one except in English.
            const quiz_title = await page.textContent('#quiz-title');
            if (tag === 'en') assert.equal(quiz_title, 'Quiz');
            else assert.notEqual(quiz_title.trim(), '');
            const raw_keys = await page.evaluate(() => {
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                const found = [];
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    if (/^\s*(common|explorer|quiz|labs|trainer)\.[a-z0-9_.]+\s*$/.test(node.textContent))
                        found.push(node.textContent.trim());
                }
                for (const el of document.querySelectorAll('[aria-label],[title]')) {
                    for (const value of [el.getAttribute('aria-label'), el.getAttribute('title')]) {
                        if (value && /^(common|explorer|quiz|labs|trainer)\.[a-z0-9_.]+$/.test(value))
                            found.push(value);
                    }
                }
                return found;
            });
            assert.deepEqual(raw_keys, [], `${tag}: raw keys on screen`);
            const overflow = await page.evaluate(
                () => document.documentElement.scrollWidth - document.documentElement.clientWidth
            );
            assert.ok(overflow <= 0, `${tag}: page is ${overflow}px wider than 320 px`);
            if (tag === 'de' || tag === 'zh-Hans')
                await page.screenshot({ path: join(screenshots, `language-${tag}-320.png`), fullPage: true });
        }
        // The last choice (Italian) is remembered.
        await page.reload();
        await page.waitForSelector('html[data-ready="true"]');
        assert.equal(await page.getAttribute('html', 'lang'), 'it');
        assert.deepEqual(errors, []);
        await page.close();
    });

    test("the trainer's starting-point menu shows each option whole at 1280 px, in every language", async () => {
        const { page, errors } = await open_page(shared.browser.context, shared.server.url);
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.waitForSelector('html[data-ready="true"]');
        for (const tag of Object.keys(languages)) {
            await page.selectOption('#language-select', tag);
            await page.waitForFunction((wanted) => document.documentElement.lang === wanted, tag, { timeout: 10_000 });
            await page.waitForFunction(
                () => document.querySelector('[data-control="trainer_preset"] option')?.textContent
            );
            // Each option's text in the menu's own font against the room the closed menu gives it
            // (its width less padding and about 24 px for the arrow).
            const clipped = await page.evaluate(() => {
                const select = document.querySelector('[data-control="trainer_preset"]');
                const style = getComputedStyle(select);
                const context = document.createElement('canvas').getContext('2d');
                context.font = style.font;
                const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
                return [...select.options]
                    .map((option) => ({
                        text: option.textContent,
                        width: context.measureText(option.textContent).width,
                    }))
                    .filter(({ width }) => width > room)
                    .map(({ text, width }) => `${text}: ${Math.round(width)} px > ${Math.round(room)} px`);
            });
            assert.deepEqual(clipped, [], `${tag}: clipped options`);
        }
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('numbers follow the language: decimal comma in German, point in Chinese', async () => {
        for (const [tag, expected] of [
            ['de', '0,25'],
            ['zh-Hans', '0.25'],
        ]) {
            const { page } = await open_page(shared.browser.context, `${shared.server.url}?lang=${tag}`);
            await page.waitForSelector('html[data-ready="true"]');
            await page.fill('#explorer-probe-x', '0');
            await page.press('#explorer-probe-x', 'Enter');
            await poll(
                () => page.textContent('#explorer-readout'),
                (text) => text.includes(expected),
                { what: `${tag}: ${expected} in the readout` }
            );
            await page.close();
        }
    });
});
