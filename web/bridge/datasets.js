// Image datasets for the trainer, in the page, a worker or Node: IDX files (gzipped or
// not) parsed strictly by the C++ reader (cpp/data/idx_reader.h), and the bundled
// digits' fixed 4,000 / 1,000 split (cpp/data/bundled_digits.h). A dataset is
// { pixels: Uint8Array [count * rows * cols], labels: Uint8Array [count], count, rows, cols },
// what trainer.set_training_data takes. Refusals are values: { ok: false, error }.

const gzip_magic = [0x1f, 0x8b];
// An inflated IDX file is refused past this size: the C++ reader's own cap on pixels
// (1 GiB) plus its header, so a "zip bomb" stops while inflating, not after.
export const idx_max_inflated_bytes = (1 << 30) + 64;

export function is_gzip(bytes) {
    return bytes.length >= 2 && bytes[0] === gzip_magic[0] && bytes[1] === gzip_magic[1];
}

// Inflates gzip bytes with the platform's DecompressionStream; other bytes pass through.
export async function gunzip_if_needed(bytes, max_bytes = idx_max_inflated_bytes) {
    if (!is_gzip(bytes)) return { ok: true, bytes };
    try {
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
        const chunks = [];
        let total = 0;
        for await (const chunk of stream) {
            total += chunk.length;
            if (total > max_bytes) return { ok: false, error: 'The file inflates to more than 1 GiB; that is too large for the browser.', code: 'data.inflated_too_large', params: {} };
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
        return { ok: false, error: 'The file looks gzipped but is damaged or cut short.', code: 'data.gzip_damaged', params: {} };
    }
}

// Runs fn(image_pointer, image_size, label_pointer, label_size) with both byte arrays in wasm memory.
function with_two_buffers(raw, a, b, fn) {
    const a_ptr = raw._malloc(Math.max(1, a.length));
    const b_ptr = raw._malloc(Math.max(1, b.length));
    try {
        if (!a_ptr || !b_ptr) return { ok: false, error: 'The browser refused the memory needed for this data.', code: 'data.out_of_memory', params: {} };
        raw.HEAPU8.set(a, a_ptr);
        raw.HEAPU8.set(b, b_ptr);
        return fn(a_ptr, a.length, b_ptr, b.length);
    } finally {
        if (a_ptr) raw._free(a_ptr);
        if (b_ptr) raw._free(b_ptr);
    }
}

async function inflate_both(image_bytes, label_bytes) {
    const images = await gunzip_if_needed(image_bytes);
    if (!images.ok) return images;
    const labels = await gunzip_if_needed(label_bytes);
    if (!labels.ok) return labels;
    return { ok: true, images: images.bytes, labels: labels.bytes };
}

// A learner's images and labels files (MNIST, Fashion-MNIST or alike) -> { ok, dataset }.
export async function read_idx_files(relu_lab, image_bytes, label_bytes) {
    const inflated = await inflate_both(image_bytes, label_bytes);
    if (!inflated.ok) return inflated;
    const result = with_two_buffers(relu_lab.raw, inflated.images, inflated.labels,
        (ip, is, lp, ls) => relu_lab.raw._read_idx_dataset(ip, is, lp, ls));
    return result.ok ? { ok: true, dataset: result.dataset } : { ...result, ok: false };
}

// The bundled digits' two gzipped IDX files -> { ok, train, test }.
export async function bundled_digits_split(relu_lab, { images_gz, labels_gz }) {
    const inflated = await inflate_both(images_gz, labels_gz);
    if (!inflated.ok) return inflated;
    const result = with_two_buffers(relu_lab.raw, inflated.images, inflated.labels,
        (ip, is, lp, ls) => relu_lab.raw._read_bundled_digits(ip, is, lp, ls));
    return result.ok ? { ok: true, train: result.train, test: result.test } : { ...result, ok: false };
}
