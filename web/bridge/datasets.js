// Image datasets for the trainer, in the page, a worker or Node: IDX files (gzipped or
// not) parsed strictly by the C++ reader (cpp/data/idx_reader.h), and the bundled
// digits' fixed 4,000 / 1,000 split (cpp/data/bundled_digits.h). A dataset is
// { pixels: Uint8Array [count * rows * cols], labels: Uint8Array [count], count, rows, cols },
// what trainer.set_training_data takes. Refusals are values: { ok: false, error }.
//
// Memory: the wasm heap has a fixed maximum, and an allocation that fails inside C++
// aborts the whole module (the learner's model with it). A learner's dataset sits in
// the heap up to three times at once: when the trainer's worker hands it to a new model,
// the old model still holds its copy while the transfer buffer and the new model's copy
// are made. And the hole a freed transfer buffer leaves is split by the next network's
// small buffers, so the next transfer no longer fits there: measured with the module,
// data of a third of the free memory aborted at the second model; a quarter survives
// model after model (tests/js/datasets.test.js). So files whose contents would not fit
// four times into what the module has left are refused before anything is copied in
// (data.too_large_for_memory), counting while inflating; the IDX check itself copies
// neither pixels nor labels out.
import { result_from_cpp } from './cpp_results.js';
import { raw_module } from './relu_lab_module.js';
import { with_bytes_in_wasm } from './wasm_memory.js';

const gzip_magic = [0x1f, 0x8b];
// An inflated IDX file is refused past this size: the C++ reader's own cap on pixels
// (1 GiB) plus its header, so a "zip bomb" stops while inflating, not after.
export const idx_max_inflated_bytes = (1 << 30) + 64;

// Kept free for the network's own buffers (evaluation results, batches) besides the data.
export const memory_reserve_bytes = 64 << 20;
export const dataset_sizes_in_wasm = 4;

// The most bytes of (inflated) files the module can take now.
export function dataset_budget_bytes(relu_lab) {
    const left = raw_module(relu_lab)._memory_available_bytes() - memory_reserve_bytes;
    return Math.max(0, Math.floor(left / dataset_sizes_in_wasm));
}

function inflated_too_large() {
    return {
        ok: false,
        error: 'The file inflates to more than 1 GiB; that is too large for the browser.',
        code: 'data.inflated_too_large',
        params: {},
    };
}

function too_large_for_memory(limit_bytes) {
    const limit_mb = Math.floor(limit_bytes / (1 << 20));
    return {
        ok: false,
        error: `These files hold more than the ${limit_mb} MB of data the page can still take in (handing data to the network needs room for several copies of it). Nothing was changed; use smaller files.`,
        code: 'data.too_large_for_memory',
        params: { limit_mb },
    };
}

export function is_gzip(bytes) {
    return bytes.length >= 2 && bytes[0] === gzip_magic[0] && bytes[1] === gzip_magic[1];
}

// Inflates gzip bytes with the platform's DecompressionStream; other bytes pass through.
// More than max_bytes inflated gives too_large(). The gzip trailer's size (ISIZE) is the
// size mod 2^32 and may lie, so the bytes are counted as they come; a trailer that
// already says more is refused at once (a valid file is at least that large).
export async function gunzip_if_needed(bytes, max_bytes = idx_max_inflated_bytes, too_large = inflated_too_large) {
    if (!is_gzip(bytes)) return { ok: true, bytes };
    if (
        bytes.length >= 18 &&
        new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true) > max_bytes
    ) {
        return too_large();
    }
    try {
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
        const chunks = [];
        let total = 0;
        for await (const chunk of stream) {
            total += chunk.length;
            if (total > max_bytes) return too_large();
            chunks.push(chunk);
        }
        const out = new Uint8Array(total);
        let offset = 0;
        for (const chunk of chunks) {
            out.set(chunk, offset);
            offset += chunk.length;
        }
        return { ok: true, bytes: out };
    } catch {
        return {
            ok: false,
            error: 'The file looks gzipped but is damaged or cut short.',
            code: 'data.gzip_damaged',
            params: {},
        };
    }
}

// Both files inflated, together at most what the module can take now.
async function inflate_both(relu_lab, image_bytes, label_bytes) {
    const limit = Math.min(dataset_budget_bytes(relu_lab), idx_max_inflated_bytes);
    const too_large = () => too_large_for_memory(limit);
    const images = await gunzip_if_needed(image_bytes, limit, too_large);
    if (!images.ok) return images;
    if (images.bytes.length > limit) return too_large();
    const labels = await gunzip_if_needed(label_bytes, limit - images.bytes.length, too_large);
    if (!labels.ok) return labels;
    if (images.bytes.length + labels.bytes.length > limit) return too_large();
    return { ok: true, images: images.bytes, labels: labels.bytes };
}

// A learner's images and labels files (MNIST, Fashion-MNIST or alike) -> { ok, dataset }.
// C++ checks both files; the dataset's pixels and labels are views of the inflated bytes.
export async function read_idx_files(relu_lab, image_bytes, label_bytes) {
    const inflated = await inflate_both(relu_lab, image_bytes, label_bytes);
    if (!inflated.ok) return inflated;
    const raw = raw_module(relu_lab);
    const checked = with_bytes_in_wasm(raw, [inflated.images, inflated.labels], ([images_at, labels_at]) =>
        result_from_cpp(raw._check_idx_dataset(images_at, inflated.images.length, labels_at, inflated.labels.length))
    );
    if (!checked.ok) return checked;
    const { count, rows, cols, pixels_offset, labels_offset } = checked;
    const pixels = inflated.images.subarray(pixels_offset);
    const labels = inflated.labels.subarray(labels_offset);
    return { ok: true, dataset: { pixels, labels, count, rows, cols } };
}

// The bundled digits' two gzipped IDX files -> { ok, train, test }.
export async function bundled_digits_split(relu_lab, { images_gz, labels_gz }) {
    const inflated = await inflate_both(relu_lab, images_gz, labels_gz);
    if (!inflated.ok) return inflated;
    const raw = raw_module(relu_lab);
    const result = with_bytes_in_wasm(raw, [inflated.images, inflated.labels], ([images_at, labels_at]) =>
        result_from_cpp(raw._read_bundled_digits(images_at, inflated.images.length, labels_at, inflated.labels.length))
    );
    return result.ok ? { ok: true, train: result.train, test: result.test } : result;
}
