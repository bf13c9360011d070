// Refusals reach the learner as codes with params (cpp/util/learner_error.h) and are
// translated through web/i18n/locales/<tag>/errors.json. Checked: every code the C++
// core and the bridge can produce has an English text with the same words as the C++
// sentence; error_message translates or falls back; and the real wasm module's
// refusals carry code and params through web/bridge/trainer.js.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { error_message } from '../../web/bridge/error_message.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { create_trainer, preset_config, trainer_from_model } from '../../web/bridge/trainer.js';
import { set_language } from '../../web/i18n/i18n.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const english = JSON.parse(readFileSync(join(root, 'web', 'i18n', 'locales', 'en', 'errors.json'), 'utf8'));

function files_under(dir, extensions) {
    const out = [];
    for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) out.push(...files_under(path, extensions));
        else if (extensions.some((e) => name.endsWith(e))) out.push(path);
    }
    return out;
}

// The catalog: {"code", "English"} pairs in cpp/util/learner_error.h.
function cpp_catalog() {
    const source = readFileSync(join(root, 'cpp', 'util', 'learner_error.h'), 'utf8');
    return new Map(
        [...source.matchAll(/\{"([a-z_]+(?:\.[a-z_]+)+)",\s*"((?:[^"\\]|\\.)*)"\}/g)].map((m) => [m[1], m[2]])
    );
}

test('every catalog code has an English text, word for word the C++ sentence', () => {
    const catalog = cpp_catalog();
    assert.ok(catalog.size > 90, `only ${catalog.size} codes found`);
    for (const [code, text] of catalog) assert.equal(english[code], text, code);
});

test('every code used in the C++ sources and in the bridge has an English text', () => {
    const missing = [];
    for (const file of files_under(join(root, 'cpp'), ['.cpp', '.h'])) {
        if (file.endsWith('learner_error.h')) continue;
        for (const m of readFileSync(file, 'utf8').matchAll(
            /"((?:config|network|data|train|idx|model|digit)\.[a-z_.]+)"/g
        )) {
            if (!(m[1] in english)) missing.push(`${file}: ${m[1]}`);
        }
    }
    for (const file of files_under(join(root, 'web', 'bridge'), ['.js'])) {
        for (const m of readFileSync(file, 'utf8').matchAll(/code: '([a-z_]+(?:\.[a-z0-9_]+)+)'/g)) {
            if (!(m[1] in english)) missing.push(`${file}: ${m[1]}`);
        }
    }
    assert.deepEqual(missing, []);
});

test('error_message translates by code with params, and falls back to the English sentence', () => {
    set_language('en');
    assert.equal(
        error_message({ ok: false, error: 'x', code: 'network.batch_size', params: { max: 4096, value: 0 } }),
        'The batch size must be between 1 and 4,096, not 0.'
    );
    assert.equal(
        error_message({ ok: false, error: 'The English sentence.', code: 'no.such_code', params: {} }),
        'The English sentence.'
    );
    assert.equal(error_message({ ok: false, error: 'Plain.' }), 'Plain.');
    assert.equal(
        error_message({
            ok: false,
            error: '',
            code: 'train.diverged_loss',
            params: { step: 3, layer: 'loss' },
        }).includes('step 3'),
        true
    );
    assert.equal(error_message(null), '');
    assert.equal(error_message({ ok: false, code: '<script>', error: 'Safe.' }), 'Safe.');
    // Params are text, never markup: they come back exactly as given, for textContent.
    assert.ok(
        error_message({
            ok: false,
            code: 'config.unknown_optimizer',
            params: { name: '<img src=x>', choices: 'sgd' },
        }).includes('<img src=x>')
    );
    // In another language the refusal comes in that language, with the same numbers.
    set_language('de');
    const german = error_message({
        ok: false,
        error: 'x',
        code: 'network.batch_size',
        params: { max: 4096, value: 0 },
    });
    assert.notEqual(german, 'The batch size must be between 1 and 4,096, not 0.');
    assert.ok(german.includes('4.096') && german.includes('0'), german);
    set_language('en');
});

const relu_lab = await load_relu_lab_in_node({ build: 'simd' });

