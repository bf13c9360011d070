// Training throughput of the page's own trainer with 1, 2, 4 ... workers (the trainer's
// worker and helpers, web/workers/training_team.js), in headless Chromium on the built
// page: for each preset a new model (augment 'none', a fixed seed), then rounds in which
// every worker count is measured in turn (interleaved: the machine is shared; each round
// starts one count later than the one before, so no count always follows the same). A
// measurement is client.step(k) calls lasting about `seconds`, after a few warm-up steps
// with the new team; the step that ends an epoch (it evaluates the held-out set) and the
// epoch's last, possibly partial, batch are trained untimed, so a measurement is steps of
// full batches only. A measurement for the benchmark, never asserted.
//
// The page trains with at most one worker per core (web/trainer/trainer_client.js), so
// asking for more gives fewer; training_workers says how many trained. For the counts in
// `oversubscribed` the page is also told that the computer has that many cores (a
// navigator.hardwareConcurrency it reads at set_workers), and every worker trains: what
// more workers than cores would cost.
import { cores_script } from '../support/browser.js';

export async function measure_workers(
    context,
    url,
    {
        presets = ['seed-keras', 'small'],
        workers: counts = [1, 2, 4],
        with_default = false, // and the page's default count (one worker per core up to 8)
        rounds = 3,
        seconds = 1.5,
        seed = 1,
        warmup_steps = 5,
        oversubscribed = [],
    } = {}
) {
    const page = await context.newPage();
    await page.addInitScript(cores_script());
    const errors = [];
    page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
        await page.goto(url);
        await page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 120_000 });
        const setup = await page.evaluate(async () => {
            const trainer = globalThis.relu_lab.trainer;
            await trainer.workers_ready; // the default team, one worker per core up to 8
            globalThis.__team_events = [];
            trainer.client.on('team_changed', (m) => globalThis.__team_events.push(m));
            return {
                build: globalThis.relu_lab.build,
                cores: navigator.hardwareConcurrency,
                default_workers: (await trainer.client.status()).workers,
            };
        });
        const workers = [...new Set([...counts, ...(with_default ? [setup.default_workers] : [])])].sort(
            (a, b) => a - b
        );
        const samples = {}; // preset -> workers -> [images/s, one per round]
        const infer_samples = {}; // the same for the held-out evaluation
        const oversubscribed_samples = {}; // preset -> workers -> [images/s], every worker training
        const training_workers = {}; // workers -> how many trained
        const details = {};
        for (const preset of presets) {
            details[preset] = await page.evaluate(
                async ({ preset, seed }) => {
                    const trainer = globalThis.relu_lab.trainer;
                    const plan = { ...trainer.presets()[preset], augment: 'none', seed, epochs: 200 };
                    if (!trainer.set_plan(plan)) throw new Error(`${preset}: the trainer refused the plan`);
                    const made = await trainer.reset();
                    if (!made.ok) throw new Error(`${preset}: no model (${made.error ?? made.code})`);
                    const status = await trainer.client.status();
                    return {
                        batch_size: status.config.batch_size,
                        train_count: status.train_count,
                        batches_per_epoch: Math.ceil(status.train_count / status.config.batch_size),
                        steps: {},
                    };
                },
                { preset, seed }
            );
            samples[preset] = Object.fromEntries(workers.map((n) => [n, []]));
            infer_samples[preset] = Object.fromEntries(workers.map((n) => [n, []]));
            oversubscribed_samples[preset] = Object.fromEntries(oversubscribed.map((n) => [n, []]));
            const runs = [...workers.map((n) => ({ n, cores: null })), ...oversubscribed.map((n) => ({ n, cores: n }))];
            for (let round = 0; round < rounds; round++) {
                const order = runs.map((_, i) => runs[(i + round) % runs.length]);
                for (const { n, cores } of order) {
                    const m = await page.evaluate(measure_in_page, {
                        n,
                        cores,
                        seconds,
                        warmup_steps,
                        per_epoch: details[preset].batches_per_epoch,
                    });
                    if (m.error) throw new Error(`${preset}, ${n} workers: ${m.error}`);
                    const images_per_s = (m.steps * details[preset].batch_size) / (m.ms / 1000);
                    if (cores) {
                        if (m.training_workers !== n)
                            throw new Error(`${n} workers on ${n} cores: ${m.training_workers} trained`);
                        oversubscribed_samples[preset][n].push(images_per_s);
                        continue;
                    }
                    training_workers[n] = m.training_workers;
                    samples[preset][n].push(images_per_s);
                    infer_samples[preset][n].push(m.infer_images / (m.infer_ms / 1000));
                    (details[preset].steps[n] ??= []).push(m.steps);
                    // How the team split the batches at the end (the leader's image weights).
                    if (m.image_weights) (details[preset].image_weights ??= {})[n] = m.image_weights;
                }
            }
        }
        const team_events = await page.evaluate(() => globalThis.__team_events);
        return {
            ...setup,
            presets,
            workers,
            rounds,
            seconds,
            seed,
            warmup_steps,
            samples,
            infer_samples,
            oversubscribed_samples,
            training_workers,
            details,
            team_events,
            errors,
        };
    } finally {
        await page.close();
    }
}

