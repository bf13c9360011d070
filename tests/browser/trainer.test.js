// The trainer section in real Chromium: training `small` to >= 95 % held-out accuracy
// without main-thread long tasks, pause and resume, save and reload (file and browser
// storage) with identical predictions, a forced divergence, hostile inputs at every door
// (numbers, a network too large, model files, IDX files), the URL state, and file://.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, foreign_requests, launch_browser, open_page } from '../support/browser.js';

const work = mkdtempSync(join(tmpdir(), 'relu-lab-trainer-test-'));

async function open_trainer(context, url) {
    const opened = await open_page(context, url);
    // Long tasks are recorded from the very start (buffered), for the no-freeze check.
    await opened.page.evaluate(() => {
        globalThis.__long_tasks = [];
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) globalThis.__long_tasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
    });
    await opened.page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await opened.page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    return opened;
}

// Scoped to the section: other sections use some of the same control names.
const control = (name) => `#trainer [data-control="trainer_${name}"]`;

async function set_field(page, name, value) {
    await page.fill(control(name), String(value));
    await page.press(control(name), 'Enter');
    await page.locator(control(name)).dispatchEvent('change');
}

async function choose_preset(page, name) {
    await page.selectOption(control('preset'), name);
}

// Trains until the held-out accuracy reaches `target` (or the run ends); returns the
// epoch messages. Asserts no main-thread task over 200 ms while it ran.
async function train_to(page, target, { timeout_ms = 240_000 } = {}) {
    const started_at = await page.evaluate(() => performance.now());
    await page.click(control('play'));
    await page.waitForFunction((goal) => {
        const h = globalThis.relu_lab.trainer.history();
        const best = Math.max(0, ...h.epochs.map((e) => e.test_accuracy ?? 0));
        return best >= goal || (!h.running && h.epochs.length > 0 && h.epochs.length >= 15) || h.diverged;
    }, target, { timeout: timeout_ms, polling: 500 });
    const history = await page.evaluate(() => globalThis.relu_lab.trainer.history());
    await page.evaluate(() => globalThis.relu_lab.trainer.pause());
    const long_tasks = await page.evaluate((t0) => globalThis.__long_tasks.filter((t) => t.start >= t0), started_at);
    return { history, long_tasks };
}

async function predictions(page) {
    return page.evaluate(async () => {
        const r = await globalThis.relu_lab.trainer.client.request('evaluate', { with_probabilities: true });
        return { accuracy: r.accuracy, loss: r.loss, count: r.count, probabilities: Array.from(r.probabilities) };
    });
}

async function file_message(page) {
    const el = page.locator('.trainer-file-message');
    return { text: await el.textContent(), error: await el.evaluate((e) => e.classList.contains('is-error')) };
}

async function data_message(page) {
    const el = page.locator('.trainer-data-message');
    return { text: await el.textContent(), error: await el.evaluate((e) => e.classList.contains('is-error')) };
}

