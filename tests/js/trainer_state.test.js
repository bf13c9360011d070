// The trainer section's state without a page: plans from presets, the checks that refuse
// bad numbers before the C++ core sees them, the URL round trip (and hostile addresses),
// the config handed to the core, and the Keras program for a plan.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { create_trainer, preset_config } from '../../web/bridge/trainer.js';
import { keras_code } from '../../web/trainer/setup/keras_code.js';
import {
    check_number,
    check_plan,
    clone_plan,
    plan_from_config,
    plan_from_preset,
    plan_from_url_params,
    plan_to_config,
    plan_to_url_params,
} from '../../web/trainer/trainer_state.js';

const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
const presets = Object.fromEntries(
    relu_lab.trainer_facts.presets.map((n) => [n, plan_from_preset(preset_config(relu_lab, n).config)])
);

test('presets become plans the page accepts, and their configs build in the C++ core', () => {
    const seed = presets['seed-keras'];
    // Conv2D(64, 3x3, relu) -> MaxPool(2) -> [Flatten] -> Dense(128, relu) -> [Dense(10, softmax)]
    assert.deepEqual(
        seed.layers.map((l) => l.type),
        ['conv2d', 'max_pool2d', 'dense']
    );
    assert.equal(seed.layers[0].filters, 64);
    assert.equal(seed.layers[2].units, 128);
    assert.equal(seed.learning_rate, 0.001);
    assert.equal(presets.small.learning_rate, 0.004);
    for (const name of relu_lab.trainer_facts.presets) {
        assert.deepEqual(check_plan(presets[name], relu_lab), [], name);
        const made = create_trainer(relu_lab, plan_to_config(presets[name], relu_lab));
        assert.ok(made.ok, `${name}: ${made.error}`);
        const config = made.trainer.config();
        assert.equal(config.layers.at(-1).units, 10);
        assert.equal(config.layers.filter((l) => l.type === 'flatten').length, 1, name);
        made.trainer.dispose();
    }
});

test('NaN, negative, zero, huge and non-numbers are refused with a message key', () => {
    assert.equal(check_number('learning_rate', 0.01, relu_lab), null);
    for (const bad of [null, NaN, -0.1, 0, 1e9, Infinity])
        assert.ok(check_number('learning_rate', bad, relu_lab), String(bad));
    for (const bad of [0, -3, 2.5, 1e7, NaN]) assert.ok(check_number('batch_size', bad, relu_lab), String(bad));
    assert.equal(check_number('batch_size', 32, relu_lab), null);
    assert.equal(check_number('epochs', 1.5, relu_lab).key, 'trainer.error_whole_number_range');
    const plan = clone_plan(presets['seed-keras']);
    plan.layers[0].filters = -4;
    plan.layers[2].activation_param = 5;
    plan.layers[2].activation = 'leaky_relu'; // its negative slope lies in [0, 1]
    plan.layers.push({
        type: 'conv2d',
        filters: 8,
        kernel_size: 3,
        padding: 'same',
        activation: 'relu',
        activation_param: null,
    });
    const problems = check_plan(plan, relu_lab);
    assert.deepEqual(problems.map((p) => p.key).sort(), [
        'trainer.error_image_layer_after_dense',
        'trainer.error_number_range',
        'trainer.error_whole_number_range',
    ]);
});

test('a network too large for memory is refused by the core with a sentence', () => {
    const plan = clone_plan(presets.small);
    plan.layers = [
        { type: 'conv2d', filters: 512, kernel_size: 3, padding: 'same', activation: 'relu', activation_param: null },
        { type: 'dense', units: 8192, activation: 'relu', activation_param: null },
    ];
    assert.deepEqual(check_plan(plan, relu_lab), []);
    const made = create_trainer(relu_lab, plan_to_config(plan, relu_lab));
    assert.equal(made.ok, false);
    assert.match(made.error, /memory|large|MB|MiB/i);
});

