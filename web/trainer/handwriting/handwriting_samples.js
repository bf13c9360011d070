// The learner's own handwritten digits: a list of { label, pixels } where pixels is a
// Uint8Array [28 * 28] (0..255, ink high, normalised as the bundled digits are). No DOM:
// the panel, the storage and the tests share these functions.
//
// File and storage format (JSON, versioned):
//   { "format": "relu-lab-handwriting", "version": 1, "side": 28,
//     "samples": [{ "label": 0..9, "pixels": base64 of 784 bytes }, ...] }
import { digit_side } from '../../bridge/digit_normalize.js';

export const handwriting_format = 'relu-lab-handwriting';
export const handwriting_version = 1;
export const classes = 10;
export const image_bytes = digit_side * digit_side;
// The panel asks for 5 to 10 drawings of each digit; more of one digit are refused, so
// that one digit cannot crowd the others out of the fine-tuning mix.
export const suggested_per_digit = 5;
export const max_per_digit = 10;
// Every fifth drawing of a digit is kept aside: the model never trains on it, so its
// accuracy there says whether fine-tuning learned the learner's style or only their drawings.
export const kept_aside_every = 5;
const max_file_chars = 2_000_000;
// Fine-tuning's one pass, at the model's current learning rate: the learner's drawings fill
// this many images (each drawing seen about fine_tune_own_images / drawings times, augmented
// differently each time), and twice as many training images keep the other digits in mind.
// Measured on the shipped model and a mirrored "handwriting" (tests/js/fine_tune.test.js):
// the base learning rate learned faster but forgot 6 points of held-out accuracy, equal
// parts of drawings and training digits forgot 3.5, this mix about 2. 1.5 to 3 s in the page.
export const fine_tune_own_images = 2000;
export const fine_tune_train_images = 4000;

// A drawing of the pad (Float32Array 0..1) -> the bytes a training image is made of.
export function image_bytes_from_floats(floats) {
    const bytes = new Uint8Array(image_bytes);
    for (let i = 0; i < image_bytes; i++) bytes[i] = Math.round(Math.min(1, Math.max(0, floats[i])) * 255);
    return bytes;
}

export function counts_per_digit(samples) {
    const counts = new Array(classes).fill(0);
    for (const s of samples) counts[s.label]++;
    return counts;
}

// The digit to draw next: the one with the fewest drawings (the smallest on a tie).
export function next_digit_to_draw(samples) {
    const counts = counts_per_digit(samples);
    return counts.indexOf(Math.min(...counts));
}

// -> { ok: true, samples } or { ok: false, code, params } when that digit is full.
export function add_sample(samples, label, pixels) {
    if (!Number.isInteger(label) || label < 0 || label >= classes || pixels?.length !== image_bytes)
        return { ok: false, code: 'handwriting.error_bad_sample', params: {} };
    if (counts_per_digit(samples)[label] >= max_per_digit)
        return { ok: false, code: 'handwriting.error_digit_full', params: { digit: label, max: max_per_digit } };
    return { ok: true, samples: [...samples, { label, pixels: Uint8Array.from(pixels) }] };
}

export function remove_sample(samples, index) {
    return samples.filter((_, i) => i !== index);
}

// The samples the model trains on and those kept aside (every kept_aside_every-th drawing
// of each digit, in the order they were drawn). Both keep the samples' indices.
export function split_samples(samples) {
    const seen = new Array(classes).fill(0);
    const trained = [];
    const kept_aside = [];
    samples.forEach((sample, index) => {
        seen[sample.label]++;
        (seen[sample.label] % kept_aside_every === 0 ? kept_aside : trained).push(index);
    });
    return { trained, kept_aside };
}

// Samples (or the ones at `indices`) -> a dataset as the trainer takes it.
export function samples_dataset(samples, indices = samples.map((_, i) => i)) {
    const pixels = new Uint8Array(indices.length * image_bytes);
    const labels = new Uint8Array(indices.length);
    indices.forEach((index, k) => {
        pixels.set(samples[index].pixels, k * image_bytes);
        labels[k] = samples[index].label;
    });
    return { pixels, labels, count: indices.length, rows: digit_side, cols: digit_side };
}

function to_base64(bytes) {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
}

function from_base64(text) {
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
}

export function samples_to_json(samples) {
    return JSON.stringify({
        format: handwriting_format,
        version: handwriting_version,
        side: digit_side,
        samples: samples.map((s) => ({ label: s.label, pixels: to_base64(s.pixels) })),
    });
}

// Text of a file or of storage -> { ok: true, samples } or { ok: false, code, params }
// naming what is wrong (codes are handwriting.* message keys).
export function samples_from_json(text) {
    const refuse = (code, params = {}) => ({ ok: false, code, params });
    if (typeof text !== 'string' || text.length > max_file_chars) return refuse('handwriting.error_not_samples');
    let data;
    try {
        data = JSON.parse(text);
    } catch {
        return refuse('handwriting.error_not_samples');
    }
    if (data?.format !== handwriting_format || !Array.isArray(data.samples))
        return refuse('handwriting.error_not_samples');
    if (data.version !== handwriting_version)
        return refuse('handwriting.error_version', { version: String(data.version) });
    if (data.side !== digit_side) return refuse('handwriting.error_side', { side: String(data.side) });
    let samples = [];
    for (const [i, s] of data.samples.entries()) {
        let pixels = null;
        try {
            pixels = typeof s?.pixels === 'string' ? from_base64(s.pixels) : null;
        } catch {
            pixels = null;
        }
        const added = pixels
            ? add_sample(samples, s?.label, pixels)
            : { ok: false, code: 'handwriting.error_bad_sample' };
        if (!added.ok) {
            if (added.code === 'handwriting.error_digit_full') return refuse(added.code, added.params);
            return refuse('handwriting.error_bad_sample_at', { number: i + 1 });
        }
        samples = added.samples;
    }
    return { ok: true, samples };
}

// The fine-tuning set: the learner's samples repeated (round robin) to own_copies images,
// and train_count different images of the training set, drawn with `random`
// (web/common/seeded_rng.js). The trainer shuffles them together.
export function fine_tune_mix({ own, train, own_copies, train_count, random }) {
    const from_train = Math.min(train_count, train.count);
    const count = own_copies + from_train;
    const pixels = new Uint8Array(count * image_bytes);
    const labels = new Uint8Array(count);
    for (let k = 0; k < own_copies; k++) {
        const i = k % own.count;
        pixels.set(own.pixels.subarray(i * image_bytes, (i + 1) * image_bytes), k * image_bytes);
        labels[k] = own.labels[i];
    }
    // A partial Fisher-Yates over the indices: distinct images, in a seeded order.
    const indices = Uint32Array.from({ length: train.count }, (_, i) => i);
    for (let k = 0; k < from_train; k++) {
        const j = random.integer(k, train.count - 1);
        [indices[k], indices[j]] = [indices[j], indices[k]];
        const i = indices[k];
        pixels.set(train.pixels.subarray(i * image_bytes, (i + 1) * image_bytes), (own_copies + k) * image_bytes);
        labels[own_copies + k] = train.labels[i];
    }
    return { pixels, labels, count, rows: digit_side, cols: digit_side };
}
