// The long-training soak: the trainer section trains `small` with its charts live for
// RELU_LAB_SOAK_SECONDS (CI: 30 s; the full soak: RELU_LAB_SOAK_SECONDS=1800). Every
// 5 s it samples the worker's wasm heap, the page's JS heap and how fast the page
// answers. After warm-up the wasm heap must stay flat (byte for byte: the trainer
// allocates nothing per step), the JS heap bounded, the page responsive and the console
// free of errors. The curve is printed and written to build/soak.json.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { open_page, use_browser_and_server } from '../support/browser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const soak_seconds = Number(process.env.RELU_LAB_SOAK_SECONDS ?? 30);
const sample_every_ms = 5000;
const warm_up_samples = 2;
const control = (name) => `#trainer [data-control="trainer_${name}"]`;

describe('soak: training with live charts', () => {
    const shared = use_browser_and_server();

    test(
        `${soak_seconds} s of training: flat wasm memory, bounded JS heap, no errors, responsive`,
        { timeout: (soak_seconds + 240) * 1000 },
        async (t) => {
            const { page, errors } = await open_page(
                shared.browser.context,
                `${shared.server.url}?preset=small#trainer`
            );
            await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
            await page.waitForSelector('#trainer .trainer[data-ready="true"]', { timeout: 60_000 });
            assert.equal(
                await page.evaluate(() => {
                    const plan = globalThis.relu_lab.trainer.plan();
                    plan.epochs = 200;
                    return globalThis.relu_lab.trainer.set_plan(plan);
                }),
                true
            );
            await page.locator('#trainer').scrollIntoViewIfNeeded(); // charts on screen redraw
            await page.click(control('play'));
            await page.waitForFunction(() => globalThis.relu_lab.trainer.history().running, null, { timeout: 30_000 });

            const samples = [];
            const started = Date.now();
            while (Date.now() - started < soak_seconds * 1000) {
                await page.waitForTimeout(sample_every_ms);
                const asked_at = Date.now();
                const sample = await page.evaluate(async () => {
                    const status = await globalThis.relu_lab.trainer.client.status();
                    const history = globalThis.relu_lab.trainer.history();
                    // A frame must come promptly while training runs in the worker.
                    const frame_ms = await new Promise((resolve) => {
                        const at = performance.now();
                        requestAnimationFrame(() => resolve(performance.now() - at));
                    });
                    return {
                        wasm_heap_bytes: status.wasm_heap_bytes,
                        js_heap_bytes: performance.memory?.usedJSHeapSize ?? null,
                        step: status.step,
                        epochs: history.epochs.length,
                        running: history.running,
                        frame_ms,
                    };
                });
                sample.answer_ms = Date.now() - asked_at;
                sample.seconds = Math.round((Date.now() - started) / 1000);
                samples.push(sample);
                // A finished run (200 epochs) starts again; the soak keeps training.
                if (!sample.running) await page.click(control('play'));
            }
            await page.click(control('play')); // pause

            const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
            for (const s of samples)
                t.diagnostic(
                    `${s.seconds} s: step ${s.step}, epochs ${s.epochs}, wasm ${mib(s.wasm_heap_bytes)} MiB, JS heap ${mib(s.js_heap_bytes)} MiB, answer ${s.answer_ms} ms, frame ${Math.round(s.frame_ms)} ms`
                );
            mkdirSync(join(root, 'build'), { recursive: true });
            writeFileSync(
                join(root, 'build', 'soak.json'),
                `${JSON.stringify({ soak_seconds, sample_every_ms, samples }, null, 2)}\n`
            );

            assert.deepEqual(errors, [], 'console errors during the soak');
            assert.ok(samples.length > warm_up_samples, 'too few samples');
            const after_warm_up = samples.slice(warm_up_samples);
            assert.ok(after_warm_up.at(-1).step > after_warm_up[0].step, 'training did not progress');
            // wasm memory never shrinks; any growth after warm-up would be a leak per step.
            assert.equal(
                new Set(after_warm_up.map((s) => s.wasm_heap_bytes)).size,
                1,
                'the wasm heap grew after warm-up'
            );
            // The JS heap breathes with garbage collection; bounded: the end within 1.5x of
            // the warm-up level plus 16 MiB (the charts keep a bounded, decimated history).
            const heap_start = after_warm_up[0].js_heap_bytes;
            const heap_max = Math.max(...after_warm_up.map((s) => s.js_heap_bytes));
            assert.ok(
                heap_max <= heap_start * 1.5 + 16 * 2 ** 20,
                `JS heap grew from ${mib(heap_start)} to ${mib(heap_max)} MiB`
            );
            // Responsive: every sample answered within 2 s even on this loaded 2-core machine.
            assert.ok(
                samples.every((s) => s.answer_ms < 2000),
                `slow answers: ${samples.map((s) => s.answer_ms).join(', ')}`
            );
            await page.close();
        }
    );
});