test('the URL round trip reproduces the plan; malformed or hostile state is ignored', () => {
    const plan = clone_plan(presets.small);
    plan.layers[0].activation = 'leaky_relu';
    plan.layers[0].activation_param = 0.05;
    plan.layers.push({ type: 'dense', units: 32, activation: 'elu', activation_param: 0.7 });
    Object.assign(plan, {
        optimizer: 'momentum',
        learning_rate: 0.02,
        momentum: 0.8,
        batch_size: 64,
        epochs: 3,
        augment: 'elastic',
        seed: 42,
        weight_init: 'he_uniform',
        bias_init: 0.01,
        learning_rate_decay: 0.9,
    });
    const params = new URLSearchParams(plan_to_url_params(plan));
    const back = plan_from_url_params(new URLSearchParams(params.toString()), presets['seed-keras'], relu_lab);
    assert.deepEqual(back, { plan, ignored: false });

    assert.deepEqual(plan_from_url_params(new URLSearchParams('lang=de'), plan, relu_lab), {
        plan: null,
        ignored: false,
    });
    const hostile = [
        'lr=NaN',
        'lr=-1',
        'lr=0',
        'lr=1e308',
        'lr=0x10',
        'batch=abc',
        'epochs=1e9',
        'aug=yes',
        'aug=true',
        'aug=shifts_rotations',
        'aug=__proto__',
        'aug=constructor',
        'opt=rmsprop',
        'net=c64.3.valid.relu,z9',
        'net=c64.3.diagonal.relu',
        'net=d10.<script>',
        'net=d10.relu:1:2',
        `net=${'p2,'.repeat(300)}p2`,
        `seed=${'9'.repeat(40)}`,
        'net=c99999.3.same.relu',
        'net=d64.leaky_relu:7',
        'net=d64.relu,c8.3.same.relu',
        'init=__proto__',
        'decay=2',
    ];
    for (const query of hostile) {
        assert.deepEqual(
            plan_from_url_params(new URLSearchParams(query), plan, relu_lab),
            { plan: null, ignored: true },
            query
        );
    }
});

test('augmentation: three modes by name, shifts and rotations by default; booleans and aug=1/0 from before still load', () => {
    assert.deepEqual(relu_lab.trainer_facts.augmentations, ['none', 'shifts_rotations', 'elastic']);
    for (const name of relu_lab.trainer_facts.presets) assert.equal(presets[name].augment, 'shifts_rotations', name);
    for (const augment of relu_lab.trainer_facts.augmentations) {
        const plan = { ...clone_plan(presets.small), augment };
        assert.deepEqual(check_plan(plan, relu_lab), [], augment);
        const config = plan_to_config(plan, relu_lab);
        assert.equal(config.augment, augment);
        const made = create_trainer(relu_lab, config);
        assert.ok(made.ok, `${augment}: ${made.error}`);
        assert.equal(made.trainer.config().augment, augment);
        assert.equal(plan_from_config(made.trainer.config()).augment, augment);
        made.trainer.dispose();
    }
    for (const bad of [true, false, 'shifts', 'Elastic', null, undefined]) {
        const problems = check_plan({ ...clone_plan(presets.small), augment: bad }, relu_lab);
        assert.deepEqual(
            problems.map((p) => [p.where, p.key]),
            [['augment', 'trainer.error_bad_value']],
            String(bad)
        );
    }
    // Configs saved before elastic held booleans.
    assert.equal(plan_from_config({ augment: true }).augment, 'shifts_rotations');
    assert.equal(plan_from_config({ augment: false }).augment, 'none');
    assert.equal(plan_from_config({}).augment, 'shifts_rotations');
    // The address: short names, and the 1 and 0 it held before.
    const base = clone_plan(presets['seed-keras']);
    const expected = { none: 'none', shifts_rotations: 'shifts', elastic: 'elastic' };
    for (const [augment, aug] of Object.entries(expected)) {
        assert.equal(plan_to_url_params({ ...base, augment }).aug, aug);
        const back = plan_from_url_params(new URLSearchParams({ aug }), { ...base, augment: 'none' }, relu_lab);
        assert.equal(back.plan.augment, augment, aug);
    }
    for (const [aug, augment] of [
        ['1', 'shifts_rotations'],
        ['0', 'none'],
    ]) {
        const back = plan_from_url_params(new URLSearchParams({ aug }), { ...base, augment: 'elastic' }, relu_lab);
        assert.deepEqual(back, { plan: { ...base, augment }, ignored: false }, aug);
    }
});

