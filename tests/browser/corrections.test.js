// What the page teaches, checked where the learner reads it (issue 16, corrections): a
// float32 slope shown as the decimal typed, the divergence panel worded by what the
// network contains, the initialisers "automatic" picks named, and the vanishing-gradient
// lab saying which initialiser each network got.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, foreign_requests, launch_browser, open_page } from '../support/browser.js';

const control = (name) => `#trainer [data-control="trainer_${name}"]`;

async function open_trainer(context, url) {
    const opened = await open_page(context, url);
    await opened.page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await opened.page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    return opened;
}

// Waits until the element's text (or an input's value) matches; returns it.
async function text_matching(page, selector, pattern, { timeout = 30_000, value = false } = {}) {
    await page.waitForFunction(
        ({ selector, source, flags, value }) => {
            const element = document.querySelector(selector);
            if (!element) return false;
            return new RegExp(source, flags).test(value ? element.value : element.textContent);
        },
        { selector, source: pattern.source, flags: pattern.flags, value },
        { timeout }
    );
    return page.evaluate(
        ({ selector, value }) => {
            const element = document.querySelector(selector);
            return value ? element.value : element.textContent;
        },
        { selector, value }
    );
}

describe('corrections in Chromium', () => {
    let browser;
    let server;
    before(async () => {
        browser = await launch_browser();
        server = await start_static_server(dist_dir);
    });
    after(async () => {
        await browser?.close();
        await server?.close();
    });

    test('a layer switched to Leaky ReLU shows its slope as 0.01, in the editor, the Keras code and after a model round trip', async () => {
        const { page, requests, errors } = await open_trainer(browser.context, server.url);
        const slope = '.layer-row[data-index="2"] [data-field="activation_param"]';
        await page.selectOption('.layer-row[data-index="2"] [data-field="activation"]', 'leaky_relu');
        assert.equal(await text_matching(page, slope, /./, { value: true }), '0.01');
        await page.click('#trainer .keras-panel summary');
        assert.match(
            await text_matching(page, '#trainer .keras-code code', /LeakyReLU/),
            /layers\.LeakyReLU\(negative_slope=0\.01\)/
        );

        // Save the network and load it back: the slope comes from the model file as float32.
        const loaded = await page.evaluate(async () => {
            const trainer = globalThis.relu_lab.trainer;
            const made = await trainer.reset();
            if (!made.ok) return { ok: false, step: 'reset' };
            const { bytes } = await trainer.client.save();
            // Another network in the editor first, so the loaded one has to replace it.
            const other = trainer.presets().small;
            trainer.set_plan(other);
            return trainer.load_model(bytes, 'file');
        });
        assert.equal(loaded.ok, true, JSON.stringify(loaded));
        assert.equal(await text_matching(page, slope, /./, { value: true }), '0.01');
        const code = await text_matching(page, '#trainer .keras-code code', /LeakyReLU/);
        assert.match(code, /negative_slope=0\.01\)/);
        assert.doesNotMatch(code, /\d{9,}/);
        // The page's own address (page.url() is Playwright's copy, updated by an event).
        assert.doesNotMatch(await page.evaluate(() => location.href), /\d{9,}/);
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign_requests(requests, server.url), []);
        await page.close();
    });

    test('the initialiser list has LeCun normal, and the note says which activations get He, LeCun and Glorot', async () => {
        const { page, errors } = await open_trainer(browser.context, server.url);
        const values = await page.$$eval(`${control('initializer')} option`, (options) => options.map((o) => o.value));
        assert.ok(values.includes('lecun_normal'), values.join());
        const note = await text_matching(page, '#trainer .init-note', /He/);
        for (const part of [
            /He normal before ReLU, Leaky ReLU, PReLU, ELU and ReLU6/,
            /LeCun normal before SELU/,
            /Glorot uniform before sigmoid, tanh/,
        ])
            assert.match(note, part);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('a GELU network that blows up is not told that ReLU did it; the reason follows the language', async () => {
        const { page, errors } = await open_trainer(browser.context, server.url);
        const set = await page.evaluate(() => {
            const trainer = globalThis.relu_lab.trainer;
            const plan = trainer.presets()['deep-mlp'];
            plan.layers = plan.layers.map((l) => ({ ...l, activation: 'gelu', activation_param: null }));
            return trainer.set_plan({ ...plan, optimizer: 'sgd', learning_rate: 10 });
        });
        assert.equal(set, true);
        await page.click(control('play'));
        await page.waitForSelector('.trainer-divergence:not([hidden])', { timeout: 120_000 });
        const panel = await text_matching(page, '.trainer-divergence .divergence-cause', /GELU/);
        assert.match(panel, /Without an upper bound: GELU\./);
        assert.doesNotMatch(await page.textContent('.trainer-divergence'), /ReLU/);
        assert.match(await page.textContent('.trainer-divergence'), /exploding gradient/);

        await page.selectOption('#language-select', 'de');
        assert.match(
            await text_matching(page, '.trainer-divergence .divergence-cause', /Schranke/),
            /Ohne obere Schranke: GELU\./
        );
        assert.deepEqual(errors, []);
        await page.close();
    });

    test("the vanishing-gradient lab names each network's initialiser and can give all of them the same", async () => {
        const { page, errors } = await open_page(browser.context, `${server.url}?lang=en&lab=vanishing_gradients`);
        await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 60_000 });
        const panel = '#lab-panel-vanishing_gradients';
        await page.fill('#vanishing_gradients-steps', '10');
        await page.click(`${panel} .lab-run`);
        await page.waitForSelector(`${panel}[data-state="done"]`, { timeout: 120_000 });
        const automatic = await page.textContent(`${panel} .lab-summary`);
        assert.match(automatic, /Sigmoid: Glorot \(uniform/);
        assert.match(automatic, /ReLU: He \(normal/);

        await page.selectOption('#vanishing_gradients-init', 'glorot_uniform');
        await page.click(`${panel} .lab-run`);
        await page.waitForFunction(
            (selector) => {
                const el = document.querySelector(selector);
                return el.dataset.state === 'done' && /ReLU: Glorot/.test(el.querySelector('.lab-summary').textContent);
            },
            `${panel}`,
            { timeout: 120_000 }
        );
        const result = await page.evaluate(() => globalThis.relu_lab.labs.result('vanishing_gradients'));
        assert.equal(result.params.init, 'glorot_uniform');
        assert.ok(result.series.every((s) => s.init === 'glorot_uniform'));
        assert.deepEqual(errors, []);
        await page.close();
    });
});