// In the page: n workers (on `cores` cores, when given, instead of the machine's), warm-up,
// a short timed run to size the measurement, then the measurement, then the held-out
// evaluation. Returns { steps, ms, infer_images, infer_ms, training_workers } or { error }.
async function measure_in_page({ n, cores, seconds, warmup_steps, per_epoch }) {
    const client = globalThis.relu_lab.trainer.client;
    globalThis.__cores_for_test = cores ?? undefined; // tests/support/browser.js: cores_script
    const answer = await client.set_workers(n);
    globalThis.__cores_for_test = undefined;
    const training_workers = answer?.workers;
    const expected = Math.min(n, cores ?? navigator.hardwareConcurrency);
    if (!answer?.ok || training_workers !== expected)
        return { error: `asked for ${n} workers, expected ${expected} to train, got ${JSON.stringify(answer)}` };
    let { step, epoch } = await client.status();
    // Trains `steps` timed steps, none of them an epoch's last.
    async function train(steps) {
        let ms = 0;
        let done = 0;
        for (let guard = 0; done < steps; guard++) {
            if (guard > 10_000) throw new Error('no progress');
            const left_in_epoch = per_epoch - (step % per_epoch);
            const timed = left_in_epoch > 1;
            const want = timed ? Math.min(steps - done, left_in_epoch - 1, 1000) : left_in_epoch;
            const started = performance.now();
            const r = await client.step(want);
            const took = performance.now() - started;
            if (!r.ok) throw new Error(`step: ${r.error ?? r.code ?? JSON.stringify(r)}`);
            // An epoch that ended inside a timed call (not expected) is not counted.
            if (timed && r.epoch === epoch) {
                ms += took;
                done += r.step - step;
            }
            step = r.step;
            epoch = r.epoch;
        }
        return { ms, steps: done };
    }
    try {
        await train(warmup_steps); // the helpers copy the model on the team's first step
        const probe = await train(10);
        const steps = Math.max(20, Math.min(5000, Math.round((seconds * 1000 * probe.steps) / probe.ms)));
        const measured = await train(steps);
        // Inference: the held-out evaluation as the page runs it (client.evaluate(): shared by
        // the team, with the per-layer statistics), repeated for about half as long.
        const first = await client.evaluate();
        if (!first.ok) throw new Error(`evaluate: ${first.error ?? first.code}`);
        let infer_images = 0;
        const infer_started = performance.now();
        do {
            const e = await client.evaluate();
            if (!e.ok) throw new Error(`evaluate: ${e.error ?? e.code}`);
            infer_images += e.count;
        } while (performance.now() - infer_started < (seconds * 1000) / 2);
        const infer_ms = performance.now() - infer_started;
        const status = await client.status();
        if (status.workers !== training_workers)
            return { error: `${status.workers} workers after the measurement, not ${training_workers}` };
        return { ...measured, infer_images, infer_ms, training_workers, image_weights: status.image_weights };
    } catch (error) {
        return { error: String(error?.message ?? error) };
    }
}