test('the Keras program follows the plan: layers, activation parameters, initialisers, optimizer', () => {
    const seed_code = keras_code(presets['seed-keras'], relu_lab);
    assert.match(seed_code, /layers\.Conv2D\(64, \(3, 3\), padding="valid", activation="relu"/);
    assert.match(seed_code, /layers\.MaxPooling2D\(pool_size=\(2, 2\)\)/);
    assert.match(seed_code, /layers\.Flatten\(\),\n    layers\.Dense\(128, activation="relu"/);
    assert.match(seed_code, /layers\.Dense\(10, activation="softmax",\n        kernel_initializer="glorot_uniform",/);
    // He normal (untruncated, as ours) before ReLU layers.
    assert.match(seed_code, /VarianceScaling\(2\.0, "fan_in", "untruncated_normal"\)/);
    assert.match(seed_code, /Adam\(learning_rate=0\.001,/);
    assert.match(seed_code, /LearningRateScheduler\(lambda epoch: 0\.001 \* 0\.85 \*\* epoch\)/);
    assert.match(seed_code, /epochs=15/);

    const plan = clone_plan(presets['seed-keras']);
    plan.layers[0].activation = 'prelu';
    plan.layers[0].activation_param = 0.2;
    plan.layers[2].activation = 'leaky_relu';
    plan.layers[2].activation_param = 0.03;
    plan.layers.push({ type: 'dense', units: 16, activation: 'elu', activation_param: null });
    Object.assign(plan, {
        optimizer: 'momentum',
        learning_rate: 0.05,
        momentum: 0.9,
        weight_init: 'zero',
        bias_init: 0.1,
        augment: 'none',
        learning_rate_decay: 1,
    });
    const code = keras_code(plan, relu_lab);
    assert.match(
        code,
        /layers\.PReLU\(alpha_initializer=keras\.initializers\.Constant\(0\.2\), shared_axes=\[1, 2\]\)/
    );
    assert.match(code, /layers\.LeakyReLU\(negative_slope=0\.03\)/);
    assert.match(code, /layers\.ELU\(alpha=1\.0\)/);
    assert.match(code, /SGD\(learning_rate=0\.05, momentum=0\.9\)/);
    assert.match(code, /kernel_initializer="zeros",\n        bias_initializer=keras\.initializers\.Constant\(0\.1\)/);
    assert.doesNotMatch(code, /RandomTranslation|LearningRateScheduler/);
});

test("chart legends name layers the way the layer editor does, for the core's layer list", async () => {
    const { set_language } = await import('../../web/i18n/i18n.js');
    const { chart_layer_names, layer_title } = await import('../../web/trainer/layer_names.js');
    set_language('en');
    const made = create_trainer(relu_lab, plan_to_config(presets['seed-keras'], relu_lab));
    const names = chart_layer_names(made.trainer.layers());
    made.trainer.dispose();
    // Editor rows: 1. Conv2D, 2. MaxPooling2D, 3. Dense; the output layer is fixed.
    assert.equal(layer_title(0, 'conv2d'), '1. Conv2D');
    assert.equal(names.get('conv2d_1'), '1. Conv2D');
    assert.equal(names.get('relu_1'), '1. Conv2D, ReLU');
    assert.equal(names.get('dense_1'), '3. Dense');
    assert.equal(names.get('relu_2'), '3. Dense, ReLU');
    assert.equal(names.get('dense_2'), 'output layer (Dense)');
    // No legend keeps the core's own spelling.
    for (const name of names.values()) assert.doesNotMatch(name, /_\d/);
    set_language('de');
    assert.equal(chart_layer_names([{ name: 'conv2d_1', type: 'conv2d' }]).get('conv2d_1'), '1. Conv2D');
    set_language('en');
});
