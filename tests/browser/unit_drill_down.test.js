// "Inside one unit" (web/trainer/insight/unit_drill_down.js), from file:// on the German page
// and then in every other language: a feature map opens with one click, a unit is chosen
// with a second click or the arrow keys, and the numbers shown (input patch, weights,
// products, sums, bias, pre-activation, activation) agree with the trainer worker's own
// forward pass of the same digit and its own weights.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { serious_axe_violations } from '../support/axe.js';
import { dist_dir, open_page, use_browser_and_server } from '../support/browser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshots = join(root, 'build', 'screenshots');
const locale = (language) =>
    JSON.parse(readFileSync(join(root, 'web', 'i18n', 'locales', language, 'trainer_insight.json'), 'utf8'));
// The text of a message up to its first placeholder: enough to tell the language.
const lead = (message) => message.slice(0, message.indexOf('{')).trim();

// What the open unit shows, read from the page: the numbers behind each cell.
async function shown_unit(page) {
    return page.evaluate(() => {
        const values = (grid) =>
            [...document.querySelectorAll(`.insight-unit-grid[data-grid="${grid}"] td`)].map((td) =>
                td.dataset.value === undefined ? null : Number(td.dataset.value)
            );
        return {
            unit: Number(document.querySelector('.insight-unit-steps').dataset.unit),
            inputs: values('inputs'),
            weights: values('weights'),
            products: values('products'),
            pre_activation: Number(document.querySelector('.insight-unit-sum').dataset.preActivation),
            output: Number(document.querySelector('.insight-unit-activation').dataset.output),
            title: document.querySelector('.insight-unit-title').textContent,
            channel_options: document.querySelectorAll('[data-control="insight_unit_channel"] option').length,
            channel_picked: document.querySelector('[data-control="insight_unit_channel"]').value,
        };
    });
}

// The worker's forward pass of the last predicted digit (the one the insight view shows)
// and the layer's weights, asked for directly.
async function engine(page, layer_index) {
    return page.evaluate(async (index) => {
        const client = globalThis.relu_lab.trainer.client;
        const outputs = await client.request('layer_outputs', {});
        const parameters = await client.request('layer_parameters', { index });
        const layer = outputs.layers[index];
        return {
            layer: { ...layer, values: Array.from(layer.values) },
            after: Array.from(outputs.layers[index + 1].values),
            input: Array.from(index === 0 ? outputs.input : outputs.layers[index - 1].values),
            weights: Array.from(parameters.weights),
            bias: Array.from(parameters.bias),
        };
    }, layer_index);
}

async function wait_for_unit(page, unit) {
    await page.waitForFunction(
        (u) => {
            const steps = document.querySelector('.insight-unit-steps');
            return steps?.dataset.ready === 'true' && Number(steps.dataset.unit) === u;
        },
        unit,
        { timeout: 30_000 }
    );
}

