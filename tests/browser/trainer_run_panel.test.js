// The trainer's run panel in real Chromium: the note that training replaces the draw pad's
// pretrained model and the undo that brings it back exactly; no time-left once a run has
// finished; chart legends named like the layer editor and the dead-units note; numbers in
// German (intro, data note, chart ticks); Train near the top on a 360 px phone.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, test } from 'node:test';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, launch_browser, open_page, use_browser_and_server } from '../support/browser.js';
import { poll, poll_equal, wait_for_visible } from '../support/wait.js';

const shots = process.env.RELU_LAB_SHOTS_DIR ?? null;
if (shots) mkdirSync(shots, { recursive: true });
const control = (name) => `#trainer [data-control="trainer_${name}"]`;

async function open_trainer(context, url) {
    const opened = await open_page(context, url);
    await opened.page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await opened.page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    return opened;
}

// A vertical stroke on the draw pad, as pointer events.
async function draw_vertical_stroke(page) {
    await page.locator('.draw-canvas').scrollIntoViewIfNeeded();
    await page.evaluate(() => {
        const pad = document.querySelector('.draw-canvas');
        const box = pad.getBoundingClientRect();
        const at = (fy) => ({ clientX: box.left + 0.5 * box.width, clientY: box.top + fy * box.height });
        const common = { pointerId: 7, pointerType: 'mouse', isPrimary: true, bubbles: true, cancelable: true };
        pad.dispatchEvent(new PointerEvent('pointerdown', { ...common, ...at(0.15), button: 0, buttons: 1 }));
        for (let i = 1; i <= 20; i++)
            pad.dispatchEvent(
                new PointerEvent('pointermove', { ...common, ...at(0.15 + (0.7 * i) / 20), button: -1, buttons: 1 })
            );
        pad.dispatchEvent(new PointerEvent('pointerup', { ...common, ...at(0.85), button: 0, buttons: 0 }));
    });
}

const probabilities = (page) => page.$$eval('.prob-row .prob-value', (cells) => cells.map((c) => c.textContent));
const model_line = (page) => page.textContent('.draw-model');

