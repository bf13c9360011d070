// MNIST-style normalisation of a drawing, by the C++ function that prepared the bundled
// digits (cpp/data/digit_normalize.h), with every step's numbers and the step-2 image
// for the page to show. Page code passes a Float32Array and gets copies back; the wasm
// buffers are freed before the call returns.
import { parse_from_cpp } from './cpp_results.js';
import { raw_module } from './relu_lab_module.js';
import { with_bytes_in_wasm } from './wasm_memory.js';

export const digit_side = 28; // the network's input is 28 x 28
export const digit_box_side = 20; // the longer side of the scaled digit

// ink: Float32Array [rows * cols], 0 (background) to 1 (full ink) ->
// { ok, error, steps: { box_top, box_left, box_rows, box_cols, scaled_rows, scaled_cols, scale,
//   mass_row, mass_col, offset_row, offset_col, ink_lost_fraction, output_mass_row, output_mass_col },
//   image: Float32Array [28 * 28], scaled: Float32Array [20 * 20] (digit in the top-left corner) }
export function normalize_digit(relu_lab, ink, rows, cols) {
    const raw = raw_module(relu_lab);
    const n = rows * cols;
    if (!(ink instanceof Float32Array) || ink.length !== n)
        throw new RangeError(`ink must be a Float32Array of ${rows} x ${cols}`);
    const out_floats = digit_side * digit_side;
    const scaled_floats = digit_box_side * digit_box_side;
    const outputs = new Float32Array(out_floats + scaled_floats);
    return with_bytes_in_wasm(raw, [ink, outputs], ([ink_at, out_at]) => {
        const scaled_at = out_at + out_floats * 4;
        const { refusal, ...steps } = raw._normalize_digit_steps(ink_at, rows, cols, out_at, scaled_at);
        // Read HEAPF32 after the call: it may have grown memory and replaced the view.
        const image = raw.HEAPF32.slice(out_at / 4, out_at / 4 + out_floats);
        const scaled = raw.HEAPF32.slice(scaled_at / 4, scaled_at / 4 + scaled_floats);
        // A refusal keeps the C++ code (digit.nothing_drawn), which has a translation.
        const outcome = refusal === undefined ? { ok: true } : parse_from_cpp(refusal);
        return { ...outcome, steps, image, scaled };
    });
}
