// Running a lab in the page the way a learner does, for the browser tests.
import assert from 'node:assert/strict';

// A lab trains small networks on 2 cores shared with other work: minutes, not seconds.
export const lab_run_timeout_ms = 120_000;

// Clicks Run and waits for this run to finish; returns the result the lab rendered. A
// panel that says "done" may still show the previous run: the wait is for a result that
// is not the one held before the click (or for an error).
export async function run_lab(page, id) {
    await page.evaluate((lab) => {
        globalThis.__result_before_run = globalThis.relu_lab.labs.result(lab);
    }, id);
    await page.click(`#lab-panel-${id} .lab-run`);
    await page.waitForFunction(
        (lab) => {
            const state = document.getElementById(`lab-panel-${lab}`).dataset.state;
            return (
                state === 'error' ||
                (state === 'done' && globalThis.relu_lab.labs.result(lab) !== globalThis.__result_before_run)
            );
        },
        id,
        { timeout: lab_run_timeout_ms, polling: 100 }
    );
    assert.equal(
        await page.getAttribute(`#lab-panel-${id}`, 'data-state'),
        'done',
        await page.textContent(`#lab-panel-${id} .lab-status`)
    );
    return page.evaluate((lab) => globalThis.relu_lab.labs.result(lab), id);
}
