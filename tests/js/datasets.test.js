// Datasets as the trainer's worker gets them (web/bridge/datasets.js): the bundled
// digits' split done by the C++ core, and a learner's IDX files, gzipped or not, with
// damaged files refused as values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

import { bundled_digits_split, gunzip_if_needed, read_idx_files } from '../../web/bridge/datasets.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';

const digits_dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'data', 'digits');
const images_gz = new Uint8Array(readFileSync(join(digits_dir, 'digits-images.idx3-ubyte.gz')));
const labels_gz = new Uint8Array(readFileSync(join(digits_dir, 'digits-labels.idx1-ubyte.gz')));
const images_idx = new Uint8Array(gunzipSync(images_gz));
const labels_idx = new Uint8Array(gunzipSync(labels_gz));

const relu_lab = await load_relu_lab_in_node({ build: 'simd' });

function class_counts(labels) {
    const counts = new Array(10).fill(0);
    for (const label of labels) counts[label]++;
    return counts;
}

test('the bundled digits split into 4,000 training and 1,000 held-out images, stratified', async () => {
    const split = await bundled_digits_split(relu_lab, { images_gz, labels_gz });
    assert.equal(split.ok, true, split.error);
    assert.deepEqual([split.train.count, split.test.count], [4000, 1000]);
    assert.deepEqual(class_counts(split.train.labels), new Array(10).fill(400));
    assert.deepEqual(class_counts(split.test.labels), new Array(10).fill(100));
    assert.equal(split.train.pixels.length, 4000 * 28 * 28);
    // Every held-out image is one of the 5,000 and none of them is also a training image
    // (compared as whole images, independently of how the C++ picks them).
    const key = (pixels, i) => Buffer.from(pixels.subarray(i * 784, (i + 1) * 784)).toString('base64');
    const train_keys = new Set(Array.from({ length: 4000 }, (_, i) => key(split.train.pixels, i)));
    const all_keys = new Set(Array.from({ length: 5000 }, (_, i) => key(images_idx.subarray(16), i)));
    let shared = 0;
    for (let i = 0; i < 1000; i++) {
        const k = key(split.test.pixels, i);
        assert.ok(all_keys.has(k), `held-out image ${i} is not a bundled digit`);
        if (train_keys.has(k)) shared++;
    }
    // The OpenCV set holds a few exact duplicate images; allow those, nothing more.
    assert.ok(shared <= 5, `${shared} held-out images also appear in training`);
});

test('a learner\'s IDX files are read gzipped or plain, with the same result', async () => {
    const plain = await read_idx_files(relu_lab, images_idx, labels_idx);
    const zipped = await read_idx_files(relu_lab, images_gz, labels_gz);
    assert.equal(plain.ok, true, plain.error);
    assert.equal(zipped.ok, true, zipped.error);
    assert.deepEqual([plain.dataset.count, plain.dataset.rows, plain.dataset.cols], [5000, 28, 28]);
    assert.deepEqual(zipped.dataset.pixels, plain.dataset.pixels);
    assert.deepEqual(zipped.dataset.labels, new Uint8Array(labels_idx.subarray(8)));
});

test('damaged, swapped, truncated and empty files are refused with a sentence', async () => {
    const cases = {
        swapped: [labels_idx, images_idx],
        truncated_images: [images_idx.subarray(0, 1000), labels_idx],
        empty: [new Uint8Array(0), new Uint8Array(0)],
        truncated_gzip: [images_gz.subarray(0, images_gz.length >> 1), labels_gz],
        labels_of_another_count: [images_idx, labels_idx.subarray(0, 8 + 100)],
        not_idx_at_all: [new TextEncoder().encode('<html>not a dataset</html>'), labels_idx],
    };
    for (const [name, [images, labels]] of Object.entries(cases)) {
        const result = await read_idx_files(relu_lab, images, labels);
        assert.equal(result.ok, false, `${name} was accepted`);
        assert.ok(typeof result.error === 'string' && result.error.length > 10, `${name}: ${result.error}`);
    }
});

test('inflating stops at the cap instead of exhausting memory', async () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(4 << 20)));
    const capped = await gunzip_if_needed(bomb, 1 << 20);
    assert.equal(capped.ok, false);
    const allowed = await gunzip_if_needed(bomb, 8 << 20);
    assert.equal(allowed.ok, true);
    assert.equal(allowed.bytes.length, 4 << 20);
});
