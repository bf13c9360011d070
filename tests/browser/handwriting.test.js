// Teach it your handwriting (web/trainer/handwriting/), in Chromium: drawings added from
// the pad with the keyboard, kept in the browser across a reload, tested, fine-tuned with
// the accuracy before and after (held to the worker's own evaluation), undone, exported,
// deleted, imported back; a damaged file is refused in the learner's language.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { serious_axe_violations } from '../support/axe.js';
import { open_page, use_browser_and_server } from '../support/browser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshots = join(root, 'build', 'screenshots');
const locale = (language) =>
    JSON.parse(readFileSync(join(root, 'web', 'i18n', 'locales', language, 'handwriting.json'), 'utf8'));

const thumbnails = (page) => page.locator('.handwriting-thumbnail').count();

async function wait_for_thumbnails(page, count) {
    await page.waitForFunction((n) => document.querySelectorAll('.handwriting-thumbnail').length === n, count, {
        timeout: 30_000,
    });
}

// A held-out sample of `digit` on the pad, added as a drawing of `digit`.
async function add_drawing(page, digit) {
    const before = await thumbnails(page);
    await page.locator(`.draw-sample-button[data-digit="${digit}"]`).press('Enter');
    await page.waitForFunction(() => document.querySelector('.draw-steps')?.dataset.state !== 'empty', null, {
        timeout: 30_000,
    });
    await page.selectOption('[data-control="handwriting_label"]', String(digit));
    await page.locator('[data-control="handwriting_add"]').press('Enter');
    await wait_for_thumbnails(page, before + 1);
}

async function wait_idle(page, state) {
    await page.waitForFunction(
        (s) =>
            document.querySelector('.handwriting')?.dataset.busy === 'false' &&
            document.querySelector('.handwriting-result')?.dataset.state === s,
        state,
        { timeout: 60_000 }
    );
}

