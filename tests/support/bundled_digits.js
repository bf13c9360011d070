// The bundled digits (web/data/digits), read in Node for tests: 5,000 images in class order.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const digits_dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'data', 'digits');
// IDX: images have a 16-byte header (magic, count, rows, cols), labels an 8-byte one.
export const bundled_images = gunzipSync(readFileSync(join(digits_dir, 'digits-images.idx3-ubyte.gz'))).subarray(16);
export const bundled_labels = gunzipSync(readFileSync(join(digits_dir, 'digits-labels.idx1-ubyte.gz'))).subarray(8);

// `count` digits, every 10th from `offset` on: the set is in class order, so this mixes all classes.
export function every_tenth_digit(count, offset) {
    const pixels = new Uint8Array(count * 784);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
        const source = (offset + i * 10) % 5000;
        pixels.set(bundled_images.subarray(source * 784, (source + 1) * 784), i * 784);
        labels[i] = bundled_labels[source];
    }
    return { pixels, labels, count, rows: 28, cols: 28 };
}

// The bundled digits whose index i (0..4999) passes keep(i), in index order.
export function bundled_digits_where(keep) {
    const indices = [];
    for (let i = 0; i < 5000; i++) if (keep(i)) indices.push(i);
    const pixels = new Uint8Array(indices.length * 784);
    const labels = new Uint8Array(indices.length);
    indices.forEach((source, k) => {
        pixels.set(bundled_images.subarray(source * 784, (source + 1) * 784), k * 784);
        labels[k] = bundled_labels[source];
    });
    return { pixels, labels, count: indices.length, rows: 28, cols: 28 };
}
