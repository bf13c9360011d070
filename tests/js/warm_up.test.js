// The training workers' warm-up (web/workers/warm_up.js): it trains a tiny network of its
// own once the module is built, so that the learner's first steps find the code compiled.
// It must succeed in every build, again and again, and leave nothing behind that training
// could notice: a model trained after it has the same bits as one trained on a module that
// never warmed up.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { create_trainer, preset_config } from '../../web/bridge/trainer.js';
import { warm_up_training } from '../../web/workers/warm_up.js';
import { every_tenth_digit } from '../support/bundled_digits.js';

// A model file after `steps` steps of seed-keras with the page's augmentation, from a
// fixed seed, on 200 mixed digits.
function trained_model_file(relu_lab, steps) {
    const config = { ...preset_config(relu_lab, 'seed-keras').config, augment: 'shifts_rotations', seed: 11 };
    const made = create_trainer(relu_lab, config);
    assert.ok(made.ok, made.error);
    try {
        assert.deepEqual(made.trainer.set_training_data(every_tenth_digit(200, 3)), { ok: true });
        for (let s = 0; s < steps; s++) assert.ok(made.trainer.step(1).ok);
        return made.trainer.save();
    } finally {
        made.trainer.dispose();
    }
}

for (const build of ['fma', 'simd', 'scalar']) {
    test(`warm-up in the ${build} build: it succeeds and changes no bit of later training`, async () => {
        const cold = await load_relu_lab_in_node({ build });
        const warm = await load_relu_lab_in_node({ build });
        const first = warm_up_training(warm);
        assert.equal(first.ok, true, first.error);
        assert.ok(first.ms > 0);
        assert.equal(warm_up_training(warm).ok, true);

        const from_cold = trained_model_file(cold, 3);
        const from_warm = trained_model_file(warm, 3);
        assert.equal(from_warm.length, from_cold.length);
        assert.ok(Buffer.from(from_warm).equals(Buffer.from(from_cold)), 'the model files differ');
        // (The files hold the weights, Adam's state and the counters: training did move them.)
        assert.ok(!Buffer.from(from_cold).equals(Buffer.from(trained_model_file(cold, 2))));
    });
}
