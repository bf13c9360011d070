// The time for a preset to reach a held-out accuracy in the page, on its own (the bench
// measures it too, as time_to_97_s): prints every epoch and the result, with the worker
// count the page trained with (its default: one per core up to 8).
// Usage: node tests/bench/time_to_97.mjs [--preset seed-keras] [--target 0.97] [--file]
//        (RELU_LAB_DIST selects the built site, as for the browser tests)
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, launch_browser } from '../support/browser.js';
import { time_to_target } from './time_to_target.js';

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
    const base = options.file ? pathToFileURL(join(dist_dir, 'index.html')).href : server.url;
    const result = await time_to_target(browser.context, `${base}?preset=${options.preset}`, { target });
    for (const e of result.epochs) {
        console.log(
            `epoch ${String(e.epoch).padStart(2)}  held out ${(100 * e.test_accuracy).toFixed(2)} %  train ${(100 * e.train_accuracy).toFixed(2)} %  at ${e.seconds.toFixed(1)} s`
        );
    }
    if (result.seconds !== null) {
        console.log(
            `${options.preset}: ${(100 * target).toFixed(0)} % held-out accuracy after epoch ${result.epoch}, ` +
                `${result.seconds.toFixed(1)} s after Train (${result.build} build, ${result.workers} worker${result.workers === 1 ? '' : 's'}, ` +
                `${Math.round(result.epoch_images_per_s ?? 0)} images/s from the first epoch's end on, evaluations included; ` +
                `the first step's progress ${Math.round(1000 * result.first_progress_s)} ms after the click; ${options.file ? 'file://' : 'http'})`
        );
    } else {
        console.log(
            `${options.preset}: did not reach ${(100 * target).toFixed(0)} % (best ${(100 * Math.max(...result.epochs.map((e) => e.test_accuracy))).toFixed(2)} %, ${result.workers} worker${result.workers === 1 ? '' : 's'})`
        );
    }
} finally {
    await browser.close();
    await server?.close();
}
