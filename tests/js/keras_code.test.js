// The Keras program the trainer shows must run as copied: for every preset and for edited
// networks (every activation, every initialiser, every optimizer, every augmentation,
// with and without a schedule) it parses as Python and defines every name it uses.
// Python's own ast module checks it (Debian's python3); no TensorFlow is needed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { preset_config } from '../../web/bridge/trainer.js';
import { keras_code } from '../../web/trainer/setup/keras_code.js';
import { clone_plan, plan_from_config, plan_from_preset } from '../../web/trainer/trainer_state.js';

const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
const activations = relu_lab.activations;
const { augmentations, optimizers, weight_inits } = relu_lab.trainer_facts;
const presets = Object.fromEntries(
    relu_lab.trainer_facts.presets.map((n) => [n, plan_from_preset(preset_config(relu_lab, n).config)])
);

// Reads a JSON list of programs on stdin; prints, for each, null when it parses and every
// name it loads is defined, else the problem. Defined: imported, assigned (also by tuple
// unpacking, for-loops, with ... as, comprehensions), a function or lambda parameter, a
// function or class name, or a Python builtin. One scope for the whole program is enough
// for these straight-line scripts.
const checker = String.raw`
import ast, builtins, json, sys
results = []
for source in json.load(sys.stdin):
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        results.append("syntax error, line %s: %s" % (error.lineno, error.msg))
        continue
    defined = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                defined.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            defined.add(node.id)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
    undefined = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in defined})
    results.append("undefined names: " + ", ".join(undefined) if undefined else None)
print(json.dumps(results))
`;

function python_check(programs) {
    const run = spawnSync('python3', ['-c', checker], {
        input: JSON.stringify(programs),
        encoding: 'utf8',
        maxBuffer: 64 << 20,
    });
    assert.equal(run.status, 0, `python3 failed: ${run.error ?? run.stderr}`);
    return JSON.parse(run.stdout);
}

// Edited networks: each activation in a conv layer and in a dense layer, each initialiser,
// each optimizer, each augmentation and the learning-rate schedule on and off.
function edited_plans() {
    const base = presets['seed-keras'];
    const plans = [];
    const names = ['linear', ...activations.map((a) => a.name)];
    names.forEach((name, i) => {
        const plan = clone_plan(base);
        plan.layers[0].activation = name;
        plan.layers[2].activation = names[(i + 3) % names.length];
        plan.layers.push({ type: 'dense', units: 16, activation: name, activation_param: null });
        plan.weight_init = weight_inits[i % weight_inits.length];
        plan.optimizer = optimizers[i % optimizers.length];
        plan.augment = augmentations[i % augmentations.length];
        plan.learning_rate_decay = i % 3 === 0 ? 1 : 0.9;
        plans.push({ label: `activation ${name}`, plan });
    });
    for (const init of weight_inits)
        plans.push({ label: `init ${init}`, plan: { ...clone_plan(base), weight_init: init } });
    for (const optimizer of optimizers) {
        for (const augment of augmentations)
            plans.push({
                label: `${optimizer}, augment ${augment}`,
                plan: { ...clone_plan(base), optimizer, augment },
            });
    }
    // No dense layer of its own: the Flatten goes before the head.
    plans.push({ label: 'conv only', plan: { ...clone_plan(base), layers: base.layers.slice(0, 2) } });
    plans.push({ label: 'no hidden layers', plan: { ...clone_plan(base), layers: [] } });
    return plans;
}

const all_plans = [
    ...relu_lab.trainer_facts.presets.map((name) => ({ label: `preset ${name}`, plan: presets[name] })),
    ...edited_plans(),
];

test('every generated program parses and defines every name it uses', () => {
    const programs = all_plans.map(({ plan }) => keras_code(plan, relu_lab));
    const problems = python_check(programs);
    assert.equal(problems.length, programs.length);
    problems.forEach((problem, i) => assert.equal(problem, null, `${all_plans[i].label}: ${problem}\n${programs[i]}`));
});

test('the checker itself catches an undefined name and a syntax error', () => {
    const [undefined_names, syntax, fine] = python_check([
        'model.fit(x_train, y_train)',
        'import keras\nkeras.Sequential([',
        'import keras\nx = 1\nf = lambda epoch: x * epoch\nprint(keras, f)',
    ]);
    assert.equal(undefined_names, 'undefined names: model, x_train, y_train');
    assert.match(syntax, /^syntax error, line \d/);
    assert.equal(fine, null);
});

