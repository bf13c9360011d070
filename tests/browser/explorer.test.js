// The activation explorer in real Chromium, served over http and opened from file://.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { dist_dir, foreign_requests, open_page, use_browser_and_server } from '../support/browser.js';
import { poll, wait_for_text, wait_for_visible } from '../support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = dist_dir;
const screenshots = join(root, 'build', 'screenshots');
mkdirSync(screenshots, { recursive: true });

// Independent references in double precision, for one known point of each curve.
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const softplus = (x) => Math.log1p(Math.exp(x));
const erf = (x) => {
    // Abramowitz-Stegun 7.1.26 is too coarse; use a series for |x| <= 3
    let sum = 0,
        term = x;
    for (let n = 0; n < 60; n++) {
        sum += term / (2 * n + 1);
        term *= (-x * x) / (n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
};
const known_points = [
    ['relu', 'f', 2, 2],
    ['relu', 'f', -2, 0],
    ['relu', 'df', -1, 0],
    ['relu', 'df', 1, 1],
    // The explorer opens Leaky ReLU at slope 0.1 (PyTorch's 0.01 would hide it under ReLU).
    ['leaky_relu', 'f', -2, -0.2],
    ['leaky_relu', 'df', -2, 0.1],
    ['prelu', 'f', -2, -0.5],
    ['elu', 'f', -2, Math.exp(-2) - 1],
    ['elu', 'df', -2, Math.exp(-2)],
    ['sigmoid', 'f', 0, 0.5],
    ['sigmoid', 'df', 0, 0.25],
    ['tanh', 'f', 1, Math.tanh(1)],
    ['tanh', 'df', 0, 1],
    ['relu6', 'f', 5, 5],
    ['selu', 'f', -1, 1.0507009873554805 * 1.6732632423543772 * (Math.exp(-1) - 1)],
    ['gelu', 'f', 1, 0.5 * (1 + erf(1 / Math.SQRT2))],
    ['silu', 'f', 1, sigmoid(1)],
    ['softplus', 'f', 0, Math.LN2],
    ['softplus', 'df', 2, sigmoid(2)],
    ['mish', 'f', 1, Math.tanh(softplus(1))],
];
const label_of = {
    relu: 'ReLU',
    leaky_relu: 'Leaky ReLU',
    prelu: 'PReLU',
    elu: 'ELU',
    sigmoid: 'Sigmoid',
    tanh: 'tanh',
    relu6: 'ReLU6',
    selu: 'SELU',
    gelu: 'GELU',
    silu: 'SiLU (Swish)',
    softplus: 'Softplus',
    mish: 'Mish',
};

// Waits until the chart's point of `name` at x is within tolerance of `expected`.
async function expect_chart_value(page, name, which, x, expected, tolerance = 1e-5 + 1e-5 * Math.abs(expected)) {
    return poll(
        () => chart_value(page, name, which, x),
        (got) => got !== null && Math.abs(got - expected) <= tolerance,
        { what: `${name} ${which}(${x}) = ${expected}` }
    );
}

async function chart_value(page, name, which, x) {
    const label = `${label_of[name]}: ${which === 'f' ? 'f(x)' : 'f′(x)'}`;
    return page.evaluate(
        ([l, px]) => {
            const dataset = globalThis.relu_lab.explorer.chart.data.datasets.find((d) => d.label === l);
            if (!dataset) return null;
            const point = dataset.data.find((p) => Math.abs(p.x - px) < 1e-6);
            return point ? point.y : null;
        },
        [label, x]
    );
}

async function run_explorer_checks(page, url, screenshot_name) {
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
    // Tick every activation so each curve is on the chart (panels open on narrow screens).
    await page.evaluate(() => {
        for (const details of document.querySelectorAll('.explorer-panel')) details.open = true;
    });
    for (const box of await page.$$('input[name="activation"]')) {
        if (!(await box.isChecked())) await box.check();
    }
    for (const [name, which, x, expected] of known_points) {
        await expect_chart_value(page, name, which, x, expected);
    }

    // Moving the Leaky ReLU slope (by keyboard on the number field) changes the curve.
    const slope = page.locator('#param-leaky_relu');
    await slope.fill('0.2');
    await slope.press('Enter');
    await expect_chart_value(page, 'leaky_relu', 'f', -2, -0.4, 1e-6);
    // And the range slider too.
    await page.locator('.param-row[data-activation="elu"] input[type="range"]').fill('2');
    await expect_chart_value(page, 'elu', 'f', -2, 2 * (Math.exp(-2) - 1));
    // A value out of range is refused with a message, and the curve keeps its slope.
    await slope.fill('7');
    await slope.press('Enter');
    await wait_for_visible(page, '.param-row[data-activation="leaky_relu"] .field-error');
    assert.ok(Math.abs((await chart_value(page, 'leaky_relu', 'f', -2)) - -0.4) < 1e-6);

    // The worked vector example is computed by the kernel.
    await page.selectOption('#explorer-focus', 'relu');
    await page.fill('#explorer-vector-input', '-2, -1, 0, 1, 2');
    await wait_for_text(page, '#explorer-vector-output', /= \[0; 0; 0; 1; 2\]/);
    await page.fill('#explorer-vector-input', '-5, -1, 0, 3, 10');
    await wait_for_text(page, '#explorer-vector-output', /= \[0; 0; 0; 3; 10\]/);

    // The data-table alternative holds the plotted values, and the chart has a text label.
    const rows = await page.$$eval('#explorer-table tbody tr', (trs) => trs.length);
    assert.equal(rows, 21);
    assert.match(await page.getAttribute('#explorer-chart', 'aria-label'), /ReLU/);
    // The probe reads exact values at a typed x.
    await page.fill('#explorer-probe-x', '3');
    await page.press('#explorer-probe-x', 'Enter');
    await wait_for_text(page, '#explorer-readout', /ReLU: f = 3, f′ = 1/);

    // The same wrapper runs in a Blob-URL Web Worker with its own wasm instance.
    assert.deepEqual(
        await page.evaluate(() => globalThis.relu_lab.forward_in_worker('relu', [-2, -1, 0, 1, 2])),
        [0, 0, 0, 1, 2]
    );
    assert.deepEqual(await page.evaluate(() => globalThis.relu_lab.forward_in_worker('leaky_relu', [-3], 0.5)), [-1.5]);
    await assert.rejects(page.evaluate(() => globalThis.relu_lab.forward_in_worker('no_such_kernel', [1])));

    await page.screenshot({ path: join(screenshots, screenshot_name), fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshots, screenshot_name.replace('.png', '-top.png')) });
}

describe('activation explorer in Chromium', () => {
    const shared = use_browser_and_server();

    test('served over http: curves, sliders, no console errors, no foreign requests', async () => {
        const { page, requests, errors } = await open_page(shared.browser.context, shared.server.url);
        await run_explorer_checks(page, shared.server.url, 'explorer-served.png');
        // Chromium runs relaxed SIMD, so the page picks the FMA build and says so.
        assert.equal(await page.textContent('#build-badge'), 'WebAssembly SIMD + FMA');
        assert.match(await page.getAttribute('#build-badge', 'title'), /fused multiply-add/);
        assert.equal(await page.evaluate(() => globalThis.relu_lab.build), 'fma');
        // A Content-Security-Policy that forbids eval and foreign origins is in force
        // (a violation would have shown up as a console error above).
        const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
        assert.match(policy, /default-src 'self'/);
        assert.doesNotMatch(policy, /'unsafe-eval'|\*|https?:/);
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign_requests(requests, shared.server.url), []);
        await page.close();
    });

    test('opened from file://: the same checks pass', async () => {
        const url = pathToFileURL(join(dist, 'index.html')).href;
        const { page, requests, errors } = await open_page(shared.browser.context, url);
        await run_explorer_checks(page, url, 'explorer-file.png');
        assert.equal(await page.textContent('#build-badge'), 'WebAssembly SIMD + FMA');
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign_requests(requests, url), []);
        await page.close();
    });

    test('the single-file build works alone, from file://', async () => {
        // Alone in an empty folder: nothing beside it to load.
        const folder = mkdtempSync(join(tmpdir(), 'relu-lab-single-'));
        copyFileSync(join(dist, 'relu-lab-single-file.html'), join(folder, 'relu-lab.html'));
        const url = pathToFileURL(join(folder, 'relu-lab.html')).href;
        const { page, requests, errors } = await open_page(shared.browser.context, url);
        await run_explorer_checks(page, url, 'explorer-single-file.png');
        assert.equal(await page.textContent('#build-badge'), 'WebAssembly SIMD + FMA');
        assert.deepEqual(errors, []);
        assert.deepEqual(
            requests.filter((r) => r !== url && !r.startsWith('blob:') && !r.startsWith('data:')),
            []
        );
        await page.close();
        rmSync(folder, { recursive: true, force: true });
    });

    test('?build=simd runs the SIMD build without fused multiply-add and says so', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?build=simd`);
        await page.waitForSelector('html[data-ready="true"]');
        assert.equal(await page.textContent('#build-badge'), 'WebAssembly SIMD');
        assert.equal(await page.evaluate(() => globalThis.relu_lab.build), 'simd');
        assert.deepEqual(
            await page.evaluate(() => globalThis.relu_lab.forward('relu', [-2, -1, 0, 1, 2])),
            [0, 0, 0, 1, 2]
        );
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('?build=scalar runs the scalar build and says so', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?build=scalar`);
        await page.waitForSelector('html[data-ready="true"]');
        assert.equal(await page.textContent('#build-badge'), 'WebAssembly (scalar)');
        assert.deepEqual(
            await page.evaluate(() => globalThis.relu_lab.forward('relu', [-2, -1, 0, 1, 2])),
            [0, 0, 0, 1, 2]
        );
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('an unknown ?lang= shows a notice in English and the page works', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?lang=tlh`);
        await page.waitForSelector('html[data-ready="true"]');
        assert.match(await page.textContent('#notice'), /“tlh” is not available/);
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('narrow phone viewport (320 px): nothing wider than the screen', async () => {
        const phone = await shared.browser.context.newPage();
        await phone.setViewportSize({ width: 320, height: 640 });
        await phone.goto(shared.server.url);
        await phone.waitForSelector('html[data-ready="true"]');
        const overflow = await phone.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth
        );
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
        await phone.screenshot({ path: join(screenshots, 'explorer-320.png'), fullPage: true });
        await phone.close();
    });
});
