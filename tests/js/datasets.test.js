// Datasets as the trainer's worker gets them (web/bridge/datasets.js): the bundled
// digits' split done by the C++ core, and a learner's IDX files, gzipped or not, with
// damaged files refused as values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { constants, crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';

import {
    bundled_digits_split,
    dataset_budget_bytes,
    gunzip_if_needed,
    read_idx_files,
} from '../../web/bridge/datasets.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { raw_module } from '../../web/bridge/relu_lab_module.js';
import { create_trainer, preset_config } from '../../web/bridge/trainer.js';

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

test("a learner's IDX files are read gzipped or plain, with the same result", async () => {
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
    // A trailer (ISIZE) that claims 100 bytes changes nothing: the bytes are counted as they come.
    const lying = bomb.slice();
    new DataView(lying.buffer).setUint32(lying.length - 4, 100, true);
    const counted = await gunzip_if_needed(lying, 1 << 20);
    assert.equal(counted.ok, false);
    assert.equal(counted.code, 'data.inflated_too_large');
});

// An IDX images header (magic 0x00000803, count, 28, 28).
function images_header(count) {
    const header = new Uint8Array(16);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x803);
    view.setUint32(4, count);
    view.setUint32(8, 28);
    view.setUint32(12, 28);
    return header;
}

// A valid gzip file of `head` followed by `zero_bytes` zeros, about 1/1000 of its inflated
// size. Compressing half a gigabyte takes seconds, so one compressed mebibyte of zeros is
// repeated instead: each piece ends on a full flush (no reference back into the one
// before), so the pieces join into one deflate stream.
function gzip_bomb(head, zero_bytes) {
    const mib = 1 << 20;
    const zeros = new Uint8Array(mib);
    const piece = (bytes) => deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
    const whole_mib = piece(zeros);
    const pieces = [Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255), piece(head)];
    let crc = crc32(head);
    for (let left = zero_bytes; left > 0; left -= mib) {
        pieces.push(left >= mib ? whole_mib : piece(zeros.subarray(0, left)));
        crc = crc32(zeros.subarray(0, Math.min(left, mib)), crc);
    }
    pieces.push(deflateRawSync(new Uint8Array(0))); // the final, empty block
    const trailer = new Uint8Array(8);
    new DataView(trailer.buffer).setUint32(0, crc, true);
    new DataView(trailer.buffer).setUint32(4, (head.length + zero_bytes) % 2 ** 32, true); // ISIZE
    pieces.push(trailer);
    return new Uint8Array(Buffer.concat(pieces));
}

test('the bomb helper makes real gzip (checked on a small one)', () => {
    const small = gzip_bomb(images_header(3), 3 * 784 + (1 << 20));
    const inflated = gunzipSync(small);
    assert.equal(inflated.length, 16 + 3 * 784 + (1 << 20));
    assert.deepEqual(new Uint8Array(inflated.subarray(0, 16)), images_header(3));
});

test('files past what the module can take are refused before they are copied in, and the module trains on', async () => {
    // 640,000 digits: 479 MiB of pixels, within the IDX reader's limits, from a 0.5 MB
    // gzip. Copied into the wasm heap (1 GiB at most) as the page used to, it passed, and
    // handing it to a new model (three copies) aborted the module. Refused now, each
    // file below, with the code and without growing the heap.
    const count = 640000;
    const bomb = gzip_bomb(images_header(count), count * 784);
    assert.ok(bomb.length < 1 << 20, `${bomb.length} bytes`);
    // The same bomb with an ISIZE that claims one image: the size is counted while inflating.
    const lying = bomb.slice();
    new DataView(lying.buffer).setUint32(lying.length - 4, 16 + 784, true);
    const labels_idx_file = new Uint8Array(8 + count);
    labels_idx_file.set([0, 0, 8, 1, ...images_header(count).subarray(4, 8)]);
    const labels = new Uint8Array(gzipSync(labels_idx_file));
    const plain = new Uint8Array(16 + count * 784);
    plain.set(images_header(count));

    const heap_bytes = () => relu_lab.wasm_heap_bytes();
    const refused_without_growing = async (name, images) => {
        const heap_before = heap_bytes();
        const refused = await read_idx_files(relu_lab, images, labels);
        assert.equal(refused.ok, false, `${name} was accepted`);
        assert.equal(refused.code, 'data.too_large_for_memory', `${name}: ${refused.error}`);
        assert.equal(heap_bytes(), heap_before, `${name} grew the heap`);
        return refused;
    };
    const budget = dataset_budget_bytes(relu_lab);
    // A fresh module: about (1 GiB - what it uses - 64 MiB kept free) / 4.
    assert.ok(budget > 200 << 20 && budget < 240 << 20, `${budget} bytes`);
    for (const [name, images] of Object.entries({ bomb, plain })) {
        const refused = await refused_without_growing(name, images);
        assert.equal(refused.params.limit_mb, Math.floor(budget / (1 << 20)));
    }
    // The limit follows the memory in use: with 640 MiB of the heap taken (a big model
    // and its data), a quarter of the rest; the lying bomb stops at that while inflating.
    const raw = raw_module(relu_lab);
    const taken = raw._malloc(640 << 20);
    assert.notEqual(taken, 0);
    try {
        const smaller = dataset_budget_bytes(relu_lab);
        assert.ok(smaller < budget - (150 << 20), `${smaller} bytes`);
        const refused = await refused_without_growing('lying', lying);
        assert.equal(refused.params.limit_mb, Math.floor(smaller / (1 << 20)));
    } finally {
        raw._free(taken);
    }
    // Freed memory inside the heap counts again.
    assert.ok(dataset_budget_bytes(relu_lab) > budget - (1 << 20));

    // The module still reads, trains and evaluates.
    const read = await read_idx_files(relu_lab, images_gz, labels_gz);
    assert.equal(read.ok, true, read.error);
    const { trainer } = create_trainer(relu_lab, preset_config(relu_lab, 'small').config);
    assert.deepEqual(trainer.set_training_data(read.dataset), { ok: true });
    assert.deepEqual(trainer.set_eval_data(read.dataset), { ok: true });
    assert.equal(trainer.step(2).ok, true);
    assert.equal(trainer.evaluate({ with_layer_statistics: false }).count, 5000);
    trainer.dispose();
});

test('a dataset just within the limit survives being handed from model to model', async () => {
    // The trainer's worker makes each new model while the old one still holds the data
    // (the old model's copy, the transfer buffer and the new model's copy at once), then
    // disposes the old one. Limited to a third of the free memory, this aborted at the
    // second model: the first transfer's hole had been split by the new network.
    const count = Math.floor(dataset_budget_bytes(relu_lab) / (784 + 1)) - 1;
    const images = new Uint8Array(16 + count * 784);
    images.set(images_header(count));
    const labels = new Uint8Array(8 + count);
    labels.set([0, 0, 8, 1, ...images_header(count).subarray(4, 8)]);
    const read = await read_idx_files(relu_lab, images, labels);
    assert.equal(read.ok, true, read.error);
    const config = preset_config(relu_lab, 'small').config;
    let old_model = null;
    for (let model = 0; model < 3; model++) {
        const new_model = create_trainer(relu_lab, config).trainer;
        assert.deepEqual(new_model.set_training_data(read.dataset), { ok: true });
        assert.equal(new_model.step(1).ok, true);
        old_model?.dispose();
        old_model = new_model;
    }
    old_model.dispose();
});