describe('inside one unit, in Chromium', () => {
    const shared = use_browser_and_server();

    test('file://, German then every language: two clicks to a unit, numbers equal to the engine, keyboard', async () => {
        const url = `${pathToFileURL(join(dist_dir, 'index.html')).href}?lang=de`;
        const { page, errors } = await open_page(shared.browser.context, url);
        await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
        await page.waitForSelector('.draw-pad[data-ready="true"]', { timeout: 60_000 });
        await page.waitForSelector('.insight[data-ready="true"]', { timeout: 60_000 });
        // A held-out 7 (the pad starts with the pretrained model when there is no other).
        await page.locator('.draw-sample-button[data-digit="7"]').click();
        await page.waitForFunction(() => document.querySelector('.draw-verdict')?.dataset.predicted === '7', null, {
            timeout: 30_000,
        });
        await page.locator('.insight-maps-section').scrollIntoViewIfNeeded();
        const map_button = page.locator('.insight-map-block').nth(0).locator('.insight-map-button').nth(2);
        await map_button.waitFor({ timeout: 30_000 });

        // Click 1: map 3 of the first convolution opens, focused, at its largest value.
        await map_button.click();
        await page.waitForFunction(
            () => document.querySelector('.insight-unit-steps')?.dataset.ready === 'true',
            null,
            { timeout: 30_000 }
        );
        assert.equal(await page.evaluate(() => document.activeElement?.className), 'insight-unit-map');
        const first = await engine(page, 0);
        const { height, width } = first.layer;
        const k = first.layer.kernel_size;
        const per_map = height * width;
        const map3 = first.layer.values.slice(2 * per_map, 3 * per_map);
        const opened = await shown_unit(page);
        assert.equal(opened.unit, 2 * per_map + map3.indexOf(Math.max(...map3)));

        // Click 2: the unit at row 9, column 12 of the enlarged map.
        // A click relative to the map itself: Playwright waits until the map stands still
        // (focusing it may scroll the page), where page coordinates read before could miss.
        const map = page.locator('.insight-unit-map');
        const box = await map.boundingBox();
        const [row, column] = [8, 11];
        await map.click({
            position: { x: ((column + 0.5) * box.width) / width, y: ((row + 0.5) * box.height) / height },
        });
        const unit = 2 * per_map + row * width + column;
        await wait_for_unit(page, unit);
        const shown = await shown_unit(page);
        assert.match(shown.title, /Zeile 9, Spalte 12 von Karte 3/);
        // The patch is the engine's input around the unit (same padding: 2 pixels above and to
        // the left, all inside the image here), the weights are the engine's weights.
        const { pad_top, pad_left } = first.layer;
        const patch = [];
        for (let dy = 0; dy < k; dy++)
            for (let dx = 0; dx < k; dx++) patch.push(first.input[(row - pad_top + dy) * 28 + column - pad_left + dx]);
        assert.deepEqual(shown.inputs, patch);
        assert.deepEqual(shown.weights, first.weights.slice(2 * k * k, 3 * k * k));
        shown.products.forEach((p, i) => assert.equal(p + 0, patch[i] * shown.weights[i] + 0)); // + 0: -0 reads back as 0
        // The recomputed pre-activation is the engine's to 1e-6; the activation's output is the engine's.
        const magnitude = shown.products.reduce((s, p) => s + Math.abs(p), Math.abs(first.bias[2]));
        assert.ok(
            Math.abs(shown.pre_activation - first.layer.values[unit]) <= 1e-6 * Math.max(1, magnitude),
            `${shown.pre_activation} against the engine's ${first.layer.values[unit]}`
        );
        assert.equal(shown.output, first.after[unit]);
        assert.equal(shown.output, Math.max(0, first.layer.values[unit])); // ReLU

        // Keyboard: the focused map moves its unit with the arrow keys.
        await page.locator('.insight-unit-map').focus();
        await page.keyboard.press('ArrowDown');
        await wait_for_unit(page, unit + width);
        await page.keyboard.press('ArrowLeft');
        await wait_for_unit(page, unit + width - 1);

        await page.locator('.insight').screenshot({ path: join(screenshots, 'unit-drill-down-de.png') });
        // axe-core on the open unit and the map buttons: no serious or critical violation.
        const axe = await serious_axe_violations(page, '.insight-maps-section');
        assert.ok(axe.rules_run > 15, `axe ran only ${axe.rules_run} rules`);
        assert.deepEqual(axe.serious, []);
        // axe reads the style sheets with XMLHttpRequest, which file:// refuses: its own noise.
        for (let i = errors.length - 1; i >= 0; i--)
            if (/XMLHttpRequest at 'file:.*app\.css'|net::ERR_FAILED/.test(errors[i])) errors.splice(i, 1);

        // The second convolution reaches through 8 channels: a picker, the largest channel first,
        // and its patch comes from the pooled maps.
        await page.selectOption('[data-control="insight_layer"]', '1');
        await page.waitForFunction(() => document.querySelector('.insight-unit').hidden, null, { timeout: 10_000 });
        await page.locator('.insight-map-block').nth(1).locator('.insight-map-button').nth(0).press('Enter');
        await page.waitForFunction(
            () =>
                document.querySelector('.insight-unit-steps')?.dataset.ready === 'true' &&
                !document.querySelector('.insight-unit').hidden,
            null,
            { timeout: 30_000 }
        );
        const second_index = (await engine(page, 0)).layer.index + 3; // conv, relu, pool, conv
        const second = await engine(page, second_index);
        assert.equal(second.layer.type, 'conv2d');
        const deep = await shown_unit(page);
        assert.equal(deep.channel_options, second.layer.in.channels);
        const deep_magnitude = deep.products.reduce((s, p) => s + Math.abs(p), 0);
        assert.ok(deep_magnitude > 0);
        assert.ok(
            Math.abs(deep.pre_activation - second.layer.values[deep.unit]) <= 1e-6 * Math.max(1, deep_magnitude * 8),
            `${deep.pre_activation} against ${second.layer.values[deep.unit]}`
        );

        // Close gives the focus back to the map that opened it.
        await page.click('[data-control="insight_unit_close"]');
        await page.waitForFunction(() => document.activeElement?.classList.contains('insight-map-button'));

        // Every other language: the open unit's title follows the language switch.
        await page.locator('.insight-map-block').nth(1).locator('.insight-map-button').nth(0).click();
        for (const language of ['en', 'es', 'it', 'zh-Hans']) {
            await page.selectOption('#language-select', language);
            const texts = [lead(locale(language).unit_title_conv), lead(locale(language).unit_sum_line)];
            await page.waitForFunction(
                ([title, sum]) =>
                    document.querySelector('.insight-unit-title')?.textContent.startsWith(title) &&
                    document.querySelector('.insight-unit-sum')?.textContent.startsWith(sum),
                texts,
                { timeout: 30_000 }
            );
        }
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('a dense unit of seed-keras: its ten largest inputs x weights, and the pre-activation the engine computed', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?sections=trainer`);
        await page.waitForSelector('.insight[data-ready="true"]', { timeout: 60_000 });
        // seed-keras has Dense(128, ReLU) after the flattened maps: one step builds it.
        await page.selectOption('[data-control="trainer_preset"]', 'seed-keras');
        await page.click('[data-control="trainer_step"]');
        await page.waitForFunction(
            async () => {
                const s = await globalThis.relu_lab.trainer.client.status();
                return s.has_model && s.step >= 1 && s.layers.some((l) => l.type === 'flatten');
            },
            null,
            { timeout: 60_000, polling: 250 }
        );
        await page.locator('.draw-sample-button[data-digit="3"]').click();
        await page.locator('.insight-maps-section').scrollIntoViewIfNeeded();
        await page.waitForFunction(
            () => document.querySelectorAll('[data-control="insight_layer"] option').length === 2,
            null,
            { timeout: 30_000 }
        );
        await page.selectOption('[data-control="insight_layer"]', '1'); // dense_1 -> relu_2
        const dense_button = page.locator('.insight-map-block').nth(0).locator('.insight-map-button');
        await dense_button.waitFor({ timeout: 30_000 });
        await dense_button.press('Enter');
        await page.waitForFunction(
            () =>
                document.querySelector('.insight-unit-steps')?.dataset.ready === 'true' &&
                !document.querySelector('.insight-unit').hidden,
            null,
            { timeout: 30_000 }
        );
        const shown = await page.evaluate(() => ({
            unit: Number(document.querySelector('.insight-unit-steps').dataset.unit),
            rows: [...document.querySelectorAll('.insight-unit-contributions tbody tr')].map((tr) =>
                [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value))
            ),
            pre_activation: Number(document.querySelector('.insight-unit-sum').dataset.preActivation),
            output: Number(document.querySelector('.insight-unit-activation').dataset.output),
            title: document.querySelector('.insight-unit-title').textContent,
        }));
        const dense_index = (await engine(page, 0)).layer.index + 4; // conv, relu, pool, flatten, dense
        const dense = await engine(page, dense_index);
        assert.equal(dense.layer.type, 'dense');
        assert.match(shown.title, new RegExp(`unit ${shown.unit + 1} of dense_1`));
        // The ten rows are the ten largest |input x weight| of that unit, computed here in double.
        const inputs = dense.input.length;
        const products = dense.input.map((x, i) => ({
            i,
            x,
            w: dense.weights[shown.unit * inputs + i],
            p: x * dense.weights[shown.unit * inputs + i],
        }));
        const top = products
            .slice()
            .sort((a, b) => Math.abs(b.p) - Math.abs(a.p) || a.i - b.i)
            .slice(0, 10);
        assert.deepEqual(
            shown.rows,
            top.map((c) => [c.x, c.w, c.p])
        );
        const magnitude = products.reduce((s, c) => s + Math.abs(c.p), Math.abs(dense.bias[shown.unit]));
        assert.ok(
            Math.abs(shown.pre_activation - dense.layer.values[shown.unit]) <= 1e-6 * Math.max(1, magnitude),
            `${shown.pre_activation} against the engine's ${dense.layer.values[shown.unit]}`
        );
        assert.equal(shown.output, dense.after[shown.unit]);
        // The arrow keys move to the next unit.
        await page.locator('.insight-unit-map').focus();
        await page.keyboard.press('ArrowRight');
        await wait_for_unit(page, shown.unit + 1);
        assert.deepEqual(errors, []);
        await page.close();
    });
});
