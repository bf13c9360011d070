// The shipped pretrained model (web/data/models/): it loads through the page's bridge,
// has the architecture its PROVENANCE.md names, reaches the held-out accuracy stated
// there on the bundled digits, and build-scripts/make-pretrained-model.sh reproduces it
// byte for byte (when a native build directory is there to run the trainer).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { bundled_digits_split } from '../../web/bridge/datasets.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { preset_config, trainer_from_model } from '../../web/bridge/trainer.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const models_dir = join(root, 'web', 'data', 'models');
const model_bytes = new Uint8Array(readFileSync(join(models_dir, 'pretrained-small.relulab')));
const provenance = readFileSync(join(models_dir, 'PROVENANCE.md'), 'utf8');
const digits_dir = join(root, 'web', 'data', 'digits');

const relu_lab = await load_relu_lab_in_node({ build: 'simd' });

function stated_correct() {
    const m = provenance.match(/Held-out accuracy after (\d+) epochs: (\d+) of 1000/);
    assert.ok(m, 'PROVENANCE.md states the held-out accuracy');
    return { epochs: Number(m[1]), correct: Number(m[2]) };
}

test("the pretrained model has the small preset's architecture and seed 1", () => {
    const loaded = trainer_from_model(relu_lab, model_bytes);
    assert.ok(loaded.ok, loaded.error);
    const config = loaded.trainer.config();
    const small = preset_config(relu_lab, 'small').config;
    assert.deepEqual(config.layers, small.layers);
    assert.equal(config.optimizer, small.optimizer);
    assert.equal(config.learning_rate, small.learning_rate);
    assert.equal(config.batch_size, small.batch_size);
    assert.equal(config.seed, 1);
    assert.match(provenance, /--preset small --epochs 15 --seed 1 /);
    loaded.trainer.dispose();
});

test('the pretrained model reaches its stated held-out accuracy in wasm', async () => {
    const split = await bundled_digits_split(relu_lab, {
        images_gz: new Uint8Array(readFileSync(join(digits_dir, 'digits-images.idx3-ubyte.gz'))),
        labels_gz: new Uint8Array(readFileSync(join(digits_dir, 'digits-labels.idx1-ubyte.gz'))),
    });
    assert.ok(split.ok, split.error);
    assert.equal(split.test.count, 1000);
    const { trainer } = trainer_from_model(relu_lab, model_bytes);
    assert.deepEqual(trainer.set_eval_data(split.test), { ok: true });
    const e = trainer.evaluate();
    const correct = Math.round(e.accuracy * e.count);
    const { correct: stated } = stated_correct();
    // The file was measured natively (scalar kernels); wasm SIMD sums in another order,
    // so an image right at a decision boundary may flip: allow 2 of 1,000.
    console.log(`pretrained model: ${correct} of ${e.count} held-out digits right in wasm (stated ${stated})`);
    assert.ok(Math.abs(correct - stated) <= 2, `${correct} vs stated ${stated}`);
    assert.ok(correct >= 970, `at least 97 %: ${correct}`);
    trainer.dispose();
});

const build_dir = process.env.RELU_LAB_BUILD_DIR ?? join(root, 'build', 'native');
test(
    'make-pretrained-model.sh reproduces the shipped file byte for byte',
    {
        skip: existsSync(join(build_dir, 'build.ninja')) ? false : `no native build in ${build_dir}`,
        timeout: 600_000,
    },
    () => {
        const out = mkdtempSync(join(tmpdir(), 'relu-lab-pretrained-'));
        try {
            execFileSync(join(root, 'build-scripts', 'make-pretrained-model.sh'), [out], {
                env: { ...process.env, RELU_LAB_BUILD_DIR: build_dir },
                stdio: ['ignore', 'ignore', 'inherit'],
            });
            const again = readFileSync(join(out, 'pretrained-small.relulab'));
            assert.ok(
                Buffer.compare(again, Buffer.from(model_bytes)) === 0,
                'the model file differs from the shipped one'
            );
            assert.equal(readFileSync(join(out, 'PROVENANCE.md'), 'utf8'), provenance);
        } finally {
            rmSync(out, { recursive: true, force: true });
        }
    }
);