describe('teach it your handwriting, in Chromium', () => {
    const shared = use_browser_and_server();

    test('add, keep, test, fine-tune, undo, export, delete, import, and a damaged file in Italian', async () => {
        const url = `${shared.server.url}?sections=trainer`;
        let { page, errors } = await open_page(shared.browser.context, url);
        await page.waitForSelector('.draw-pad[data-ready="true"]', { timeout: 60_000 });
        await page.locator('.handwriting').scrollIntoViewIfNeeded();
        assert.equal(await thumbnails(page), 0);
        assert.equal(await page.locator('[data-control="handwriting_fine_tune"]').isDisabled(), true);

        // One of each digit; the menu then suggests the digit with the fewest drawings.
        for (let digit = 0; digit < 10; digit++) {
            await add_drawing(page, digit);
            if (digit < 9) assert.equal(await page.inputValue('[data-control="handwriting_label"]'), String(digit + 1));
        }
        // Four more 4s: the fifth drawing of a digit is kept aside (dashed, and said so).
        for (let i = 0; i < 4; i++) await add_drawing(page, 4);
        const kept = page.locator('.handwriting-thumbnail.handwriting-kept-aside');
        assert.equal(await kept.count(), 1);
        assert.match(await kept.getAttribute('aria-label'), /Kept aside/);
        assert.match(
            await page.locator('.handwriting-count').textContent(),
            /Your drawings: 14\. Fewer than 5 of: 0, 1, 2, 3, 5/
        );

        // Kept in the browser: a reload shows the same 14 drawings.
        await page.close();
        ({ page, errors } = await open_page(shared.browser.context, url));
        await page.waitForSelector('.draw-pad[data-ready="true"]', { timeout: 60_000 });
        await wait_for_thumbnails(page, 14);

        // Test: the model's reading of each drawing, and the summary.
        await page.locator('[data-control="handwriting_test"]').click();
        await wait_idle(page, 'tested');
        const tested = await page.evaluate(() => ({
            summary: document.querySelector('.handwriting-result-summary').textContent,
            predicted: [...document.querySelectorAll('.handwriting-thumbnail')].map((b) => b.dataset.predicted),
        }));
        assert.match(tested.summary, /reads right: \d+ of 14 /);
        assert.ok(tested.predicted.every((p) => /^[0-9]$/.test(p)));

        // Fine-tune: before and after on the drawings trained on (13), kept aside (1) and the
        // held-out set, whose "after" is what the worker's own evaluation says now.
        const held_out_before = await page.evaluate(() => globalThis.relu_lab.trainer.client.evaluate());
        await page.locator('[data-control="handwriting_fine_tune"]').click();
        await wait_idle(page, 'fine_tuned');
        const table = await page.evaluate(() =>
            Object.fromEntries(
                [...document.querySelectorAll('.handwriting-table tbody tr')].map((row) => [
                    row.dataset.set,
                    {
                        text: row.textContent,
                        before: Number(row.querySelector('[data-when="before"]').dataset.accuracy),
                        after: Number(row.querySelector('[data-when="after"]').dataset.accuracy),
                    },
                ])
            )
        );
        assert.match(table.own.text, /of 13\)/);
        assert.match(table.kept_aside.text, /of 1\)/);
        assert.match(table.held_out.text, /of 1[.,]?000\)/);
        assert.equal(table.held_out.before, held_out_before.accuracy);
        const held_out_after = await page.evaluate(() => globalThis.relu_lab.trainer.client.evaluate());
        assert.equal(table.held_out.after, held_out_after.accuracy);
        assert.ok(table.own.after >= table.own.before, `${table.own.before} -> ${table.own.after}`);
        assert.match(await page.locator('.handwriting-result-summary').textContent(), /steps on 6,000 images/);
        await page.locator('.trainer-handwriting').screenshot({ path: join(screenshots, 'handwriting-en.png') });

        // axe-core on the panel with its results: no serious or critical violation.
        const axe = await serious_axe_violations(page, '.trainer-handwriting');
        assert.ok(axe.rules_run > 15, `axe ran only ${axe.rules_run} rules`);
        assert.deepEqual(axe.serious, []);

        // Undo: the model from before, to the last bit of its held-out accuracy.
        await page.locator('[data-control="handwriting_undo"]').click();
        await wait_idle(page, 'undone');
        const undone = await page.evaluate(() => globalThis.relu_lab.trainer.client.evaluate());
        assert.equal(undone.accuracy, held_out_before.accuracy);
        assert.equal(await page.locator('[data-control="handwriting_undo"]').isHidden(), true);

        // Choose a drawing: it shows on the pad; remove it.
        await page.locator('.handwriting-thumbnail').nth(3).click();
        await page.waitForFunction(() => document.querySelector('.handwriting-thumbnail[aria-pressed="true"]'));
        await page.locator('[data-control="handwriting_remove"]').click();
        await wait_for_thumbnails(page, 13);

        // Export, delete all (two presses), import the file back.
        const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.click('[data-control="handwriting_export"]'),
        ]);
        const exported = readFileSync(await download.path(), 'utf8');
        assert.equal(JSON.parse(exported).samples.length, 13);
        await page.click('[data-control="handwriting_delete_all"]');
        assert.match(
            await page.locator('[data-control="handwriting_delete_all"]').textContent(),
            /Press again to delete your drawings \(13\)/
        );
        assert.equal(await thumbnails(page), 13);
        await page.click('[data-control="handwriting_delete_all"]');
        await wait_for_thumbnails(page, 0);
        await page.setInputFiles('[data-control="handwriting_import"]', {
            name: 'my-digits.json',
            mimeType: 'application/json',
            buffer: Buffer.from(exported),
        });
        await wait_for_thumbnails(page, 13);

        // A damaged file, in Italian: refused whole, the drawings kept, the message in Italian.
        await page.selectOption('#language-select', 'it');
        await page.waitForFunction(
            (title) => document.querySelector('.handwriting h3')?.textContent === title,
            locale('it').title
        );
        const damaged = JSON.parse(exported);
        damaged.samples[2].pixels = 'not base64!';
        await page.setInputFiles('[data-control="handwriting_import"]', {
            name: 'damaged.json',
            mimeType: 'application/json',
            buffer: Buffer.from(JSON.stringify(damaged)),
        });
        const expected = locale('it').error_bad_sample_at.replace('{number}', '3');
        await page.waitForFunction(
            (text) => document.querySelector('.handwriting-message')?.textContent === text,
            expected
        );
        assert.equal(await thumbnails(page), 13);
        assert.deepEqual(errors, []);
        await page.close();
    });
});