test('the wasm module refuses bad configs with codes and params through the bridge', () => {
    const small = preset_config(relu_lab, 'small');
    assert.equal(small.ok, true);
    assert.ok(Number.isNaN(small.config.layers[0].activation_param), 'activation_param default is NaN, as before');

    const cases = [
        [{ ...small.config, batch_size: 0 }, 'network.batch_size', { max: 4096, value: 0 }],
        [
            { ...small.config, batch_size: -5 },
            'config.not_a_whole_number',
            { field: 'batch_size', min: 0, max: 16777216 },
        ],
        [
            { ...small.config, batch_size: 2.5 },
            'config.not_a_whole_number',
            { field: 'batch_size', min: 0, max: 16777216 },
        ],
        [{ ...small.config, learning_rate: -1 }, 'network.learning_rate', {}],
        [
            { ...small.config, momentum: Infinity, learning_rate: 1e40 },
            'config.out_of_range',
            { field: 'learning_rate' },
        ],
        [{ ...small.config, learning_rate: 'fast' }, 'config.not_a_number', { field: 'learning_rate' }],
        [
            { ...small.config, optimizer: 'rmsprop' },
            'config.unknown_optimizer',
            { name: 'rmsprop', choices: 'adam, momentum, sgd' },
        ],
        [{ ...small.config, layers: [{ type: 'lstm' }] }, 'config.unknown_layer_type', { layer: 1, name: 'lstm' }],
        [
            {
                ...small.config,
                max_bytes: 1 << 20,
                layers: [
                    { type: 'flatten' },
                    { type: 'dense', units: 100000, activation: 'relu' },
                    { type: 'dense', units: 10 },
                ],
            },
            'network.too_large',
            { limit_mb: 1 },
        ],
        ['not an object', 'config.not_object', {}],
        [undefined, 'config.not_json', {}],
        [{ seed: 10n }, 'config.not_json', {}], // BigInt: JSON.stringify throws, the bridge catches
    ];
    for (const [config, code, params] of cases) {
        const made = create_trainer(relu_lab, config);
        assert.equal(made.ok, false, code);
        assert.equal(made.code, code);
        assert.ok(made.error.length > 10, made.error);
        for (const [name, value] of Object.entries(params)) assert.equal(made.params[name], value, `${code} ${name}`);
        assert.notEqual(error_message(made), '');
    }
    const unknown = preset_config(relu_lab, 'huge-net');
    assert.deepEqual([unknown.ok, unknown.code, unknown.params.name], [false, 'config.unknown_preset', 'huge-net']);
});

test('data, model-file and training refusals carry codes through the bridge', () => {
    const config = preset_config(relu_lab, 'small').config;
    const { trainer } = create_trainer(relu_lab, { ...config, seed: 3 });
    const pixels = new Uint8Array(4 * 784);
    const bad_label = trainer.set_training_data({
        pixels,
        labels: Uint8Array.from([1, 2, 12, 3]),
        count: 4,
        rows: 28,
        cols: 28,
    });
    assert.deepEqual(
        [bad_label.ok, bad_label.code, bad_label.params.label, bad_label.params.image],
        [false, 'data.bad_label', 12, 2]
    );
    const wrong_size = trainer.set_training_data({
        pixels: new Uint8Array(4 * 14 * 56),
        labels: new Uint8Array(4),
        count: 4,
        rows: 14,
        cols: 56,
    });
    assert.equal(wrong_size.code, 'data.wrong_size');
    const mismatch = trainer.set_training_data({ pixels, labels: new Uint8Array(3), count: 4, rows: 28, cols: 28 });
    assert.equal(mismatch.code, 'bridge.dataset_mismatch');
    const no_data = trainer.step(1);
    assert.deepEqual([no_data.ok, no_data.code], [false, 'train.no_data']);
    const no_eval = trainer.evaluate();
    assert.deepEqual([no_eval.ok, no_eval.code], [false, 'train.no_eval_data']);
    assert.ok(no_eval.confusion instanceof Uint32Array && no_eval.probabilities instanceof Float32Array);

    const bytes = trainer.save();
    const corrupt = bytes.slice();
    corrupt[100] ^= 0xff;
    const refused = trainer_from_model(relu_lab, corrupt);
    assert.deepEqual([refused.ok, refused.code], [false, 'model.checksum']);
    assert.equal(trainer_from_model(relu_lab, bytes.subarray(0, 10)).code, 'model.too_short');
    const truncated = trainer.load(bytes.subarray(0, 100));
    assert.deepEqual([truncated.ok, truncated.code], [false, 'model.size_mismatch']);
    assert.deepEqual(trainer.load(bytes), { ok: true });
    trainer.dispose();

    // Divergence: a learning rate of 1e30 blows up within a few steps.
    const wild = create_trainer(relu_lab, { ...config, learning_rate: 1e30, seed: 1 }).trainer;
    const digits = new Uint8Array(32 * 784).map((_, i) => (i * 7919) % 256);
    wild.set_training_data({
        pixels: digits,
        labels: new Uint8Array(32).map((_, i) => i % 10),
        count: 32,
        rows: 28,
        cols: 28,
    });
    let metrics = wild.step(1);
    for (let i = 0; i < 20 && metrics.ok; i++) metrics = wild.step(1);
    assert.equal(metrics.ok, false);
    assert.match(metrics.code, /^train\.diverged_/);
    assert.equal(metrics.divergence.diverged, true);
    assert.equal(metrics.divergence.code, metrics.code);
    assert.ok(error_message(metrics).includes(`step ${metrics.divergence.step}`));
    wild.dispose();
});
