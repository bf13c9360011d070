// The backprop-through-ReLU worked example, without the DOM: drawing the numbers and
// checking what the learner typed. The expected numbers come from the kernels (the page
// passes relu_lab in); these functions only compare.
import { parse_number } from '../common/number_input.js';
import { create_rng } from '../common/seeded_rng.js';

export const example_size = 5;
// Rows the learner fills in, in the order of the steps.
export const answer_rows = ['relu', 'mask', 'downstream'];

const z_choices = [-3, -2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2, 3];
const upstream_choices = [-2, -1, -0.5, 0.5, 1, 1.5, 2, 3];

// Five pre-activations (always one exact 0, at least one negative and one positive
// value) and an upstream gradient for each, from a seed.
export function draw_example(seed) {
    const rng = create_rng(seed);
    const negatives = rng.shuffled(z_choices.filter((v) => v < 0));
    const positives = rng.shuffled(z_choices.filter((v) => v > 0));
    const others = rng.shuffled([...negatives.slice(1), ...positives.slice(1)]);
    const z = rng.shuffled([0, negatives[0], positives[0], others[0], others[1]]);
    const upstream = z.map(() => rng.pick(upstream_choices));
    return { z, upstream };
}

// relu_lab: the wrapped module (forward, derivative, backward by kernel name).
export function expected_answers(relu_lab, { z, upstream }) {
    const x = Float32Array.from(z);
    return {
        relu: Array.from(relu_lab.forward('relu', x)),
        mask: Array.from(relu_lab.derivative('relu', x)),
        downstream: Array.from(relu_lab.backward('relu', x, Float32Array.from(upstream))),
    };
}

// One cell: 'empty', 'invalid' (not a number), 'correct' or 'wrong'. Every expected value
// here is a small multiple of 0.5, so 1e-6 tells right from wrong without doubt.
export function check_cell(text, expected) {
    if (typeof text !== 'string' || text.trim() === '') return 'empty';
    const value = parse_number(text);
    if (value === null) return 'invalid';
    return Math.abs(value - expected) <= 1e-6 ? 'correct' : 'wrong';
}

// answers: { relu: [text x5], mask: [...], downstream: [...] } -> states per cell and totals.
export function check_answers(answers, expected) {
    const states = {};
    let correct = 0,
        total = 0;
    for (const row of answer_rows) {
        states[row] = expected[row].map((value, i) => check_cell(answers[row]?.[i] ?? '', value));
        for (const s of states[row]) {
            total++;
            if (s === 'correct') correct++;
        }
    }
    return { states, correct, total, all_correct: correct === total };
}

// Why a wrong cell is wrong, as a nudge that names what to look at, never the answer:
// returns the suffix of a labs.backprop_worked_example.hint_* key, or null for a cell that
// is right, empty or not a number. z and upstream: the element's given numbers; expected:
// the kernels' number for this cell.
export function cell_hint(row, text, { z, upstream, expected }) {
    if (check_cell(text, expected) !== 'wrong') return null;
    const value = parse_number(text);
    if (row === 'relu') {
        if (value < 0) return 'relu_never_negative';
        return z > 0 ? 'relu_positive' : 'relu_not_positive';
    }
    if (row === 'mask') {
        if (value !== 0 && value !== 1) return 'mask_zero_or_one';
        if (z === 0) return 'mask_at_zero';
        return z > 0 ? 'mask_positive' : 'mask_negative';
    }
    // The downstream gradient: a common slip multiplies by z or by relu(z) instead of the mask.
    if (z !== 0 && z !== 1 && Math.abs(value - upstream * z) <= 1e-6) return 'downstream_times_z';
    return z > 0 ? 'downstream_passes' : 'downstream_blocked';
}
