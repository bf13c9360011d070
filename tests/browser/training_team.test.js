// Training on several workers in real Chromium (web/workers/training_team.js, the trainer's
// worker and helper workers joined by MessagePorts, no SharedArrayBuffer): the page starts
// one worker per core and says so; the same seed gives byte-identical model files after 3
// steps with 1, 2, 3 and 4 workers; a slower helper gets fewer images of each batch (the
// split follows the workers' measured speeds) and the bytes stay the same; more workers
// than cores are chosen, one per core
// trains and the note says why; a helper lost while training is reported in the
// learner's language and training goes on with one worker; from file:// and as the
// single-file build, two workers train to the same bytes as one. Where a test needs a
// core count, the page is told one (navigator.hardwareConcurrency), so that it runs the
// same on any machine: training uses at most one worker per core.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { serious_axe_violations } from '../support/axe.js';
import { cores_script, dist_dir, open_page, use_browser_and_server } from '../support/browser.js';
import { poll, wait_for_text } from '../support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const locale = (language) =>
    JSON.parse(readFileSync(join(root, 'web', 'i18n', 'locales', language, 'trainer.json'), 'utf8'));

async function open_trainer(context, url, { cores = null } = {}) {
    const opened = await open_page(context, url, { init_scripts: cores ? [cores_script(cores)] : [] });
    await opened.page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await opened.page.evaluate(() => globalThis.relu_lab.trainer.workers_ready);
    return opened;
}

// A new model of `preset` with seed 7 trained `steps` steps by `workers` workers -> the
// model file's (weights, optimizer state, counters) length and 32-bit FNV-1a hash, taken
// in the page (seed-keras' file is 16 MB: too much to hand to the test as numbers).
// slow_helpers: helper index -> ms more per image (trainer_client.js: set_workers);
// then -> { model, image_weights } (how the team split the last batch).
async function model_after_steps(page, { workers, steps, preset = 'small', slow_helpers = null }) {
    return page.evaluate(
        async ({ workers, steps, preset, slow_helpers }) => {
            const trainer = globalThis.relu_lab.trainer;
            const client = trainer.client;
            const answer = await client.set_workers(workers, { slow_helpers_for_test: slow_helpers ?? {} });
            if (answer.workers !== workers) throw new Error(`asked ${workers} workers, got ${answer.workers}`);
            const plan = { ...trainer.presets()[preset], seed: 7, augment: 'elastic' };
            if (!trainer.set_plan(plan)) throw new Error('plan refused');
            const made = await trainer.reset();
            if (!made.ok) throw new Error(made.error);
            const stepped = await client.step(steps);
            if (!stepped.ok || stepped.step !== steps) throw new Error(JSON.stringify(stepped));
            const status = await client.status();
            if (status.workers !== workers) throw new Error(`status says ${status.workers} workers`);
            const bytes = (await client.save()).bytes;
            let hash = 0x811c9dc5;
            for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
            const model = `${bytes.length}:${hash.toString(16)}`;
            return slow_helpers ? { model, image_weights: status.image_weights } : model;
        },
        { workers, steps, preset, slow_helpers }
    );
}

