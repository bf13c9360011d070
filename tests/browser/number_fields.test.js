// Number fields follow the page's language, not the browser's: on the German page of an
// English browser the explorer's and the labs' fields show a decimal comma, take "0,05"
// as well as "0.05", and answer text that is not a number with their message while the
// last good value stays in force.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { open_page, use_browser_and_server } from '../support/browser.js';
import { run_lab } from '../support/lab_runs.js';
import { poll_equal, wait_for_attribute, wait_for_text, wait_for_visible } from '../support/wait.js';

// Waits until the field shows `text`.
const field_shows = (page, selector, text) =>
    poll_equal(() => page.inputValue(selector), text, { what: `${selector} = ${text}` });

// Waits until the explorer's state has `expected` at `key` (params.leaky_relu, x_min, ...).
async function explorer_state(page, path, expected) {
    await page.waitForFunction(
        ([p, e]) => p.split('.').reduce((o, k) => o?.[k], globalThis.relu_lab.explorer.state_snapshot()) === e,
        [path, expected]
    );
}

// Waits until the chart's Leaky ReLU f(-2) is `expected`.
async function leaky_at_minus_two(page, expected) {
    await page.waitForFunction((e) => {
        const dataset = globalThis.relu_lab.explorer.chart.data.datasets.find((d) =>
            d.label.startsWith('Leaky ReLU: f(')
        );
        const point = dataset?.data.find((p) => Math.abs(p.x + 2) < 1e-6);
        return point !== undefined && Math.abs(point.y - e) < 1e-6;
    }, expected);
}

// Types text into a field and commits it as a learner does (Enter in the explorer).
async function enter(page, selector, text) {
    await page.fill(selector, text);
    await page.press(selector, 'Enter');
}

