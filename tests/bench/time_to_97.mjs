// How long the page takes to train `seed-keras` with its default settings (15 epochs,
// Adam 1e-3 times 0.85 per epoch, batch 32, augmentation on, seed 1) until the held-out
// accuracy first reaches 97 %, in headless Chromium. A measurement, printed, never
// asserted: the machine is shared and times move with its load.
// Usage: node tests/bench/time_to_97.mjs [--preset seed-keras] [--target 0.97] [--file]
//        (RELU_LAB_DIST selects the built site, as for the browser tests)
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, launch_browser, open_page } from '../support/browser.js';

const { values: options } = parseArgs({
    options: {
        preset: { type: 'string', default: 'seed-keras' },
        target: { type: 'string', default: '0.97' },
        file: { type: 'boolean', default: false },
    },
});
const target = Number(options.target);

const server = options.file ? null : await start_static_server(dist_dir);
const browser = await launch_browser();
try {
    const url = options.file ? `${pathToFileURL(join(dist_dir, 'index.html')).href}?preset=${options.preset}` : `${server.url}?preset=${options.preset}`;
    const { page, errors } = await open_page(browser.context, url);
    await page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 120_000 });
    // Epoch ends with their page time, recorded as they arrive.
    await page.evaluate(() => {
        globalThis.__epochs = [];
        globalThis.relu_lab.trainer.client.on('epoch_end', (m) => globalThis.__epochs.push({ ...m, at_ms: performance.now() }));
        globalThis.relu_lab.trainer.client.on('progress', (m) => { globalThis.__rate = m.images_per_s; });
    });
    const started_ms = await page.evaluate(() => performance.now());
    await page.click('[data-control="trainer_play"]');
    await page.waitForFunction((goal) => {
        const h = globalThis.relu_lab.trainer.history();
        return globalThis.__epochs.some((e) => e.test_accuracy >= goal) || (!h.running && globalThis.__epochs.length > 0) || h.diverged;
    }, target, { timeout: 30 * 60_000, polling: 1000 });
    const epochs = await page.evaluate(() => globalThis.__epochs);
    await page.evaluate(() => globalThis.relu_lab.trainer.pause());
    const rate = await page.evaluate(() => globalThis.__rate);
    for (const e of epochs) {
        console.log(`epoch ${String(e.epoch).padStart(2)}  held out ${(100 * e.test_accuracy).toFixed(2)} %  train ${(100 * e.train_accuracy).toFixed(2)} %  at ${((e.at_ms - started_ms) / 1000).toFixed(1)} s`);
    }
    const reached = epochs.find((e) => e.test_accuracy >= target);
    const build = await page.evaluate(() => globalThis.relu_lab.build);
    if (reached) {
        console.log(`${options.preset}: ${(100 * target).toFixed(0)} % held-out accuracy after epoch ${reached.epoch}, ` +
            `${((reached.at_ms - started_ms) / 1000).toFixed(1)} s after Train (${build} build, ${Math.round(rate)} images/s while training, ${options.file ? 'file://' : 'http'})`);
    } else {
        console.log(`${options.preset}: did not reach ${(100 * target).toFixed(0)} % (best ${(100 * Math.max(...epochs.map((e) => e.test_accuracy))).toFixed(2)} %)`);
    }
    if (errors.length) console.log('page errors:', errors);
} finally {
    await browser.close();
    await server?.close();
}
