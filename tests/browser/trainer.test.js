// The trainer section in real Chromium: training `small` to >= 95 % held-out accuracy
// while the page keeps answering clicks, pause and resume, save and reload (file and
// browser storage) with identical predictions, a forced divergence, hostile inputs at
// every door (numbers, a network too large, model files, IDX files), file actions that
// fail (storage, file reads, the download), the URL state, and file://.
// How smooth the page stays while training (longest main-thread task, frame times) is
// measured by the benchmark (build-scripts/bench.mjs, part `responsiveness`), not here.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, foreign_requests, launch_browser, open_page } from '../support/browser.js';
import {
    poll,
    poll_equal,
    wait_for_attribute,
    wait_for_count,
    wait_for_text,
    wait_for_visible,
} from '../support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'relu-lab-trainer-test-'));

async function open_trainer(context, url, options) {
    const opened = await open_page(context, url, options);
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

// A guard against a hung main thread, not a timing measurement: while the worker trains,
// a click on the loss chart's table is answered (the table opens and fills) within 2 s,
// counted from sending the click. The click event is dispatched in the page: a real
// mouse click first waits for the summary to hold still, which the live progress lines
// above it may delay on a loaded machine; a page whose main thread is stuck cannot take
// either. (A main thread frozen for 4 s trips this guard; on this shared machine under a
// load average of 18 it answered in 0.4 to 0.8 s.)
const answer_budget_ms = 2000;
async function assert_answers_while_training(page) {
    assert.equal(await page.evaluate(() => globalThis.relu_lab.trainer.history().running), true, 'not training');
    const summary = page.locator('[data-chart="loss"] summary');
    await summary.scrollIntoViewIfNeeded();
    const deadline = Date.now() + answer_budget_ms;
    try {
        await summary.dispatchEvent('click', {}, { timeout: answer_budget_ms });
        await page.waitForFunction(() => document.querySelectorAll('[data-chart="loss"] tbody tr').length > 0, null, {
            timeout: Math.max(1, deadline - Date.now()),
        });
    } catch (error) {
        assert.fail(
            `while training, a click on the loss table was not answered within ${answer_budget_ms} ms (${error.message.split('\n')[0]})`
        );
    }
    // Closed again, so the rest of the run is the page as a learner would leave it.
    await summary.dispatchEvent('click');
    await page.waitForFunction(() => !document.querySelector('[data-chart="loss"] details').open);
}

// Trains until the held-out accuracy reaches `target` (or the run ends); returns the
// history. Once training runs, the page must answer a click (above).
async function train_to(page, target, { timeout_ms = 240_000 } = {}) {
    await page.click(control('play'));
    await page.waitForFunction(
        () => {
            const h = globalThis.relu_lab.trainer.history();
            return h.running && h.last_progress !== null;
        },
        null,
        { timeout: 60_000 }
    );
    await assert_answers_while_training(page);
    await page.waitForFunction(
        (goal) => {
            const h = globalThis.relu_lab.trainer.history();
            const best = Math.max(0, ...h.epochs.map((e) => e.test_accuracy ?? 0));
            return best >= goal || (!h.running && h.epochs.length > 0 && h.epochs.length >= 15) || h.diverged;
        },
        target,
        { timeout: timeout_ms, polling: 500 }
    );
    const history = await page.evaluate(() => globalThis.relu_lab.trainer.history());
    await page.evaluate(() => globalThis.relu_lab.trainer.pause());
    return { history };
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

// Empties the file message, runs `action` (a click, a file pick) and waits for the
// message that action produces; returns it.
async function file_message_after(page, action, { timeout_ms = 10_000 } = {}) {
    await page.evaluate(() => {
        document.querySelector('.trainer-file-message').textContent = '';
    });
    await action();
    await page.waitForFunction(() => document.querySelector('.trainer-file-message').textContent.length > 0, null, {
        timeout: timeout_ms,
    });
    return file_message(page);
}

// Waits until the named setting shows a problem; returns its message.
async function field_problem(page, name) {
    return poll(
        () =>
            page.locator(control(name)).evaluate((input) => ({
                invalid: input.getAttribute('aria-invalid'),
                message: input.closest('.setting').querySelector('.field-error').textContent,
            })),
        (s) => s.invalid === 'true' && s.message.length > 5,
        { what: `a problem shown for ${name}` }
    );
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

    test('small reaches 95 % held out and answers clicks while training; pause holds, resume goes on; save/reload is identical', async (t) => {
        const { page, requests, errors } = await open_trainer(browser.context, server.url);
        await choose_preset(page, 'small');
        // Which progress messages carry the layers' statistics (those of the chunk's first
        // step): a Step always does; while playing, a chunk measures them only when the last
        // measured step is 20 steps back.
        // And how many steps the first progress message after each Play carries: one, so
        // that the charts start at once.
        await page.evaluate(async () => {
            await globalThis.relu_lab.trainer.ready;
            globalThis.__measured = [];
            globalThis.__first_after_play = [];
            let after_play = false;
            globalThis.relu_lab.trainer.client.on('run_state', (m) => (after_play ||= m.running));
            globalThis.relu_lab.trainer.client.on('progress', (m) => {
                globalThis.__measured.push({ first_step: m.batches[0]?.[0], layers: m.layers.length });
                if (after_play) globalThis.__first_after_play.push(m.batches.length);
                after_play = false;
            });
        });
        for (let i = 0; i < 2; i++) {
            await page.evaluate(() => globalThis.relu_lab.trainer.step());
            await page.waitForFunction((n) => globalThis.__measured.length === n, i + 1);
        }
        assert.deepEqual(
            (await page.evaluate(() => globalThis.__measured)).map((m) => m.layers > 0),
            [true, true],
            'a Step without statistics'
        );

        // Pause and resume: no step is taken while paused.
        await page.click(control('play'));
        await page.waitForFunction(() => (globalThis.relu_lab.trainer.history().last_progress?.step ?? 0) >= 30, null, {
            timeout: 60_000,
        });
        await page.click(control('play')); // the same button pauses
        await page.waitForFunction(() => !globalThis.relu_lab.trainer.history().running, null, { timeout: 10_000 });
        const paused_at = (await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).step;
        await page.waitForTimeout(1500);
        const still = (await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).step;
        assert.equal(still, paused_at, 'steps were taken while paused');
        await wait_for_text(page, '.trainer-status', /Paused/);

        const { history } = await train_to(page, 0.95);
        const best = Math.max(...history.epochs.map((e) => e.test_accuracy));
        console.log(
            `small: held-out accuracy ${(100 * best).toFixed(2)} % after ${history.epochs.length} epochs; ` +
                `${Math.round(history.last_progress.images_per_s)} images/s in the page`
        );
        assert.ok(best >= 0.95, `best held-out accuracy ${best}`);
        assert.ok(history.epochs[0].step > paused_at, 'training resumed after the pause');
        const first_after_play = await page.evaluate(() => globalThis.__first_after_play);
        assert.ok(first_after_play.length >= 2, `${first_after_play.length} runs`);
        assert.deepEqual(
            first_after_play,
            first_after_play.map(() => 1),
            'steps in the first progress after Play'
        );
        // Playing: the charts got points, never two within 20 steps of each other.
        const played = (await page.evaluate(() => globalThis.__measured)).slice(2);
        const measured_steps = played.filter((m) => m.layers > 0).map((m) => m.first_step);
        t.diagnostic(`progress messages while playing: ${played.length}, with statistics: ${measured_steps.length}`);
        assert.ok(measured_steps.length >= 2, `${measured_steps.length} of ${played.length} measured`);
        for (let i = 1; i < measured_steps.length; i++)
            assert.ok(measured_steps[i] - measured_steps[i - 1] >= 20, `measured at steps ${measured_steps}`);
        // The charts got the stream, and each has its table (filled on the `toggle` event,
        // which fires after the click has returned).
        const points = await page.evaluate(() => document.querySelectorAll('.trainer-chart').length);
        assert.equal(points, 5);
        await page.click('[data-chart="accuracy"] summary');
        await wait_for_count(page, '[data-chart="accuracy"] tbody tr', (n) => n >= 1);

        const before_save = await predictions(page);
        // (Training ran on a little after the epoch that reached 95 %, so a few tenths lower is fine.)
        assert.ok(before_save.accuracy >= 0.9, `${before_save.accuracy}`);

        // To a file, then into a freshly loaded page.
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(control('save_file'))]);
        const model_path = join(work, 'model.bin');
        await download.saveAs(model_path);
        // To browser storage.
        await page.click(control('save_storage'));
        await page.waitForFunction(() =>
            /Saved in this browser/.test(document.querySelector('.trainer-file-message').textContent)
        );

        await page.reload();
        await page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
        await page.setInputFiles(control('load_file'), model_path);
        await page.waitForFunction(
            () => /Model loaded/.test(document.querySelector('.trainer-file-message').textContent),
            null,
            { timeout: 30_000 }
        );
        const from_file = await predictions(page);
        assert.deepEqual(from_file, before_save, 'predictions after loading the file differ');
        // The editor shows the loaded network.
        await poll_equal(() => page.inputValue(control('preset')), 'small');

        await page.reload();
        await page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
        await page.click(control('load_storage'));
        await page.waitForFunction(
            () => /loaded from this browser/.test(document.querySelector('.trainer-file-message').textContent),
            null,
            { timeout: 30_000 }
        );
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

        for (const [field, value] of [
            ['learning_rate', 'NaN'],
            ['learning_rate', '-0.1'],
            ['learning_rate', '0'],
            ['learning_rate', '1e30'],
            ['learning_rate', 'abc'],
            ['batch_size', '0'],
            ['batch_size', '2.5'],
            ['epochs', '1e12'],
            ['seed', '-1'],
            ['bias_init', 'x'],
        ]) {
            await set_field(page, field, value);
            await field_problem(page, field);
            // Unmarked again, so the next value must mark the field anew.
            await page.locator(control(field)).evaluate((input) => {
                input.removeAttribute('aria-invalid');
                input.closest('.setting').querySelector('.field-error').textContent = '';
            });
        }
        // Train is refused with the list of problems: the box (hidden here first, so that
        // only the click can show it again) comes back, and no training starts.
        await page.evaluate(() => {
            document.querySelector('.trainer-validation-box').hidden = true;
        });
        await page.click(control('play'));
        await wait_for_visible(page, '.trainer-validation-box');
        assert.match(await page.textContent('.trainer-validation'), /Fix the fields/);
        // Asked after the click, the worker answers after anything the click sent it.
        assert.equal((await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).running, false);
        assert.equal((await page.evaluate(() => globalThis.relu_lab.trainer.history())).running, false);
        // Valid values clear the marks.
        for (const [field, value] of [
            ['learning_rate', '0.004'],
            ['batch_size', '20'],
            ['epochs', '15'],
            ['seed', '1'],
            ['bias_init', '0'],
        ]) {
            await set_field(page, field, value);
        }
        await poll_equal(() => page.locator('.trainer [aria-invalid="true"]').count(), 0);

        // A layer field with a hostile value.
        await page.fill('.layer-row[data-index="0"] [data-field="filters"]', '-8');
        await page.locator('.layer-row[data-index="0"] [data-field="filters"]').dispatchEvent('change');
        await wait_for_text(page, '.layer-row[data-index="0"] .field-error', /whole number/);
        await page.fill('.layer-row[data-index="0"] [data-field="filters"]', '8');
        await page.locator('.layer-row[data-index="0"] [data-field="filters"]').dispatchEvent('change');
        await wait_for_attribute(page, '.layer-row[data-index="0"] [data-field="filters"]', 'aria-invalid', null);

        // Too large for memory: the C++ core refuses with a sentence, before any training.
        const plan = await page.evaluate(() => globalThis.relu_lab.trainer.plan());
        const huge = {
            ...plan,
            layers: [
                {
                    type: 'conv2d',
                    filters: 512,
                    kernel_size: 3,
                    padding: 'same',
                    activation: 'relu',
                    activation_param: null,
                },
                { type: 'dense', units: 8192, activation: 'relu', activation_param: null },
            ],
        };
        assert.equal(await page.evaluate((p) => globalThis.relu_lab.trainer.set_plan(p), huge), true);
        await page.click(control('play'));
        await page.waitForFunction(
            () => /cannot build/.test(document.querySelector('.trainer-validation').textContent),
            null,
            { timeout: 30_000 }
        );
        assert.match(await page.textContent('.trainer-validation'), /\d+ MB/);
        assert.deepEqual(await predictions(page), kept, 'the refused network replaced the model');
        await choose_preset(page, 'small');

        // Model files: corrupt, truncated, empty, wrong type.
        const model = await page.evaluate(async () =>
            Array.from((await globalThis.relu_lab.trainer.client.save()).bytes)
        );
        const bytes = Uint8Array.from(model);
        const corrupt = bytes.slice();
        corrupt[corrupt.length >> 1] ^= 0xff;
        const files = {
            'corrupt.bin': corrupt,
            'truncated.bin': bytes.subarray(0, bytes.length >> 1),
            'empty.bin': new Uint8Array(0),
            'picture.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
            'notes.txt': new TextEncoder().encode('hello, this is not a model'),
        };
        for (const [name, content] of Object.entries(files)) {
            const path = join(work, name);
            writeFileSync(path, content);
            await page.evaluate(() => {
                document.querySelector('.trainer-file-message').textContent = '';
            });
            await page.setInputFiles(control('load_file'), path);
            await page.waitForFunction(
                () => document.querySelector('.trainer-file-message').textContent.length > 0,
                null,
                { timeout: 10_000 }
            );
            const message = await file_message(page);
            assert.ok(message.error && message.text.length > 15, `${name}: ${message.text}`);
            assert.deepEqual(await predictions(page), kept, `${name} replaced the model`);
        }

        // Browser storage that refuses (privacy mode): a message for each action (emptied
        // before each, so the second cannot pass on the first one's text), nothing breaks.
        await page.evaluate(() =>
            Object.defineProperty(globalThis, 'indexedDB', {
                get() {
                    throw new DOMException('blocked', 'SecurityError');
                },
                configurable: true,
            })
        );
        for (const action of ['save_storage', 'load_storage']) {
            const message = await file_message_after(page, () => page.click(control(action)));
            assert.ok(message.error && /does not let the page store/.test(message.text), `${action}: ${message.text}`);
        }
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
            [
                write('bad-images-idx3-ubyte', new TextEncoder().encode('not idx at all, sorry')),
                write('bad-labels-idx1-ubyte', idx_labels(3)),
            ],
            [
                write('cut-images-idx3-ubyte.gz', gzipSync(idx_images(5, 28, 28)).subarray(0, 30)),
                write('cut-labels-idx1-ubyte.gz', gzipSync(idx_labels(5))),
            ],
            [write('empty-images-idx3-ubyte', new Uint8Array(0)), write('empty-labels-idx1-ubyte', idx_labels(0))],
            [write('only-images-idx3-ubyte', idx_images(2, 28, 28))],
            [
                write('big-images-idx3-ubyte.gz', gzipSync(idx_images(4, 32, 32))),
                write('big-labels-idx1-ubyte.gz', gzipSync(idx_labels(4))),
            ],
            [write('count-images-idx3-ubyte', idx_images(4, 28, 28)), write('count-labels-idx1-ubyte', idx_labels(5))],
        ];
        for (const paths of cases) {
            await page.evaluate(() => {
                document.querySelector('.trainer-data-message').textContent = '';
            });
            await page.setInputFiles(control('idx_files'), paths);
            await page.waitForFunction(
                () => {
                    const t = document.querySelector('.trainer-data-message').textContent;
                    return t.length > 0 && !/Reading/.test(t);
                },
                null,
                { timeout: 10_000 }
            );
            const message = await data_message(page);
            assert.ok(message.error && message.text.length > 15, `${paths.join(', ')}: ${message.text}`);
            assert.equal(await page.textContent('.trainer-data-note'), data_before);
        }
        // Good IDX files (gzipped) are taken, for evaluation here.
        const good_images = idx_images(3, 28, 28);
        good_images.fill(200, 16 + 300, 16 + 400);
        await page.selectOption(control('idx_role'), 'eval');
        await page.setInputFiles(control('idx_files'), [
            write('t10k-images-idx3-ubyte.gz', gzipSync(good_images)),
            write('t10k-labels-idx1-ubyte.gz', gzipSync(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3]))),
        ]);
        await page.waitForFunction(
            () => /Evaluating on your 3 images/.test(document.querySelector('.trainer-data-message').textContent),
            null,
            { timeout: 10_000 }
        );
        await wait_for_text(page, '.trainer-data-note', /3 held-out/);
        // Dropped files take the same path as picked ones.
        await page.evaluate(
            (label_bytes) => {
                const images = new Uint8Array(16 + 2 * 784);
                new DataView(images.buffer).setUint32(0, 0x803);
                new DataView(images.buffer).setUint32(4, 2);
                new DataView(images.buffer).setUint32(8, 28);
                new DataView(images.buffer).setUint32(12, 28);
                const transfer = new DataTransfer();
                transfer.items.add(new File([images], 'drop-images-idx3-ubyte'));
                transfer.items.add(new File([Uint8Array.from(label_bytes)], 'drop-labels-idx1-ubyte'));
                document
                    .querySelector('#trainer [data-control="trainer_idx_drop"]')
                    .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            },
            [0, 0, 8, 1, 0, 0, 0, 2, 4, 5]
        );
        await page.waitForFunction(
            () => /Evaluating on your 2 images/.test(document.querySelector('.trainer-data-message').textContent),
            null,
            { timeout: 10_000 }
        );
        await page.click(control('bundled_data'));
        await page.waitForFunction(
            (text) => document.querySelector('.trainer-data-note').textContent === text,
            data_before,
            { timeout: 10_000 }
        );
        assert.deepEqual(await predictions(page), kept);
        assert.deepEqual(errors, []);
        await page.close();
    });

    // Faults a browser can throw at the file actions, switched on and off from the test
    // (globalThis.__faults): IndexedDB that fails to open, a full quota, a chosen file that
    // cannot be read (moved or changed after it was picked), a download that cannot start.
    const fault_script = () => {
        const faults = new Set();
        globalThis.__faults = faults;
        const open = IDBFactory.prototype.open;
        IDBFactory.prototype.open = function (...args) {
            if (faults.has('storage_open'))
                throw new DOMException('Internal error opening backing store.', 'UnknownError');
            return open.apply(this, args);
        };
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (...args) {
            if (faults.has('storage_quota'))
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            return put.apply(this, args);
        };
        const array_buffer = Blob.prototype.arrayBuffer;
        Blob.prototype.arrayBuffer = function (...args) {
            if (faults.has('file_read'))
                return Promise.reject(new DOMException('The requested file could not be read.', 'NotReadableError'));
            return array_buffer.apply(this, args);
        };
        const create_object_url = URL.createObjectURL;
        URL.createObjectURL = function (...args) {
            if (faults.has('download')) throw new DOMException('Blob URLs are not allowed here.', 'SecurityError');
            return create_object_url.apply(this, args);
        };
    };

    test("file actions that fail say so in the learner's language, and the model is kept", async () => {
        const de = JSON.parse(readFileSync(join(root, 'web', 'i18n', 'locales', 'de', 'trainer.json'), 'utf8'));
        const { page, errors } = await open_trainer(browser.context, `${server.url}?lang=de&preset=small`, {
            init_scripts: [fault_script],
        });
        await page.evaluate(() => globalThis.relu_lab.trainer.step());
        const kept = await predictions(page);
        const model_path = join(work, 'kept.bin');
        writeFileSync(
            model_path,
            Uint8Array.from(
                await page.evaluate(async () => Array.from((await globalThis.relu_lab.trainer.client.save()).bytes))
            )
        );
        const idx_paths = [join(work, 'fault-images-idx3-ubyte'), join(work, 'fault-labels-idx1-ubyte')];
        writeFileSync(idx_paths[0], Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28]));
        writeFileSync(idx_paths[1], Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 0]));
        const with_fault = async (fault, action) => {
            await page.evaluate((f) => globalThis.__faults.add(f), fault);
            try {
                return await action();
            } finally {
                await page.evaluate((f) => globalThis.__faults.delete(f), fault);
            }
        };

        const cases = [
            ['storage_open', 'save_storage', de.storage_failed],
            ['storage_open', 'load_storage', de.storage_failed],
            ['storage_quota', 'save_storage', de.storage_full],
            ['download', 'save_file', de.file_save_failed],
        ];
        for (const [fault, action, expected] of cases) {
            const message = await with_fault(fault, () => file_message_after(page, () => page.click(control(action))));
            assert.deepEqual(message, { text: expected, error: true }, `${fault}, ${action}`);
        }
        const unreadable = await with_fault('file_read', () =>
            file_message_after(page, () => page.setInputFiles(control('load_file'), model_path))
        );
        assert.deepEqual(unreadable, { text: de.file_read_failed, error: true });
        await with_fault('file_read', async () => {
            await page.evaluate(() => {
                document.querySelector('.trainer-data-message').textContent = '';
            });
            await page.setInputFiles(control('idx_files'), idx_paths);
            await page.waitForFunction(
                (text) => document.querySelector('.trainer-data-message').textContent === text,
                de.idx_read_failed,
                { timeout: 10_000 }
            );
        });
        assert.equal(
            await page.evaluate(() => document.querySelector('.trainer-data-message').classList.contains('is-error')),
            true
        );
        assert.deepEqual(await predictions(page), kept, 'a failed file action changed the model');

        // Without the faults, the same actions work.
        assert.equal((await file_message_after(page, () => page.click(control('save_storage')))).error, false);
        assert.equal(
            (
                await file_message_after(page, () => page.setInputFiles(control('load_file'), model_path), {
                    timeout_ms: 30_000,
                })
            ).error,
            false
        );
        assert.deepEqual(await predictions(page), kept);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('the URL holds the set-up; a link reproduces it; malformed state is ignored with a notice', async () => {
        const { page, errors } = await open_trainer(browser.context, server.url);
        await choose_preset(page, 'small');
        await set_field(page, 'learning_rate', '0,02'); // decimal comma accepted
        await page.selectOption(control('add_layer_type'), 'dense');
        await page.click(control('add_layer'));
        await page.selectOption('.layer-row[data-index="4"] [data-field="activation"]', 'leaky_relu');
        await page.fill('.layer-row[data-index="4"] [data-field="activation_param"]', '0.2');
        await page.locator('.layer-row[data-index="4"] [data-field="activation_param"]').dispatchEvent('change');
        const plan = await poll(
            () => page.evaluate(() => globalThis.relu_lab.trainer.plan()),
            (p) => p.learning_rate === 0.02 && p.layers[4]?.activation_param === 0.2,
            { what: 'the plan with both changes' }
        );
        // The page's own address (page.url() is Playwright's copy, updated by an event).
        const link = await poll(
            () => page.evaluate(() => location.href),
            (href) => /net=.*leaky_relu%3A0\.2/.test(href),
            { what: 'the address with the new layer' }
        );
        await wait_for_text(page, '.keras-code', /LeakyReLU\(negative_slope=0\.2\)/);

        const second = await open_trainer(browser.context, link);
        assert.deepEqual(await second.page.evaluate(() => globalThis.relu_lab.trainer.plan()), plan);
        assert.equal(await second.page.inputValue(control('preset')), 'custom');
        await second.page.close();

        for (const query of [
            '?lr=abc&net=zz',
            '?net=c64.3.valid.relu,p2,d99999999.relu',
            '?lr=1e400',
            '?batch=-5',
            '?net=d10.%3Cimg%20src%3Dx%3E',
            '?preset=gigantic',
        ]) {
            const bad = await open_trainer(browser.context, `${server.url}${query}`);
            assert.ok(await bad.page.locator('.trainer-notice:not([hidden])').isVisible(), query);
            assert.deepEqual(
                await bad.page.evaluate(() => globalThis.relu_lab.trainer.plan()),
                await bad.page.evaluate(() => globalThis.relu_lab.trainer.presets()['seed-keras']),
                query
            );
            assert.equal(await bad.page.locator('img').count(), 0);
            assert.deepEqual(bad.errors, [], query);
            await bad.page.close();
        }
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('keyboard: controls are reachable and layers can be moved with buttons', async () => {
        const { page, errors } = await open_trainer(browser.context, server.url);
        for (const name of [
            'preset',
            'editor',
            'learning_rate',
            'play',
            'step',
            'reset',
            'optimizer',
            'batch_size',
            'epochs',
            'augment',
            'seed',
            'initializer',
            'save_file',
            'load_file',
            'keras',
        ]) {
            assert.equal(await page.locator(control(name)).count(), 1, name);
        }
        await page.focus('.layer-row[data-index="1"] [data-action="up"]');
        await page.keyboard.press('Enter');
        await poll_equal(
            () => page.evaluate(() => globalThis.relu_lab.trainer.plan().layers.map((l) => l.type)),
            ['max_pool2d', 'conv2d', 'dense']
        );
        // Focus follows the moved layer.
        await poll_equal(() => page.evaluate(() => document.activeElement.closest('.layer-row')?.dataset.index), '0');
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

    test("the layer editor shows each layer's output shape and parameters, in all five languages, updated as layers change", async () => {
        const index = pathToFileURL(join(dist_dir, 'index.html')).href;
        const row = (i) => `.layer-row[data-index="${i}"] .layer-shape`;
        for (const lang of ['en', 'de', 'zh-Hans', 'es', 'it']) {
            const { page, errors } = await open_trainer(browser.context, `${index}?lang=${lang}#trainer`);
            // Grouped as the page groups (useGrouping: true groups es 1290 as 1.290 too).
            const numbers = await page.evaluate(
                ([tag, list]) =>
                    Object.fromEntries(
                        list.map((n) => [n, new Intl.NumberFormat(tag, { useGrouping: true }).format(n)])
                    ),
                [lang, [640, 1384576, 10816, 1290, 1386506]]
            );
            const number = (n) => numbers[n];
            // seed-keras: Conv2D(64, 3x3) -> 26 x 26 x 64 with 64 x (9 + 1) = 640 parameters.
            await wait_for_text(page, row(0), new RegExp(`26 × 26 × 64\\D+${number(640)}\\D`));
            assert.match(await page.textContent(row(2)), new RegExp(`128\\D+${number(1384576)}\\D`));
            const summary = await page.textContent('#trainer .layer-summary');
            for (const n of [10816, 1290, 1386506]) assert.ok(summary.includes(number(n)), `${lang}: ${summary}`);
            if (lang === 'de')
                await page
                    .locator('#trainer .layer-editor')
                    .screenshot({ path: join(root, 'build', 'screenshots', 'layer-shapes-de.png') });
            if (lang === 'en') {
                assert.equal(await page.textContent(row(1)), 'Output 13 × 13 × 64, no parameters');
                // 32 filters: 320 parameters, and the Dense layer after it shrinks to 13 x 13 x 32 x 128 + 128.
                await page.fill('.layer-row[data-index="0"] [data-field="filters"]', '32');
                await page.locator('.layer-row[data-index="0"] [data-field="filters"]').dispatchEvent('change');
                await wait_for_text(page, row(0), 'Output 26 × 26 × 32, 320 parameters');
                await wait_for_text(page, row(2), 'Output 128, 692,352 parameters');
                // A value the editor refuses: no numbers shown for a network that cannot be built.
                await page.fill('.layer-row[data-index="0"] [data-field="filters"]', '0');
                await page.locator('.layer-row[data-index="0"] [data-field="filters"]').dispatchEvent('change');
                await wait_for_text(page, row(0), '');
                assert.equal(await page.textContent('#trainer .layer-summary'), '');
                // A network the core refuses (planned, never allocated): its reason instead.
                await page.fill('.layer-row[data-index="0"] [data-field="filters"]', '512');
                await page.locator('.layer-row[data-index="0"] [data-field="filters"]').dispatchEvent('change');
                await page.fill('.layer-row[data-index="2"] [data-field="units"]', '8192');
                await page.locator('.layer-row[data-index="2"] [data-field="units"]').dispatchEvent('change');
                await wait_for_text(page, '#trainer .layer-summary', /This network needs [\d,]+ MB for a batch of 32/);
                assert.equal(await page.textContent(row(0)), '');
            }
            assert.deepEqual(errors, []);
            await page.close();
        }
    });

    test('the same training flow: small trains to 95 % held out from disk', async () => {
        const url = `${pathToFileURL(join(dist_dir, 'index.html')).href}?preset=small`;
        const { page, requests, errors } = await open_trainer(browser.context, url);
        assert.equal(await page.inputValue(control('preset')), 'small');
        const { history } = await train_to(page, 0.95);
        const best = Math.max(...history.epochs.map((e) => e.test_accuracy));
        assert.ok(best >= 0.95, `best ${best}`);
        assert.deepEqual(foreign_requests(requests, url), []);
        assert.deepEqual(errors, []);
        await page.close();
    });
});
