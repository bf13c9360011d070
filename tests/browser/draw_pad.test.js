// The draw pad and "what the network sees" in real Chromium, with the shipped pretrained
// model: strokes by mouse, pen and touch give a prediction (a vertical stroke is a 1),
// the normalisation steps are shown, a sample digit can be picked by keyboard, a finger
// on the pad does not scroll the page, and a confusion-matrix cell opens its images.
// Served over http, from file:// and as the single file.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { dist_dir, foreign_requests, launch_browser, open_page, use_browser_and_server } from '../support/browser.js';
import { poll } from '../support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshots = join(root, 'build', 'screenshots');
mkdirSync(screenshots, { recursive: true });
const axe_source = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// axe-core on the pad and the insight views once they show everything (matrix, an open
// cell, gallery, feature maps): serious and critical violations, readable.
async function serious_violations(page) {
    if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.evaluate(axe_source);
    const { rules_run, violations } = await page.evaluate(async () => {
        const r = await globalThis.axe.run({ include: [['.draw-pad'], ['.insight']] }, { resultTypes: ['violations'] });
        return {
            rules_run: r.passes.length + r.violations.length + r.incomplete.length,
            violations: r.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => ({
                    id: v.id,
                    nodes: v.nodes
                        .slice(0, 5)
                        .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`),
                })),
        };
    });
    // A check that checked nothing would pass: the views have canvases, buttons, a table.
    assert.ok(rules_run > 15, `axe ran only ${rules_run} rules`);
    return violations;
}

async function open_pad(context, url) {
    const opened = await open_page(context, url);
    await opened.page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
    await opened.page.waitForSelector('.draw-pad[data-ready="true"]', { timeout: 60_000 });
    // The pad starts with the pretrained model when the learner has none.
    await opened.page.waitForFunction(
        () => document.querySelector('.draw-model')?.textContent.includes('pretrained'),
        null,
        { timeout: 30_000 }
    );
    return opened;
}

async function pad_box(page) {
    const pad = page.locator('.draw-canvas');
    await pad.scrollIntoViewIfNeeded();
    return pad.boundingBox();
}

async function clear_pad(page) {
    await page.click('[data-control="draw_clear"]');
    await page.waitForFunction(() => document.querySelector('.draw-verdict')?.dataset.predicted === '');
}

// The digit the pad's verdict shows once a stroke has ended and the worker answered.
// Live predictions while drawing set only the digit; the spoken sentence ("… says 7 …")
// is written by the final one, so the digit is read once that sentence names it. (Every
// caller starts from a cleared pad, whose sentence names no digit.)
async function verdict(page) {
    const handle = await page.waitForFunction(
        () => {
            const digit = document.querySelector('.draw-verdict')?.dataset.predicted ?? '';
            const sentence = document.querySelector('.draw-verdict-text')?.textContent ?? '';
            return digit !== '' && new RegExp(`says ${digit}\\b`).test(sentence) ? digit : null;
        },
        null,
        { timeout: 15_000 }
    );
    return Number(await handle.jsonValue());
}

// Resolves after the page has drawn two more frames: input already dispatched has had its
// effect on scrolling by then.
const two_frames = (page) =>
    page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

// Pointer events as a pen or a finger would send them (pointerType, pressure, ids).
async function dispatch_stroke(page, pointer_type, points) {
    await page.evaluate(
        ([type, pts]) => {
            const pad = document.querySelector('.draw-canvas');
            const box = pad.getBoundingClientRect();
            const at = ([fx, fy]) => ({ clientX: box.left + fx * box.width, clientY: box.top + fy * box.height });
            const common = {
                pointerId: 41,
                pointerType: type,
                isPrimary: true,
                bubbles: true,
                cancelable: true,
                pressure: 0.6,
            };
            pad.dispatchEvent(new PointerEvent('pointerdown', { ...common, ...at(pts[0]), button: 0, buttons: 1 }));
            for (const p of pts.slice(1))
                pad.dispatchEvent(new PointerEvent('pointermove', { ...common, ...at(p), button: -1, buttons: 1 }));
            pad.dispatchEvent(
                new PointerEvent('pointerup', {
                    ...common,
                    ...at(pts[pts.length - 1]),
                    button: 0,
                    buttons: 0,
                    pressure: 0,
                })
            );
        },
        [pointer_type, points]
    );
}

const vertical_stroke = Array.from({ length: 21 }, (_, i) => [0.5, 0.15 + (0.7 * i) / 20]);

async function run_pad_checks(page, { screenshot_name } = {}) {
    // 1. Mouse: a vertical stroke. The pretrained model calls it a 1.
    const box = await pad_box(page);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++)
        await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + (0.7 * i) / 20), { steps: 2 });
    await page.mouse.up();
    assert.equal(await verdict(page), 1, 'a vertical mouse stroke is a 1');
    // Ten bars with numbers, the 1 on top with nearly all the probability.
    const values = await page.$$eval('.prob-row .prob-value', (cells) => cells.map((c) => c.textContent));
    assert.equal(values.length, 10);
    assert.match(values[1], /^(9\d|100)\.\d %$/);
    assert.match(await page.textContent('.draw-verdict-text'), /says 1/);

    // 2. The normalisation steps are shown with their numbers: a tall thin box (the stroke is
    // about 20 px wide and 70 % of 280 px tall), its longer side scaled to 20, centred.
    assert.equal(await page.getAttribute('.draw-steps', 'data-state'), 'shown');
    const captions = await page.$$eval('.draw-steps figcaption', (list) => list.map((c) => c.textContent));
    assert.equal(captions.length, 4);
    const [, box_cols, box_rows] = captions[0].match(/box of (\d+) × (\d+)/).map(Number);
    assert.ok(box_cols >= 18 && box_cols <= 26 && box_rows >= 190 && box_rows <= 220, captions[0]);
    assert.match(captions[2], /becomes 20/);
    assert.match(captions[3], /row 1[34](\.\d)?, column 1[34](\.\d)?/);
    for (const label of await page.$$eval('.draw-steps canvas', (list) =>
        list.map((c) => c.getAttribute('aria-label'))
    )) {
        assert.ok(label && label.length > 20, 'each step canvas has a text alternative');
    }

    // 3. A pen, then a finger, by pointer events: the same stroke gives the same answer.
    await clear_pad(page);
    await dispatch_stroke(page, 'pen', vertical_stroke);
    assert.equal(await verdict(page), 1, 'pen stroke');
    await clear_pad(page);
    await dispatch_stroke(page, 'touch', vertical_stroke);
    assert.equal(await verdict(page), 1, 'touch stroke');

    // 4. A real touch drag on the pad (CDP touch input) draws and does not scroll the
    // page; the same drag beside the pad does scroll it, so the check can fail.
    await clear_pad(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    const touch_drag = async (x, y0, y1) => {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
        for (let i = 1; i <= 12; i++)
            await cdp.send('Input.dispatchTouchEvent', {
                type: 'touchMove',
                touchPoints: [{ x, y: y0 + ((y1 - y0) * i) / 12 }],
            });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    const b = await pad_box(page);
    const scroll_before = await page.evaluate(() => window.scrollY);
    await touch_drag(b.x + b.width * 0.5, b.y + b.height * 0.85, b.y + b.height * 0.15);
    // The drag's own result first (the final prediction), then two frames for any scroll.
    assert.equal(await verdict(page), 1, 'the touch drag drew a 1');
    await two_frames(page);
    assert.equal(await page.evaluate(() => window.scrollY), scroll_before, 'drawing on the pad scrolled the page');
    const beside = await page.locator('.draw-steps-intro').boundingBox();
    await touch_drag(beside.x + 10, beside.y + 5, beside.y - 195);
    await poll(
        () => page.evaluate(() => window.scrollY),
        (y) => y !== scroll_before,
        { what: 'a touch drag beside the pad to scroll the page' }
    );
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await cdp.detach();

    // 5. Keyboard only: Tab to the sample button for 7, press Enter.
    await clear_pad(page);
    await page.focus('[data-control="draw_clear"]');
    let focused = '';
    for (let i = 0; i < 30 && focused !== '7'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.dataset?.digit ?? '');
    }
    assert.equal(focused, '7', 'the sample buttons are reachable by Tab');
    assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), /7/);
    await page.keyboard.press('Enter');
    assert.equal(await verdict(page), 7, 'the first held-out 7 is recognised');
    assert.equal(await page.getAttribute('.draw-steps', 'data-state'), 'shown');
    // The sample went through the same steps: it is already 20 px on its longer side.
    assert.match(await page.textContent('[data-step="scaled"] figcaption'), /becomes 20/);
    if (screenshot_name) await page.locator('.draw-pad').screenshot({ path: join(screenshots, screenshot_name) });
}

async function run_insight_checks(page, { screenshot_name } = {}) {
    const insight = page.locator('.insight');
    await insight.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => Number(document.querySelector('.insight')?.dataset.updated ?? 0) > 0, null, {
        timeout: 60_000,
    });
    // Filters of the pretrained small network: 8 of 5 x 5.
    assert.equal(await page.locator('.insight-filter canvas').count(), 8);
    // Feature maps before and after the first ReLU, for the digit on the pad: after ReLU
    // there is no negative value, so the share of zeros afterwards equals the share of
    // negatives before (ReLU(0) = 0 too, but exact zeros before are rare).
    const stats = await page.$$eval('.insight-map-stat', (list) =>
        list.map((p) => Number(p.textContent.match(/[\d.]+/)[0]))
    );
    assert.equal(stats.length, 2);
    assert.ok(
        stats[0] > 1 && Math.abs(stats[0] - stats[1]) <= 0.5,
        `negative before ${stats[0]} %, zero after ${stats[1]} %`
    );
    assert.equal(await page.locator('.insight-map-block').nth(0).locator('canvas').count(), 8);
    // The confusion matrix: counts add up to the 1,000 held-out digits, 977 on the diagonal.
    const matrix = await page.$$eval('.confusion-table tbody tr', (rows) =>
        rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => Number(td.textContent)))
    );
    assert.equal(matrix.length, 10);
    assert.equal(
        matrix.flat().reduce((a, b) => a + b, 0),
        1000
    );
    const diagonal = matrix.reduce((sum, row, i) => sum + row[i], 0);
    assert.ok(diagonal >= 970 && diagonal <= 985, `diagonal ${diagonal}`);
    // A mistake cell opens the images behind it, as many as it counts.
    const cell = page.locator('.confusion-cell.is-off .confusion-button').first();
    const count = Number(await cell.textContent());
    const [label, predicted] = [await cell.getAttribute('data-true'), await cell.getAttribute('data-predicted')];
    await cell.click();
    await page.waitForFunction(
        (n) => document.querySelectorAll('.insight-cell-examples .insight-thumb').length === n,
        count,
        { timeout: 15_000 }
    );
    assert.equal(await page.isVisible('.insight-cell'), true);
    assert.match(
        await page.textContent('.insight-cell-title'),
        new RegExp(`A ${label} mistaken for ${predicted}: ${count} image`)
    );
    // The misclassified gallery shows the wrong ones with their top probabilities.
    const gallery = await page.locator('.insight-gallery .insight-thumb').count();
    assert.equal(gallery, Math.min(24, 1000 - diagonal));
    assert.match(
        await page.locator('.insight-gallery figcaption').first().textContent(),
        /taken for \d\. \d: [\d.]+ %/
    );
    // A gallery digit's feature maps can be opened from it.
    await page.locator('.insight-gallery .insight-thumb-button').first().click();
    await page.waitForFunction(() =>
        /Held-out image/.test(document.querySelector('.insight-digit-source')?.textContent ?? '')
    );
    if (screenshot_name) await insight.screenshot({ path: join(screenshots, screenshot_name) });
}

describe('draw pad and what the network sees, in Chromium', () => {
    const shared = use_browser_and_server();

    test('opened from file://: draw, pick a sample, inspect', async () => {
        const url = pathToFileURL(join(dist_dir, 'index.html')).href;
        const { page, requests, errors } = await open_pad(shared.browser.context, url);
        await run_pad_checks(page, { screenshot_name: 'draw-pad-file.png' });
        await run_insight_checks(page, { screenshot_name: 'insight-file.png' });
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign_requests(requests, url), []);
        await page.close();
    });

    test('served over http: the same checks pass, and axe finds no serious violation', async () => {
        const { page, requests, errors } = await open_pad(shared.browser.context, shared.server.url);
        await run_pad_checks(page);
        await run_insight_checks(page);
        assert.deepEqual(await serious_violations(page), []);
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign_requests(requests, shared.server.url), []);
        await page.close();
    });

    test("after an epoch of the learner's own training, the pad and the insight views use the new model", async () => {
        const { page, errors } = await open_pad(shared.browser.context, `${shared.server.url}?preset=small`);
        await page.click('.draw-sample-button[data-digit="2"]');
        assert.equal(await verdict(page), 2);
        await page.locator('.insight').scrollIntoViewIfNeeded();
        await page.waitForFunction(() => Number(document.querySelector('.insight')?.dataset.updated ?? 0) > 0, null, {
            timeout: 60_000,
        });
        const updates_before = Number(await page.getAttribute('.insight', 'data-updated'));
        const filters_before = await page.getAttribute('.insight-filter canvas', 'aria-label');
        await page.fill('[data-control="trainer_epochs"]', '1');
        await page.press('[data-control="trainer_epochs"]', 'Enter');
        await page.click('[data-control="trainer_play"]');
        // Play makes a new model from the editor (so the pad leaves the pretrained one) and trains one epoch.
        await page.waitForFunction(
            () => /epochs trained: 1\b/.test(document.querySelector('.draw-model')?.textContent ?? ''),
            null,
            { timeout: 120_000 }
        );
        // The insight views catch up when they come into view (they do no work off screen).
        await page.locator('.insight').scrollIntoViewIfNeeded();
        await page.waitForFunction(
            (n) =>
                Number(document.querySelector('.insight')?.dataset.updated ?? 0) > n &&
                /epochs trained: 1\b/.test(document.querySelector('.insight-status')?.textContent ?? ''),
            updates_before,
            { timeout: 60_000 }
        );
        assert.notEqual(
            await page.getAttribute('.insight-filter canvas', 'aria-label'),
            filters_before,
            "the filters are the new model's"
        );
        // The pad asked the new model about its digit again: a verdict is there.
        assert.match(await page.textContent('.draw-verdict-text'), /says \d/);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('dark mode: the views pass axe with everything shown', async () => {
        const dark = await launch_browser({ color_scheme: 'dark' });
        try {
            const { page, errors } = await open_pad(dark.context, shared.server.url);
            // Instant scrolling (the page scrolls smoothly otherwise): the element screenshots
            // below wait for their element to stand still, and in one CI run .draw-pad
            // did not within 30 s.
            await page.emulateMedia({ reducedMotion: 'reduce' });
            await page.click('.draw-sample-button[data-digit="3"]');
            assert.equal(await verdict(page), 3);
            await page.locator('.insight').scrollIntoViewIfNeeded();
            await page.waitForFunction(
                () => Number(document.querySelector('.insight')?.dataset.updated ?? 0) > 0,
                null,
                { timeout: 60_000 }
            );
            await page.locator('.confusion-cell.is-off .confusion-button').first().click();
            await page.waitForSelector('.insight-cell-examples .insight-thumb');
            assert.deepEqual(await serious_violations(page), []);
            await page.locator('.draw-pad').screenshot({ path: join(screenshots, 'draw-pad-dark.png') });
            await page.locator('.insight').screenshot({ path: join(screenshots, 'insight-dark.png') });
            assert.deepEqual(errors, []);
        } finally {
            await dark.close();
        }
    });

    test('the single-file build draws and predicts alone, from file://', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'relu-lab-single-'));
        try {
            copyFileSync(join(dist_dir, 'relu-lab-single-file.html'), join(folder, 'relu-lab.html'));
            const url = pathToFileURL(join(folder, 'relu-lab.html')).href;
            const { page, requests, errors } = await open_pad(shared.browser.context, url);
            await clear_pad(page);
            await dispatch_stroke(page, 'pen', vertical_stroke);
            assert.equal(await verdict(page), 1);
            assert.deepEqual(errors, []);
            assert.deepEqual(foreign_requests(requests, url), []);
            await page.close();
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