test('the program is complete: MNIST loaded, reshaped, scaled, then built, compiled, summarised, trained and evaluated', () => {
    const code = keras_code(presets['seed-keras'], relu_lab);
    const order = [
        'keras.datasets.mnist.load_data()',
        'x_train = x_train.reshape(-1, 28, 28, 1).astype("float32") / 255.0',
        'x_test = x_test.reshape(-1, 28, 28, 1).astype("float32") / 255.0',
        'model = keras.Sequential([',
        'model.compile(',
        'model.summary()',
        'model.fit(x_train, y_train,',
        'model.evaluate(x_test, y_test',
    ];
    let at = -1;
    for (const part of order) {
        const found = code.indexOf(part, at + 1);
        assert.ok(found > at, `"${part}" missing or out of order in:\n${code}`);
        at = found;
    }
    // Integer labels with the sparse loss, and a comment on one-hot labels (same cross-entropy).
    assert.match(code, /loss="sparse_categorical_crossentropy"/);
    const comment = code.match(/((?:^#[^\n]*\n)+)model\.compile/m)?.[1] ?? '';
    for (const word of ['integer', 'one-hot', ' categorical_crossentropy', 'same cross-entropy'])
        assert.ok(comment.includes(word), `no "${word}" in the comment above compile: ${comment}`);
    // Keras 3: LeakyReLU's negative_slope does not exist in Keras 2.
    assert.match(code, /Keras 3/);
});

test('float32 parameters appear as the decimals a learner typed, never with float32 noise', () => {
    const plan = clone_plan(presets['seed-keras']);
    plan.layers[0].activation = 'leaky_relu'; // default slope: 0.01 read from float32
    plan.layers[2].activation = 'elu';
    plan.layers.push({ type: 'dense', units: 8, activation: 'prelu', activation_param: Math.fround(0.3) });
    const code = keras_code(plan, relu_lab);
    assert.match(code, /layers\.LeakyReLU\(negative_slope=0\.01\)/);
    assert.match(code, /Constant\(0\.3\)\)/);
    assert.doesNotMatch(code, /\d{9,}/, code);
    // A model loaded from a file brings float32 parameters and learning rates.
    const loaded = plan_from_config({
        ...preset_config(relu_lab, 'small').config,
        layers: [
            { type: 'dense', units: 8, activation: 'leaky_relu', activation_param: Math.fround(0.01) },
            { type: 'dense', units: 10, activation: 'softmax' },
        ],
        learning_rate: Math.fround(0.004),
    });
    assert.doesNotMatch(keras_code(loaded, relu_lab), /\d{9,}/);
    assert.match(keras_code(loaded, relu_lab), /negative_slope=0\.01\)/);
});

test('initialisers: LeCun normal by name and for SELU under automatic; He and Glorot as before', () => {
    const plan = clone_plan(presets['seed-keras']);
    plan.layers[2].activation = 'selu';
    const automatic = keras_code(plan, relu_lab);
    // Ours are untruncated normals; Keras' lecun_normal truncates at 2 sigma.
    assert.match(
        automatic,
        /Dense\(128, activation="selu",\n        kernel_initializer=keras\.initializers\.VarianceScaling\(1\.0, "fan_in", "untruncated_normal"\)/
    );
    assert.match(
        automatic,
        /Conv2D\(64[^\n]*\n        kernel_initializer=keras\.initializers\.VarianceScaling\(2\.0, "fan_in", "untruncated_normal"\)/
    );
    assert.match(automatic, /Dense\(10, activation="softmax",\n        kernel_initializer="glorot_uniform"/);
    const lecun = keras_code({ ...plan, weight_init: 'lecun_normal' }, relu_lab);
    assert.equal(lecun.match(/VarianceScaling\(1\.0, "fan_in", "untruncated_normal"\)/g).length, 3);
    assert.ok(weight_inits.includes('lecun_normal'));
});

test('augmentation: shifts and rotations as Keras layers; elastic named in a comment, no layer; none: nothing', () => {
    const { augment, input } = relu_lab.trainer_facts;
    const code = (mode) => keras_code({ ...clone_plan(presets['seed-keras']), augment: mode }, relu_lab);
    const shifts = code('shifts_rotations');
    assert.match(shifts, new RegExp(`RandomTranslation\\(2\\.0 / ${input.height}, 2\\.0 / ${input.width}`));
    assert.match(shifts, /RandomRotation\(10\.0 \/ 360/);
    assert.doesNotMatch(shifts, /elastic/i);
    const elastic = code('elastic');
    assert.doesNotMatch(elastic, /RandomTranslation|RandomRotation/);
    const py = (value) => (Number.isInteger(value) ? `${value}.0` : String(value));
    const comment = `sigma ${py(augment.elastic_sigma_px)} px and scaled by alpha ${py(augment.elastic_alpha_px)} px`;
    assert.ok(elastic.includes(comment), elastic);
    assert.match(
        elastic,
        /^ {4}# Keras has no built-in layer for them, so this program trains without augmentation\.$/m
    );
    const none = code('none');
    assert.doesNotMatch(none, /RandomTranslation|RandomRotation|elastic/i);
});
