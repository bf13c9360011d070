// The facts the page reads from the C++ core (relu_lab.trainer_facts, relu_lab.activations)
// are what the core does: every preset, initialiser and optimizer it names builds, the
// seed range is the one the core's config parser enforces, "automatic" resolves to the
// initialiser each activation reports, and the bounded activations are bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { create_trainer, deep_mlp_config, preset_config } from '../../web/bridge/trainer.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';

const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
const facts = relu_lab.trainer_facts;

function built(config) {
    const made = create_trainer(relu_lab, config);
    if (made.ok) made.trainer.dispose();
    return made;
}

test('the facts are frozen and name what the page lists', () => {
    assert.ok(Object.isFrozen(facts) && Object.isFrozen(facts.presets) && Object.isFrozen(facts.input));
    assert.deepEqual(facts.presets, ['seed-keras', 'small', 'deep-mlp']);
    assert.deepEqual(facts.input, { channels: 1, height: 28, width: 28 });
    assert.equal(facts.classes, 10);
    assert.equal(facts.weight_inits[0], 'automatic');
    assert.deepEqual(facts.seed, [0, 2 ** 32 - 1]);
    assert.deepEqual(facts.augmentations, ['none', 'shifts_rotations', 'elastic']);
    assert.deepEqual(Object.keys(facts.augment), [
        'elastic_alpha_px',
        'elastic_sigma_px',
        'max_rotation_deg',
        'max_shift_px',
    ]);
});

test('every preset, initialiser, optimizer and augmentation named builds; an unknown one is refused with the same list', () => {
    const base = preset_config(relu_lab, 'small').config;
    for (const name of facts.presets) assert.ok(built(preset_config(relu_lab, name).config).ok, name);
    for (const weight_init of facts.weight_inits) assert.ok(built({ ...base, weight_init }).ok, weight_init);
    for (const optimizer of facts.optimizers) assert.ok(built({ ...base, optimizer }).ok, optimizer);
    for (const augment of facts.augmentations) assert.ok(built({ ...base, augment }).ok, augment);
    const refused = built({ ...base, weight_init: 'orthogonal' });
    assert.equal(refused.code, 'config.unknown_weight_init');
    assert.equal(refused.params.choices, facts.weight_inits.join(', '));
    assert.equal(built({ ...base, optimizer: 'rmsprop' }).params.choices, facts.optimizers.join(', '));
    const mixup = built({ ...base, augment: 'mixup' });
    assert.equal(mixup.code, 'config.unknown_augmentation');
    assert.equal(mixup.params.choices, facts.augmentations.join(', '));
    assert.equal(preset_config(relu_lab, 'huge').params.choices, facts.presets.join(', '));
});

test('both ends of the seed range build, and keep the seed exactly', () => {
    const base = preset_config(relu_lab, 'small').config;
    for (const seed of facts.seed) {
        const made = create_trainer(relu_lab, { ...base, seed });
        assert.ok(made.ok, String(seed));
        assert.equal(made.trainer.config().seed, seed);
        made.trainer.dispose();
    }
});

test('"automatic" draws the initialiser each activation reports, and the head draws the linear one', () => {
    for (const a of relu_lab.activations) {
        const made = create_trainer(relu_lab, deep_mlp_config(relu_lab, { depth: 1, width: 8, activation: a.name }));
        assert.ok(made.ok, a.name);
        const dense = made.trainer.layers().filter((l) => l.type === 'dense');
        made.trainer.dispose();
        assert.equal(dense[0].init, a.automatic_weight_init, a.name);
        assert.equal(dense.at(-1).init, facts.linear_weight_init, `${a.name}: the head`);
    }
    const relu_family = relu_lab.activations.filter((a) => a.automatic_weight_init === 'he_normal').map((a) => a.name);
    assert.deepEqual(relu_family, ['relu', 'leaky_relu', 'prelu', 'elu', 'relu6']);
});

test('the activations reported bounded above stay under a constant for large inputs; the others grow', () => {
    const x = Float32Array.from([1e3, 1e4, 1e5]);
    for (const a of relu_lab.activations) {
        const y = relu_lab.forward(a.name, x);
        const bounded = y.every((v) => v <= 6);
        assert.equal(bounded, a.bounded_above, `${a.name}: ${Array.from(y)}`);
    }
});

test("the deep MLP config is the deep-mlp preset's network", () => {
    const preset = preset_config(relu_lab, 'deep-mlp').config;
    const mlp = deep_mlp_config(relu_lab, { depth: 8, width: 64, activation: 'relu' });
    assert.deepEqual(mlp.layers, preset.layers);
    assert.equal(mlp.layers.at(-1).units, facts.classes);
});