describe('training on several workers', () => {
    const shared = use_browser_and_server();

    test('one worker per core by default; 1, 2, 3 and 4 workers give the same model file', async () => {
        // Four cores, so that 3 and 4 workers train (each a real worker) on a smaller machine too.
        const { page, errors } = await open_trainer(shared.browser.context, `${shared.server.url}#trainer`, {
            cores: 4,
        });
        assert.equal(await page.evaluate(() => navigator.hardwareConcurrency), 4);
        const expected_default = 4;
        assert.equal(await page.inputValue('#trainer [data-control="trainer_workers"]'), String(expected_default));
        await wait_for_text(page, '#trainer .trainer-workers-note', new RegExp(`use ${expected_default} of`));
        const status = await page.evaluate(() => globalThis.relu_lab.trainer.client.status());
        assert.equal(status.workers, expected_default);
        // The trainer's worker ran its warm-up (web/workers/warm_up.js) when its module was built.
        assert.equal(status.warm_up?.ok, true, JSON.stringify(status.warm_up));
        // seed-keras: a dense layer of 1.4 M weights whose gradient rows are split among workers.
        for (const preset of ['small', 'seed-keras']) {
            const one = await model_after_steps(page, { workers: 1, steps: 3, preset });
            for (const workers of [2, 3, 4]) {
                const many = await model_after_steps(page, { workers, steps: 3, preset });
                assert.equal(many, one, `${preset}: ${workers} workers differ from one`);
            }
        }
        // The held-out evaluation a learner asks for (of an IDX test file, say) is shared by
        // the team too, synced first, and gives what one worker gives.
        const [alone, by_three] = await page.evaluate(async () => {
            const client = globalThis.relu_lab.trainer.client;
            const out = [];
            for (const n of [1, 3]) {
                await client.set_workers(n);
                out.push(await client.evaluate());
            }
            return out;
        });
        assert.ok(alone.ok && by_three.ok);
        assert.equal(by_three.count, alone.count);
        assert.equal(by_three.accuracy, alone.accuracy);
        assert.deepEqual(by_three.confusion, alone.confusion);
        assert.ok(Math.abs(by_three.loss - alone.loss) <= 1e-6 * alone.loss, `${by_three.loss} vs ${alone.loss}`);
        assert.deepEqual(
            by_three.layers.map((l) => l.dead_units),
            alone.layers.map((l) => l.dead_units)
        );
        // The model inspection's evaluation image by image too (probabilities included).
        const details = await page.evaluate(async () => {
            const client = globalThis.relu_lab.trainer.client;
            const out = [];
            for (const n of [1, 3]) {
                await client.set_workers(n);
                const d = await client.request('evaluate_details');
                out.push({
                    ok: d.ok,
                    accuracy: d.accuracy,
                    predicted: Array.from(d.predicted),
                    p: Array.from(d.probabilities),
                });
            }
            return out;
        });
        assert.ok(details[0].ok && details[1].ok);
        assert.deepEqual(details[1], details[0]);
        assert.equal(details[0].accuracy, alone.accuracy);
        const axe = await serious_axe_violations(page, '#trainer .trainer-controls');
        assert.ok(axe.rules_run > 0);
        assert.deepEqual(axe.serious, []);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test("a slower helper gets fewer of each batch's images, and the model file stays one worker's", async (t) => {
        const { page, errors } = await open_trainer(shared.browser.context, `${shared.server.url}#trainer`, {
            cores: 4,
        });
        // small's images take well under a millisecond each; helper 1 takes 3 ms more.
        const one = await model_after_steps(page, { workers: 1, steps: 30 });
        const even = await model_after_steps(page, { workers: 2, steps: 30, slow_helpers: {} });
        const slowed = await model_after_steps(page, { workers: 2, steps: 30, slow_helpers: { 1: 3 } });
        t.diagnostic(
            `image weights after 30 steps: ${even.image_weights} even, ${slowed.image_weights} with helper 1 slowed`
        );
        assert.equal(even.model, one);
        assert.equal(slowed.model, one);
        const [leader, helper] = slowed.image_weights;
        assert.ok(helper < leader / 2, `split ${slowed.image_weights} (even helpers: ${even.image_weights})`);
        assert.ok(helper >= 250, 'the slower helper still takes part');
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('a helper lost while training is reported in German, and training goes on with one worker', async () => {
        const { page, errors } = await open_trainer(shared.browser.context, `${shared.server.url}?lang=de#trainer`, {
            cores: 4,
        });
        await page.evaluate(async () => {
            const trainer = globalThis.relu_lab.trainer;
            await trainer.client.set_workers(3);
            trainer.set_plan({ ...trainer.presets().small, epochs: 3 });
            await trainer.reset();
            await trainer.play();
        });
        await poll(
            () => page.evaluate(() => globalThis.relu_lab.trainer.history().last_progress?.step ?? 0),
            (step) => step >= 5,
            { what: 'five steps with three workers' }
        );
        await page.evaluate(() => globalThis.relu_lab.trainer.client.lose_helper_for_test(2));
        await wait_for_text(page, '#trainer .trainer-workers-note', locale('de').workers_lost);
        assert.equal(await page.inputValue('#trainer [data-control="trainer_workers"]'), '1');
        const step_then = await page.evaluate(() => globalThis.relu_lab.trainer.history().last_progress.step);
        await poll(
            () => page.evaluate(() => globalThis.relu_lab.trainer.history().last_progress.step),
            (step) => step >= step_then + 20,
            { what: 'twenty more steps with one worker' }
        );
        const progress = await page.evaluate(() => globalThis.relu_lab.trainer.history().last_progress);
        assert.equal(progress.workers, 1);
        assert.equal(await page.evaluate(() => globalThis.relu_lab.trainer.history().diverged), null);
        // One worker alone goes from chunk to chunk by messages to itself: Pause still gets in.
        await page.evaluate(() => globalThis.relu_lab.trainer.pause());
        await page.waitForFunction(() => !globalThis.relu_lab.trainer.history().running);
        const paused_at = (await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).step;
        await page.waitForTimeout(500);
        assert.equal((await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).step, paused_at);
        // The learner can ask for helpers again; the note says how many of the cores train.
        const workers_note = (workers) =>
            locale('de').workers_note.replace('{workers}', String(workers)).replace('{cores}', '4');
        await page.selectOption('#trainer [data-control="trainer_workers"]', '2');
        await wait_for_text(page, '#trainer .trainer-workers-note', workers_note(2));
        assert.equal((await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).workers, 2);
        // The learner's choice holds for the labs' experiments too.
        await page.selectOption('#trainer [data-control="trainer_workers"]', '3');
        await wait_for_text(page, '#trainer .trainer-workers-note', workers_note(3));
        assert.equal(await page.evaluate(() => globalThis.relu_lab.labs.workers()), 3);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('more workers than cores: one per core trains, the labs use all, and the note says why, in Italian', async () => {
        const { page, errors } = await open_trainer(shared.browser.context, `${shared.server.url}?lang=it#trainer`, {
            cores: 2,
        });
        const select = '#trainer [data-control="trainer_workers"]';
        const note = '#trainer .trainer-workers-note';
        const it = locale('it');
        const fill = (text, params) =>
            Object.entries(params).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), text);
        await wait_for_text(page, note, fill(it.workers_note, { workers: 2, cores: 2 }));
        await page.selectOption(select, '4');
        await wait_for_text(page, note, fill(it.workers_note_over_cores, { workers: 4, cores: 2, training: 2 }));
        assert.equal(await page.inputValue(select), '4', 'the choice stays what the learner chose');
        assert.equal((await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).workers, 2);
        assert.equal(await page.evaluate(() => globalThis.relu_lab.labs.workers()), 4);
        // The team of two still trains.
        const stepped = await page.evaluate(async () => {
            const trainer = globalThis.relu_lab.trainer;
            if (!trainer.set_plan({ ...trainer.presets().small, seed: 7 })) throw new Error('plan refused');
            const made = await trainer.reset();
            if (!made.ok) throw new Error(made.error);
            return trainer.client.step(2);
        });
        assert.ok(stepped.ok, JSON.stringify(stepped));
        assert.equal((await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).workers, 2);
        await page.selectOption(select, '1');
        await wait_for_text(page, note, fill(it.workers_note, { workers: 1, cores: 2 }));
        assert.equal((await page.evaluate(() => globalThis.relu_lab.trainer.client.status())).workers, 1);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test("while training runs, the inspection's evaluation is the last epoch end's (training does not wait for another)", async () => {
        const { page, errors } = await open_trainer(shared.browser.context, `${shared.server.url}#trainer`);
        const answer = await page.evaluate(async () => {
            const trainer = globalThis.relu_lab.trainer;
            const client = trainer.client;
            await client.set_workers(2);
            // small: an epoch of the 4,000 bundled digits is 200 steps.
            if (!trainer.set_plan({ ...trainer.presets().small, seed: 3 })) throw new Error('plan refused');
            const made = await trainer.reset();
            if (!made.ok) throw new Error(made.error);
            const ends = [];
            client.on('epoch_end', (m) => ends.push(m));
            await client.play(40);
            const give_up = performance.now() + 120_000;
            while (ends.length === 0) {
                if (performance.now() > give_up) throw new Error('no epoch ended within two minutes');
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
            const details = await client.request('evaluate_details');
            // Events and answers come in the order the worker sent them.
            const last_end = ends.at(-1);
            const running = (await client.status()).running;
            await client.pause();
            return { accuracy: details.accuracy, count: details.count, running, last_end: last_end.test_accuracy };
        });
        assert.equal(answer.running, true, 'training went on while the inspection asked');
        assert.equal(answer.count, 1000);
        assert.equal(answer.accuracy, answer.last_end);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('from file:// and as the single-file build, two workers train to the same bytes as one', async () => {
        for (const file of ['index.html', 'relu-lab-single-file.html']) {
            const url = `${pathToFileURL(join(dist_dir, file)).href}#trainer`;
            const { page, errors } = await open_trainer(shared.browser.context, url);
            const one = await model_after_steps(page, { workers: 1, steps: 4 });
            const two = await model_after_steps(page, { workers: 2, steps: 4 });
            assert.equal(two, one, `${file}: two workers differ from one`);
            assert.deepEqual(errors, []);
            await page.close();
        }
    });
});
