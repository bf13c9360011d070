// The real experiments (the C++ core in wasm, the bundled digits): a list run whole and
// the same list run in shares (as the lab client hands it to several workers) and merged
// give exactly the same result, so the number of workers cannot change what a learner sees.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { bundled_digits_split } from '../../web/bridge/datasets.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { experiments, lab_data } from '../../web/labs/lab_experiments.js';
import { create_progress_merger, merge_results, plan_lab_run } from '../../web/labs/lab_parts.js';

const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });

// The bundled digits as the lab worker gets them (set_digits).
const digits_dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'data', 'digits');
const split = await bundled_digits_split(relu_lab, {
    images_gz: new Uint8Array(readFileSync(join(digits_dir, 'digits-images.idx3-ubyte.gz'))),
    labels_gz: new Uint8Array(readFileSync(join(digits_dir, 'digits-labels.idx1-ubyte.gz'))),
});
assert.ok(split.ok, split.error);
const data = lab_data(split.train, split.test);

// Runs every part of the plan (one after another here; in the page, each on its worker)
// and merges results and progress as lab_client.js does.
async function run_in_parts(lab, params, workers) {
    const plan = plan_lab_run(lab, params, relu_lab, workers);
    const merge_progress = create_progress_merger(plan);
    const progress = [];
    const results = [];
    for (const [k, part] of plan.parts.entries())
        results.push(
            await experiments[lab](relu_lab, data, part.params, {
                progress: (p) => progress.push(merge_progress(k, p)),
            })
        );
    return { plan, result: merge_results(plan, results), progress };
}

test('same-seed A/B split across 2 and 3 workers: exactly the whole run, the repeated copy included', async () => {
    const params = { copies: ['relu', 'leaky_relu', 'relu'], steps: 20, seed: 3 };
    const whole = await experiments.same_seed_ab(relu_lab, data, params);
    assert.deepEqual(
        whole.series.map((s) => s.activation),
        ['relu', 'leaky_relu', 'relu']
    );
    assert.equal(whole.series[0].trace.length, 3); // steps 0, 10, 20
    for (const workers of [2, 3]) {
        const { plan, result, progress } = await run_in_parts('same_seed_ab', params, workers);
        assert.equal(plan.parts.length, workers);
        // A share of one copy ran one copy, not the lab's default pair.
        assert.ok(plan.parts.some((p) => p.values.length === 1));
        assert.deepEqual(result, whole, `${workers} workers`);
        // The last merged progress holds every copy, in place, at the last step.
        const last = progress.at(-1);
        assert.equal(last.step, 20);
        assert.deepEqual(last.partial.series_index, [0, 1, 2]);
        assert.deepEqual(last.partial.series, whole.series);
    }
    // Identical copies on different workers are still identical.
    const { result } = await run_in_parts('same_seed_ab', params, 3);
    assert.deepEqual(result.series[2].trace, result.series[0].trace);
    assert.notDeepEqual(result.series[1].trace, result.series[0].trace);
});

test('vanishing gradients split across 2 workers: exactly the whole run, its step included', async () => {
    const params = { depth: 6, activations: ['sigmoid', 'relu', 'elu'], steps: 20 };
    const whole = await experiments.vanishing_gradients(relu_lab, data, params);
    const { result } = await run_in_parts('vanishing_gradients', params, 2);
    assert.equal(result.step, 20);
    assert.deepEqual(result, whole);
});