describe('number fields in the page language', () => {
    const shared = use_browser_and_server();

    test('explorer, German page: decimal comma shown, comma and point read, bad text refused, English after a switch', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?lang=de`);
        await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
        await page.evaluate(() => {
            for (const details of document.querySelectorAll('.explorer-panel')) details.open = true;
        });
        const slope = '#param-leaky_relu';
        const message = '.param-row[data-activation="leaky_relu"] .field-error';
        assert.equal(await page.getAttribute(slope, 'type'), 'text');
        assert.equal(await page.getAttribute(slope, 'inputmode'), 'decimal');
        // The explorer opens Leaky ReLU at slope 0.1.
        await field_shows(page, slope, '0,1');
        await field_shows(page, '#explorer-x-min', '-5');
        await field_shows(page, '#explorer-probe-x', '1');

        await enter(page, slope, '0,05');
        await explorer_state(page, 'params.leaky_relu', 0.05);
        await leaky_at_minus_two(page, -0.1);
        await field_shows(page, slope, '0,05');
        // A point works too, and the field shows the number back with a comma.
        await enter(page, slope, '0.2');
        await explorer_state(page, 'params.leaky_relu', 0.2);
        await field_shows(page, slope, '0,2');
        await enter(page, slope, '0.05');
        await explorer_state(page, 'params.leaky_relu', 0.05);
        await field_shows(page, slope, '0,05');
        // Not a number: the message, and the slope stays at 0.05.
        await enter(page, slope, 'abc');
        await wait_for_visible(page, message);
        await wait_for_text(page, message, /^Geben Sie eine Zahl von 0 bis 1 ein\.$/);
        await wait_for_attribute(page, slope, 'aria-invalid', 'true');
        assert.equal(await page.evaluate(() => globalThis.relu_lab.explorer.state_snapshot().params.leaky_relu), 0.05);
        await leaky_at_minus_two(page, -0.1);
        // Out of range: the same message, as before.
        await enter(page, slope, '7');
        await wait_for_visible(page, message);
        assert.equal(await page.evaluate(() => globalThis.relu_lab.explorer.state_snapshot().params.leaky_relu), 0.05);
        await enter(page, slope, '0,05');
        await wait_for_visible(page, message, false);
        await wait_for_attribute(page, slope, 'aria-invalid', null);
        // The slider beside the field shows its moves in the field, with a comma.
        await page.locator('.param-row[data-activation="leaky_relu"] input[type="range"]').fill('0.35');
        await field_shows(page, slope, '0,35');
        await explorer_state(page, 'params.leaky_relu', 0.35);
        await enter(page, slope, '0,05');
        await explorer_state(page, 'params.leaky_relu', 0.05);

        // The x range: a comma, and ArrowUp/ArrowDown step by 1 as the number field did
        // (from between two whole numbers to the next one).
        await enter(page, '#explorer-x-min', '-2,5');
        await explorer_state(page, 'x_min', -2.5);
        await field_shows(page, '#explorer-x-min', '-2,5');
        await page.press('#explorer-x-min', 'ArrowUp');
        await explorer_state(page, 'x_min', -2);
        await page.press('#explorer-x-min', 'ArrowUp');
        await explorer_state(page, 'x_min', -1);
        await field_shows(page, '#explorer-x-min', '-1');
        await enter(page, '#explorer-x-min', '-1,5');
        await explorer_state(page, 'x_min', -1.5);
        await page.press('#explorer-x-max', 'ArrowDown');
        await explorer_state(page, 'x_max', 4);
        await enter(page, '#explorer-x-max', 'zehn');
        await wait_for_visible(page, '#explorer-range-error');
        await wait_for_attribute(page, '#explorer-x-max', 'aria-invalid', 'true');
        assert.equal(await page.evaluate(() => globalThis.relu_lab.explorer.state_snapshot().x_max), 4);
        await enter(page, '#explorer-x-max', '4,5');
        await explorer_state(page, 'x_max', 4.5);
        await wait_for_visible(page, '#explorer-range-error', false);

        // The probe: a comma in, a comma out; text that is not a number gives back x.
        await enter(page, '#explorer-probe-x', '0,5');
        await explorer_state(page, 'probe_x', 0.5);
        await wait_for_text(page, '#explorer-readout', /^x = 0,5 — /);
        await field_shows(page, '#explorer-probe-x', '0,5');
        await enter(page, '#explorer-probe-x', 'x');
        await field_shows(page, '#explorer-probe-x', '0,5');
        assert.equal(await page.evaluate(() => globalThis.relu_lab.explorer.state_snapshot().probe_x), 0.5);

        // In English the same numbers are shown with a point.
        await page.selectOption('#language-select', 'en');
        await field_shows(page, slope, '0.05');
        await field_shows(page, '#explorer-x-min', '-1.5');
        await field_shows(page, '#explorer-x-max', '4.5');
        await field_shows(page, '#explorer-probe-x', '0.5');
        // A field showing an error keeps its text when the language changes; its message follows.
        await enter(page, slope, 'abc');
        await wait_for_text(page, message, /^Enter a number from 0 to 1\.$/);
        await page.selectOption('#language-select', 'de');
        await wait_for_text(page, message, /^Geben Sie eine Zahl von 0 bis 1 ein\.$/);
        assert.equal(await page.inputValue(slope), 'abc');
        assert.equal(await page.evaluate(() => globalThis.relu_lab.explorer.state_snapshot().params.leaky_relu), 0.05);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('a lab, German page: decimal comma, comma and point read, bad text keeps the last good value for the run', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?lang=de&lab=dying_relu`);
        await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
        const lr = '#dying_relu-lr';
        const message = '#dying_relu-lr-error';
        assert.equal(await page.getAttribute(lr, 'type'), 'text');
        assert.equal(await page.getAttribute(lr, 'inputmode'), 'decimal');
        assert.equal(await page.getAttribute(lr, 'data-control'), 'labs_learning_rate');
        // The large-learning-rate scenario's Adam step, 0.08; its initial bias, 0.
        await field_shows(page, lr, '0,08');
        await field_shows(page, '#dying_relu-bias', '0');
        // A scenario fills the fields, in the page's language too.
        await page.selectOption('#dying_relu-scenario', 'negative_bias');
        await field_shows(page, '#dying_relu-bias', '-0,5');
        await field_shows(page, lr, '0,01');

        // Tab commits a field (Enter would run the lab).
        await page.fill(lr, '0,05');
        await page.press(lr, 'Tab');
        await field_shows(page, lr, '0,05');
        await page.fill(lr, '0.03');
        await page.press(lr, 'Tab');
        await field_shows(page, lr, '0,03');
        // ArrowUp/ArrowDown step as the number field did: by 10 steps, not below 10.
        await page.fill('#dying_relu-steps', '20');
        await page.press('#dying_relu-steps', 'ArrowDown');
        await field_shows(page, '#dying_relu-steps', '10');
        await page.press('#dying_relu-steps', 'ArrowDown');
        await page.press('#dying_relu-steps', 'ArrowUp');
        await field_shows(page, '#dying_relu-steps', '20');
        await page.press('#dying_relu-steps', 'ArrowDown');
        await field_shows(page, '#dying_relu-steps', '10');

        // Not a number: the message, and the run uses the last good value, 0.03.
        await page.fill(lr, 'abc');
        await page.press(lr, 'Tab');
        await wait_for_text(page, message, /^Geben Sie eine Zahl von 0,0001 bis 1 ein\.$/);
        await wait_for_visible(page, message);
        await wait_for_attribute(page, lr, 'aria-invalid', 'true');
        const result = await run_lab(page, 'dying_relu');
        assert.equal(result.params.learning_rate, 0.03);
        assert.equal(result.params.steps, 10);
        assert.equal(result.params.bias_init, -0.5);
        assert.equal(await page.inputValue(lr), 'abc');

        await page.fill(lr, '0,05');
        await page.press(lr, 'Tab');
        await wait_for_visible(page, message, false);
        await wait_for_attribute(page, lr, 'aria-invalid', null);
        // In English the same value is shown with a point.
        await page.selectOption('#language-select', 'en');
        await field_shows(page, lr, '0.05');
        await field_shows(page, '#dying_relu-bias', '-0.5');
        // Reset restores the scenario's numbers and clears any message.
        await page.fill(lr, '?');
        await page.press(lr, 'Tab');
        await wait_for_visible(page, message);
        await page.click('#lab-panel-dying_relu .lab-reset');
        await field_shows(page, lr, '0.08');
        await wait_for_visible(page, message, false);
        await wait_for_attribute(page, lr, 'aria-invalid', null);
        assert.deepEqual(errors, []);
        await page.close();
    });
});