describe('trainer section (served over http)', () => {
    let server;
    let browser;
    before(async () => {
        server = await start_static_server(dist_dir);
        browser = await launch_browser();
    });
    after(async () => {
        await browser?.close();
        await server?.close();
        rmSync(work, { recursive: true, force: true });
    });

    test('small reaches 95 % held out with no long task; pause holds, resume goes on; save/reload is identical', async () => {
        const { page, requests, errors } = await open_trainer(browser.context, server.url);
        await choose_preset(page, 'small');

        // Pause and resume: no step is taken while paused.
        await page.click(control('play'));
        await page.waitForFunction(() => (globalThis.relu_lab.trainer.history().last_progress?.step ?? 0) >= 30, null, { timeout: 60_000 });
        await page.click(control('play'));  // the same button pauses
        await page.waitForFunction(() => !globalThis.relu_lab.trainer.history().running, null, { timeout: 10_000 });
        const paused_at = (await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).step;
        await page.waitForTimeout(1500);
        const still = (await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).step;
        assert.equal(still, paused_at, 'steps were taken while paused');
        assert.match(await page.textContent('.trainer-status'), /Paused/);

        const { history, long_tasks } = await train_to(page, 0.95);
        const best = Math.max(...history.epochs.map((e) => e.test_accuracy));
        console.log(`small: held-out accuracy ${(100 * best).toFixed(2)} % after ${history.epochs.length} epochs; ` +
            `${Math.round(history.last_progress.images_per_s)} images/s in the page`);
        assert.ok(best >= 0.95, `best held-out accuracy ${best}`);
        assert.ok(history.epochs[0].step > paused_at, 'training resumed after the pause');
        assert.deepEqual(long_tasks.filter((t) => t.duration > 200), [], 'a main-thread task over 200 ms while training');
        // The charts got the stream, and each has its table.
        const points = await page.evaluate(() => document.querySelectorAll('.trainer-chart').length);
        assert.equal(points, 5);
        await page.click('[data-chart="accuracy"] summary');
        assert.ok(await page.locator('[data-chart="accuracy"] tbody tr').count() >= 1);

        const before_save = await predictions(page);
        // (Training ran on a little after the epoch that reached 95 %, so a few tenths lower is fine.)
        assert.ok(before_save.accuracy >= 0.9, `${before_save.accuracy}`);

        // To a file, then into a freshly loaded page.
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(control('save_file'))]);
        const model_path = join(work, 'model.bin');
        await download.saveAs(model_path);
        // To browser storage.
        await page.click(control('save_storage'));
        await page.waitForFunction(() => /Saved in this browser/.test(document.querySelector('.trainer-file-message').textContent));

        await page.reload();
        await page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
        await page.setInputFiles(control('load_file'), model_path);
        await page.waitForFunction(() => /Model loaded/.test(document.querySelector('.trainer-file-message').textContent), null, { timeout: 30_000 });
        const from_file = await predictions(page);
        assert.deepEqual(from_file, before_save, 'predictions after loading the file differ');
        // The editor shows the loaded network.
        assert.equal(await page.inputValue(control('preset')), 'small');

        await page.reload();
        await page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
        await page.click(control('load_storage'));
        await page.waitForFunction(() => /loaded from this browser/.test(document.querySelector('.trainer-file-message').textContent), null, { timeout: 30_000 });
        assert.deepEqual(await predictions(page), before_save, 'predictions after loading from storage differ');

        assert.deepEqual(foreign_requests(requests, server.url), []);
        assert.deepEqual(errors, []);
        await page.close();
    });

    // (small with SGD at 10 does not blow up: its ReLUs die first and the loss stalls; the
    // eight ReLU layers of deep-mlp do, within a few steps.)
    test('a learning rate of 10 with SGD diverges: step and layer named, chart marked, last good weights kept', async () => {
        const { page, errors } = await open_trainer(browser.context, server.url);
        await choose_preset(page, 'deep-mlp');
        await page.selectOption(control('optimizer'), 'sgd');
        await set_field(page, 'learning_rate', 10);
        await page.click(control('play'));
        await page.waitForSelector('.trainer-divergence:not([hidden])', { timeout: 60_000 });
        const history = await page.evaluate(() => globalThis.relu_lab.trainer.history());
        const d = history.diverged;
        assert.ok(d.step >= 1 && d.layer.length > 0, JSON.stringify(d));
        const where = await page.textContent('.divergence-where');
        assert.ok(where.includes(String(d.step)) && where.includes(d.layer), where);
        assert.match(await page.textContent('.trainer-divergence'), /exploding gradient/);
        const marked = await page.evaluate(() => globalThis.relu_lab.trainer.history().diverged.step);
        assert.equal(marked, d.step);
        // Training stopped at that step and the kept weights still give finite predictions.
        const status = await page.evaluate(() => globalThis.relu_lab.trainer.client.status());
        assert.equal(status.step, d.step - 1, 'the bad step must not be applied');
        // Train again is refused until the learner changes something.
        await page.click(control('play'));
        await page.waitForFunction(() => /diverged/i.test(document.querySelector('.trainer-status').textContent));
        // Those weights are a model like any other: they evaluate, save and load back.
        // (They may already be huge: the step before the bad one was finite for its own
        // batch, which does not make every held-out digit finite.)
        const kept = await predictions(page);
        assert.equal(kept.count, 1000);
        const reloaded = await page.evaluate(async () => {
            const { bytes } = await globalThis.relu_lab.trainer.client.save();
            const loaded = await globalThis.relu_lab.trainer.client.load(bytes, 'file');
            return { ok: loaded.ok, step: loaded.step };
        });
        assert.deepEqual(reloaded, { ok: true, step: d.step - 1 });
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('hostile numbers, a network too large, bad model files and bad IDX files: a message each, model kept', async () => {
        const { page, errors } = await open_trainer(browser.context, server.url);
        await choose_preset(page, 'small');
        await page.evaluate(() => globalThis.relu_lab.trainer.step());
        await page.evaluate(() => globalThis.relu_lab.trainer.step());
        const kept = await predictions(page);

        for (const [field, value] of [['learning_rate', 'NaN'], ['learning_rate', '-0.1'], ['learning_rate', '0'], ['learning_rate', '1e30'],
            ['learning_rate', 'abc'], ['batch_size', '0'], ['batch_size', '2.5'], ['epochs', '1e12'], ['seed', '-1'], ['bias_init', 'x']]) {
            await set_field(page, field, value);
            const input = page.locator(control(field));
            assert.equal(await input.getAttribute('aria-invalid'), 'true', `${field}=${value}`);
            const message = await page.locator(control(field)).locator('xpath=ancestor::*[contains(@class,"setting")][1]').locator('.field-error').textContent();
            assert.ok(message.length > 5, `${field}=${value}: no message`);
        }
        await page.click(control('play'));
        assert.ok(await page.locator('.trainer-validation-box:not([hidden])').isVisible());
        assert.match(await page.textContent('.trainer-validation'), /Fix the fields/);
        assert.equal((await page.evaluate(() => globalThis.relu_lab.trainer.history())).running, false);
        // Valid values clear the marks.
        for (const [field, value] of [['learning_rate', '0.004'], ['batch_size', '20'], ['epochs', '15'], ['seed', '1'], ['bias_init', '0']]) {
            await set_field(page, field, value);
        }
        assert.equal(await page.locator('.trainer [aria-invalid="true"]').count(), 0);

        // A layer field with a hostile value.
        await page.fill('.layer-row[data-index="0"] [data-field="filters"]', '-8');
        await page.locator('.layer-row[data-index="0"] [data-field="filters"]').dispatchEvent('change');
        assert.match(await page.textContent('.layer-row[data-index="0"] .field-error'), /whole number/);
        await page.fill('.layer-row[data-index="0"] [data-field="filters"]', '8');
        await page.locator('.layer-row[data-index="0"] [data-field="filters"]').dispatchEvent('change');

        // Too large for memory: the C++ core refuses with a sentence, before any training.
        const plan = await page.evaluate(() => globalThis.relu_lab.trainer.plan());
        const huge = { ...plan, layers: [{ type: 'conv2d', filters: 512, kernel_size: 3, padding: 'same', activation: 'relu', activation_param: null },
            { type: 'dense', units: 8192, activation: 'relu', activation_param: null }] };
        assert.equal(await page.evaluate((p) => globalThis.relu_lab.trainer.set_plan(p), huge), true);
        await page.click(control('play'));
        await page.waitForFunction(() => /cannot build/.test(document.querySelector('.trainer-validation').textContent), null, { timeout: 30_000 });
        assert.match(await page.textContent('.trainer-validation'), /\d+ MB/);
        assert.deepEqual(await predictions(page), kept, 'the refused network replaced the model');
        await choose_preset(page, 'small');

        // Model files: corrupt, truncated, empty, wrong type.
        const model = await page.evaluate(async () => Array.from((await globalThis.relu_lab.trainer.client.save()).bytes));
        const bytes = Uint8Array.from(model);
        const corrupt = bytes.slice();
        corrupt[corrupt.length >> 1] ^= 0xff;
        const files = {
            'corrupt.bin': corrupt, 'truncated.bin': bytes.subarray(0, bytes.length >> 1), 'empty.bin': new Uint8Array(0),
            'picture.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
            'notes.txt': new TextEncoder().encode('hello, this is not a model'),
        };
        for (const [name, content] of Object.entries(files)) {
            const path = join(work, name);
            writeFileSync(path, content);
            await page.evaluate(() => { document.querySelector('.trainer-file-message').textContent = ''; });
            await page.setInputFiles(control('load_file'), path);
            await page.waitForFunction(() => document.querySelector('.trainer-file-message').textContent.length > 0, null, { timeout: 10_000 });
            const message = await file_message(page);
            assert.ok(message.error && message.text.length > 15, `${name}: ${message.text}`);
            assert.deepEqual(await predictions(page), kept, `${name} replaced the model`);
        }

        // Browser storage that refuses (privacy mode): a message, nothing breaks.
        await page.evaluate(() => Object.defineProperty(globalThis, 'indexedDB', { get() { throw new DOMException('blocked', 'SecurityError'); }, configurable: true }));
        await page.click(control('save_storage'));
        await page.waitForFunction(() => /does not let the page store/.test(document.querySelector('.trainer-file-message').textContent), null, { timeout: 10_000 });
        await page.click(control('load_storage'));
        await page.waitForFunction(() => /does not let the page store/.test(document.querySelector('.trainer-file-message').textContent), null, { timeout: 10_000 });
        assert.deepEqual(await predictions(page), kept);

        // IDX files: wrong magic, truncated gzip, empty, one file only, images of another size.
        const idx_images = (count, rows, cols) => {
            const b = new Uint8Array(16 + count * rows * cols);
            new DataView(b.buffer).setUint32(0, 0x803);
            new DataView(b.buffer).setUint32(4, count);
            new DataView(b.buffer).setUint32(8, rows);
            new DataView(b.buffer).setUint32(12, cols);
            return b;
        };
        const idx_labels = (count) => {
            const b = new Uint8Array(8 + count);
            new DataView(b.buffer).setUint32(0, 0x801);
            new DataView(b.buffer).setUint32(4, count);
            return b;
        };
        const write = (name, content) => {
            const path = join(work, name);
            writeFileSync(path, content);
            return path;
        };
        const data_before = await page.textContent('.trainer-data-note');
        const cases = [
            [write('bad-images-idx3-ubyte', new TextEncoder().encode('not idx at all, sorry')), write('bad-labels-idx1-ubyte', idx_labels(3))],
            [write('cut-images-idx3-ubyte.gz', gzipSync(idx_images(5, 28, 28)).subarray(0, 30)), write('cut-labels-idx1-ubyte.gz', gzipSync(idx_labels(5)))],
            [write('empty-images-idx3-ubyte', new Uint8Array(0)), write('empty-labels-idx1-ubyte', idx_labels(0))],
            [write('only-images-idx3-ubyte', idx_images(2, 28, 28))],
            [write('big-images-idx3-ubyte.gz', gzipSync(idx_images(4, 32, 32))), write('big-labels-idx1-ubyte.gz', gzipSync(idx_labels(4)))],
            [write('count-images-idx3-ubyte', idx_images(4, 28, 28)), write('count-labels-idx1-ubyte', idx_labels(5))],
        ];
        for (const paths of cases) {
            await page.evaluate(() => { document.querySelector('.trainer-data-message').textContent = ''; });
            await page.setInputFiles(control('idx_files'), paths);
            await page.waitForFunction(() => {
                const t = document.querySelector('.trainer-data-message').textContent;
                return t.length > 0 && !/Reading/.test(t);
            }, null, { timeout: 10_000 });
            const message = await data_message(page);
            assert.ok(message.error && message.text.length > 15, `${paths.join(', ')}: ${message.text}`);
            assert.equal(await page.textContent('.trainer-data-note'), data_before);
        }
        // Good IDX files (gzipped) are taken, for evaluation here.
        const good_images = idx_images(3, 28, 28);
        good_images.fill(200, 16 + 300, 16 + 400);
        await page.selectOption(control('idx_role'), 'eval');
        await page.setInputFiles(control('idx_files'), [write('t10k-images-idx3-ubyte.gz', gzipSync(good_images)), write('t10k-labels-idx1-ubyte.gz', gzipSync(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3])))]);
        await page.waitForFunction(() => /Evaluating on your 3 images/.test(document.querySelector('.trainer-data-message').textContent), null, { timeout: 10_000 });
        assert.match(await page.textContent('.trainer-data-note'), /3 held-out/);
        // Dropped files take the same path as picked ones.
        await page.evaluate((label_bytes) => {
            const images = new Uint8Array(16 + 2 * 784);
            new DataView(images.buffer).setUint32(0, 0x803);
            new DataView(images.buffer).setUint32(4, 2);
            new DataView(images.buffer).setUint32(8, 28);
            new DataView(images.buffer).setUint32(12, 28);
            const transfer = new DataTransfer();
            transfer.items.add(new File([images], 'drop-images-idx3-ubyte'));
            transfer.items.add(new File([Uint8Array.from(label_bytes)], 'drop-labels-idx1-ubyte'));
            document.querySelector('#trainer [data-control="trainer_idx_drop"]').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }, [0, 0, 8, 1, 0, 0, 0, 2, 4, 5]);
        await page.waitForFunction(() => /Evaluating on your 2 images/.test(document.querySelector('.trainer-data-message').textContent), null, { timeout: 10_000 });
        await page.click(control('bundled_data'));
        await page.waitForFunction((text) => document.querySelector('.trainer-data-note').textContent === text, data_before, { timeout: 10_000 });
        assert.deepEqual(await predictions(page), kept);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('the URL holds the set-up; a link reproduces it; malformed state is ignored with a notice', async () => {
        const { page, errors } = await open_trainer(browser.context, server.url);
        await choose_preset(page, 'small');
        await set_field(page, 'learning_rate', '0,02');  // decimal comma accepted
        await page.selectOption(control('add_layer_type'), 'dense');
        await page.click(control('add_layer'));
        await page.selectOption('.layer-row[data-index="4"] [data-field="activation"]', 'leaky_relu');
        await page.fill('.layer-row[data-index="4"] [data-field="activation_param"]', '0.2');
        await page.locator('.layer-row[data-index="4"] [data-field="activation_param"]').dispatchEvent('change');
        const plan = await page.evaluate(() => globalThis.relu_lab.trainer.plan());
        assert.equal(plan.learning_rate, 0.02);
        assert.equal(plan.layers[4].activation_param, 0.2);
        const link = page.url();
        assert.match(link, /net=.*leaky_relu%3A0\.2/);
        assert.match(await page.textContent('.keras-code'), /LeakyReLU\(negative_slope=0\.2\)/);

        const second = await open_trainer(browser.context, link);
        assert.deepEqual(await second.page.evaluate(() => globalThis.relu_lab.trainer.plan()), plan);
        assert.equal(await second.page.inputValue(control('preset')), 'custom');
        await second.page.close();

        for (const query of ['?lr=abc&net=zz', '?net=c64.3.valid.relu,p2,d99999999.relu', '?lr=1e400', '?batch=-5', '?net=d10.%3Cimg%20src%3Dx%3E', '?preset=gigantic']) {
            const bad = await open_trainer(browser.context, `${server.url}${query}`);
            assert.ok(await bad.page.locator('.trainer-notice:not([hidden])').isVisible(), query);
            assert.deepEqual(await bad.page.evaluate(() => globalThis.relu_lab.trainer.plan()),
                await bad.page.evaluate(() => globalThis.relu_lab.trainer.presets()['seed-keras']), query);
            assert.equal(await bad.page.locator('img').count(), 0);
            assert.deepEqual(bad.errors, [], query);
            await bad.page.close();
        }
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('keyboard: controls are reachable and layers can be moved with buttons', async () => {
        const { page, errors } = await open_trainer(browser.context, server.url);
        for (const name of ['preset', 'editor', 'learning_rate', 'play', 'step', 'reset', 'optimizer', 'batch_size', 'epochs', 'augment', 'seed', 'initializer', 'save_file', 'load_file', 'keras']) {
            assert.equal(await page.locator(control(name)).count(), 1, name);
        }
        await page.focus('.layer-row[data-index="1"] [data-action="up"]');
        await page.keyboard.press('Enter');
        const plan = await page.evaluate(() => globalThis.relu_lab.trainer.plan());
        assert.deepEqual(plan.layers.map((l) => l.type), ['max_pool2d', 'conv2d', 'dense']);
        // Focus follows the moved layer.
        assert.equal(await page.evaluate(() => document.activeElement.closest('.layer-row')?.dataset.index), '0');
        assert.deepEqual(errors, []);
        await page.close();
    });
});

describe('trainer section from file://', () => {
    let browser;
    before(async () => {
        browser = await launch_browser();
    });
    after(async () => {
        await browser?.close();
    });

    test('the same training flow: small trains to 95 % held out from disk', async () => {
        const url = `${pathToFileURL(join(dist_dir, 'index.html')).href}?preset=small`;
        const { page, requests, errors } = await open_trainer(browser.context, url);
        assert.equal(await page.inputValue(control('preset')), 'small');
        const { history, long_tasks } = await train_to(page, 0.95);
        const best = Math.max(...history.epochs.map((e) => e.test_accuracy));
        assert.ok(best >= 0.95, `best ${best}`);
        assert.deepEqual(long_tasks.filter((t) => t.duration > 200), []);
        assert.deepEqual(foreign_requests(requests, url), []);
        assert.deepEqual(errors, []);
        await page.close();
    });
});