describe('trainer run panel (served over http)', () => {
    const shared = use_browser_and_server();

    test('training says it replaces the pretrained model; Undo brings it back and the pad reads as before', async () => {
        const { page } = await open_trainer(shared.browser.context, shared.server.url);
        await page.waitForSelector('.draw-pad[data-ready="true"]', { timeout: 60_000 });
        await poll(
            () => model_line(page),
            (text) => text.includes('pretrained'),
            { what: 'the pad to use the pretrained model' }
        );
        // Before: the note beside the buttons, and the pretrained model's reading of a 1.
        await wait_for_visible(page, '.trainer-pretrained-note');
        assert.match(await page.textContent('.trainer-pretrained-note'), /pretrained model/);
        await draw_vertical_stroke(page);
        const before = await poll(
            () =>
                page.evaluate(() =>
                    /says \d/.test(document.querySelector('.draw-verdict-text')?.textContent) ? 1 : 0
                ),
            (ok) => ok === 1,
            { what: 'the pretrained model to read the stroke' }
        ).then(() => probabilities(page));
        assert.equal(before.length, 10);

        await page.click(control('step'));
        await wait_for_visible(page, '.trainer-undo');
        assert.equal(await page.isVisible('.trainer-pretrained-note'), false);
        await poll(
            () => model_line(page),
            (text) => !text.includes('pretrained'),
            { what: "the pad to use the learner's model" }
        );
        await poll(
            () => probabilities(page),
            (p) => JSON.stringify(p) !== JSON.stringify(before),
            { what: 'a different reading from the freshly built network' }
        );
        if (shots) {
            await page.locator('.trainer-controls').scrollIntoViewIfNeeded();
            await page.locator('.trainer-controls').screenshot({ path: `${shots}/trainer_undo_notice.png` });
        }

        // Undo by keyboard.
        await page.focus(control('undo'));
        await page.keyboard.press('Enter');
        await poll(
            () => model_line(page),
            (text) => text.includes('pretrained'),
            { what: 'the pretrained model back in the pad' }
        );
        await poll_equal(() => probabilities(page), before);
        await wait_for_visible(page, '.trainer-undo', false);
        await wait_for_visible(page, '.trainer-pretrained-note');
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.control), 'trainer_play');
        await page.close();
    });

    test('a finished run shows no time left; legends and the dead-units note name layers as the editor does', async () => {
        const { page } = await open_trainer(shared.browser.context, shared.server.url);
        // The default network (seed-keras), one epoch.
        await page.fill(control('epochs'), '1');
        await page.dispatchEvent(control('epochs'), 'change');
        await page.click(control('play'));
        await poll(
            () => page.textContent('.trainer-status'),
            (text) => /Finished after epoch 1/.test(text),
            { what: 'the one-epoch run to finish', timeout_ms: 240_000 }
        );
        const progress = await page.textContent('.trainer-progress-text');
        assert.match(progress, /Epoch 1 of 1/);
        assert.doesNotMatch(progress, /left/, progress);

        // Legends: the editor's row titles, never the core's conv2d_1 / relu_1.
        await page.click('[data-chart="dead"] summary');
        const dead_head = await poll(
            () => page.$$eval('[data-chart="dead"] thead th', (cells) => cells.map((c) => c.textContent)),
            (cells) => cells.length > 1,
            { what: 'the dead-units table' }
        );
        assert.deepEqual(dead_head.slice(1), ['1. Conv2D, ReLU', '3. Dense, ReLU']);
        await page.click('[data-chart="gradients"] summary');
        const gradient_head = await poll(
            () => page.$$eval('[data-chart="gradients"] thead th', (cells) => cells.map((c) => c.textContent)),
            (cells) => cells.length > 1,
            { what: 'the gradient table' }
        );
        assert.deepEqual(gradient_head.slice(1), ['1. Conv2D', '3. Dense', 'output layer (Dense)']);
        assert.deepEqual(await page.$$eval('#trainer .layer-title', (cells) => cells.map((c) => c.textContent)), [
            '1. Conv2D',
            '2. MaxPooling2D',
            '3. Dense',
        ]);
        // Many of the 128 Dense units are dead from the first epoch: the note explains it.
        await wait_for_visible(page, '.trainer-dead-note');
        const note = await page.textContent('.trainer-dead-note');
        assert.match(note, /^\d+ of the 128 units of 3\. Dense had a pre-activation ≤ 0 for every held-out digit/);
        assert.match(note, /Leaky ReLU, PReLU or ELU/);
        await page.close();
    });

    test('the network on screen is built ahead once Train is on screen; Train takes it, with the same bits', async () => {
        const { page, errors } = await open_trainer(shared.browser.context, `${shared.server.url}?preset=small`);
        const status = () => page.evaluate(() => globalThis.relu_lab.trainer.client.status());
        await page.evaluate(() => globalThis.relu_lab.trainer.workers_ready);
        // The page opens at its top: nothing is built for a trainer nobody looks at.
        assert.equal((await status()).prebuilt, false);
        await page.locator(control('play')).scrollIntoViewIfNeeded();
        await poll(status, (s) => s.prebuilt === true, { what: 'the model built ahead' });
        // Step takes it: one team step (the page's default workers), and nothing kept aside after.
        await page.click(control('step'));
        await poll(status, (s) => s.step === 1 && s.prebuilt === false, { what: 'the first step' });
        const results = await page.evaluate(async () => {
            const client = globalThis.relu_lab.trainer.client;
            const { config, workers } = await client.status();
            const stepped_bytes = async () => {
                const stepped = await client.step(1);
                return { stepped: stepped.ok, bytes: Array.from((await client.save()).bytes) };
            };
            const page_model = Array.from((await client.save()).bytes);
            // The same config again, built ahead and then taken, or built at the create.
            const ahead = await client.request('prebuild', { config });
            const taken = await client.create(config);
            const from_prebuilt = await stepped_bytes();
            await client.request('prebuild', { config: null });
            const made = await client.create(config);
            const at_create = await stepped_bytes();
            return {
                workers,
                page_model,
                ahead,
                taken: taken.prebuilt === true,
                made: made.prebuilt,
                from_prebuilt,
                at_create,
            };
        });
        assert.ok(results.workers >= 1);
        assert.equal(results.ahead.built, true);
        assert.equal(results.taken, true, 'create took the model built ahead');
        assert.equal(results.made, undefined, 'built at the create');
        assert.ok(results.from_prebuilt.stepped && results.at_create.stepped);
        assert.deepEqual(results.from_prebuilt.bytes, results.at_create.bytes);
        // And both are the page's own first step (its Step took the model built ahead).
        assert.deepEqual(results.from_prebuilt.bytes, results.page_model);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('German: the intro and the data note write 4.000, chart ticks use a decimal comma', async () => {
        const { page } = await open_trainer(shared.browser.context, `${shared.server.url}?lang=de`);
        const intro = await page.textContent('#trainer .section-intro');
        assert.match(intro, /auf 4\.000 echten/);
        assert.match(intro, /1\.000 weitere/);
        await poll(
            () => page.textContent('.trainer-data-note'),
            (text) => text.includes('4.000'),
            { what: 'the data note in German' }
        );
        const ticks = await poll(
            () => page.evaluate(() => globalThis.relu_lab.trainer.chart_tick_labels('loss', 'y')),
            (labels) => labels.length > 2,
            { what: 'the loss chart ticks' }
        );
        assert.ok(
            ticks.some((label) => /^\d+,\d+$/.test(label)),
            `a tick with a decimal comma: ${ticks}`
        );
        assert.ok(!ticks.some((label) => /\d\.\d/.test(label)), `no decimal point: ${ticks}`);
        await page.close();
    });
});

describe('trainer on a 360 x 740 phone', () => {
    test('Train is within the first screen of the trainer section; secondary panels start closed', async () => {
        const browser = await launch_browser({ viewport: { width: 360, height: 740 } });
        const server = await start_static_server(dist_dir);
        try {
            const { page } = await open_trainer(browser.context, server.url);
            const offset = await page.evaluate(() => {
                const section = document.querySelector('#trainer').getBoundingClientRect();
                const train = document.querySelector('#trainer [data-control="trainer_play"]').getBoundingClientRect();
                return { top: train.top - section.top, bottom: train.bottom - section.top, height: innerHeight };
            });
            console.log(`Train's bottom edge is ${Math.round(offset.bottom)} px into the trainer section`);
            assert.ok(offset.bottom <= offset.height, `Train ends ${offset.bottom} px into the section`);
            for (const selector of ['.trainer-files', '.trainer-data', '.keras-panel', '.trainer-disclosure'])
                assert.equal(await page.$eval(selector, (d) => d.open), false, `${selector} starts closed`);
            if (shots) {
                // The first screen of the section, wherever the page is scrolled.
                const top = await page.evaluate(
                    () => document.querySelector('#trainer').getBoundingClientRect().top + scrollY
                );
                await page.screenshot({
                    path: `${shots}/phone_trainer.png`,
                    fullPage: true,
                    clip: { x: 0, y: top, width: 360, height: offset.height },
                });
            }
            await page.close();
        } finally {
            await browser.close();
            await server.close();
        }
    });
});
