// What training does to a digit before the network sees it, for the page to show: a few
// versions of one image, each augmented by the C++ function the trainer itself calls
// (cpp/train/augment_image.h), so the preview is what training sees. Page code passes a
// Uint8Array and gets Float32Array copies back; the wasm buffer is freed before the call
// returns.
import { result_from_cpp } from './cpp_results.js';
import { digit_side } from './digit_normalize.js';
import { raw_module } from './relu_lab_module.js';
import { with_bytes_in_wasm } from './wasm_memory.js';

// image: Uint8Array [28 * 28], 0..255, ink high (as the trainer takes digits);
// mode: one of relu_lab.trainer_facts.augmentations ('none', 'shifts_rotations', 'elastic');
// seed: a whole number from 0 to 2^32 - 1 (the same seed gives the same versions);
// count: how many versions (at most 64) ->
// { ok: true, images: [Float32Array [28 * 28], 0..1] x count } or a refusal
// { ok: false, error, code, params } (an unknown mode: config.unknown_augmentation).
export function augment_preview(relu_lab, { image, mode, seed, count }) {
    const raw = raw_module(relu_lab);
    const n = digit_side * digit_side;
    if (!(image instanceof Uint8Array) || image.length !== n)
        throw new RangeError(`image must be a Uint8Array of ${digit_side} x ${digit_side}`);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
        throw new RangeError('seed must be a whole number from 0 to 4294967295');
    if (!Number.isInteger(count) || count < 0 || count > 0xffffffff)
        throw new RangeError('count must be a whole number from 0 up');
    return with_bytes_in_wasm(raw, [image], ([image_at]) => {
        const result = result_from_cpp(raw._augment_preview(image_at, String(mode), seed, count));
        if (!result.ok) return result;
        const images = [];
        for (let i = 0; i < count; i++) images.push(result.images.slice(i * n, (i + 1) * n));
        return { ok: true, images };
    });
}
