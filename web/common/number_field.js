// Number fields in the page's language. An <input type="number"> shows and reads its
// value in the browser's locale, not the page's: "0.02" on the German page of an English
// browser, and "0,05" refused. Our number fields are text fields (inputmode="decimal"),
// read with parse_number (decimal point or comma) and shown with number_text.
import { format_number, language } from '../i18n/i18n.js';
import { parse_number } from './number_input.js';

// The shortest decimal that reads back as `value`. A float32 from the kernels (0.01
// arrives as 0.009999999776482582) gives the shortest decimal of that float32: 0.01.
export function shortest_number(value) {
    if (!Number.isFinite(value) || Math.fround(value) !== value) return value;
    for (let digits = 1; digits <= 9; digits++) {
        const candidate = Number(value.toPrecision(digits));
        if (Math.fround(candidate) === value) return candidate;
    }
    return value;
}

// The digits after the decimal point of a number's shortest decimal (0.0001 -> 4).
function fraction_digits(value) {
    const [mantissa, exponent] = value.toExponential().split('e');
    return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
}

const formats = new Map();
function intl_format(options) {
    const key = `${language()}|${JSON.stringify(options)}`;
    let format = formats.get(key);
    if (!format) {
        format = new Intl.NumberFormat(language(), options);
        formats.set(key, format);
    }
    return format;
}

// The text a number field shows for `value`, in the page's language ("0,05" in German):
// every digit of the shortest decimal and no thousands separators, so that parse_number
// reads the text back as the same number. (format_number is for reading: it rounds to 4
// decimals, groups thousands, "1.000" in German, and writes 2147483647 as 2,147E9.)
export function number_text(value) {
    if (!Number.isFinite(value)) return format_number(value);
    const shortest = shortest_number(value);
    const digits = fraction_digits(shortest);
    if (digits <= 20 && Math.abs(shortest) < 1e21)
        return intl_format({ maximumFractionDigits: digits, useGrouping: false }).format(shortest);
    const mantissa_digits = shortest.toExponential().split('e')[0].split('.')[1]?.length ?? 0;
    return intl_format({ notation: 'scientific', maximumFractionDigits: mantissa_digits }).format(shortest);
}

// The value ArrowUp (direction 1) or ArrowDown (-1) gives, as in an <input type="number"
// step min max>: onto the grid min + k·step (k·step without a min; a value between two
// grid points goes to the next one that way), and never outside [min, max].
export function stepped_value(value, direction, { step = 1, min = -Infinity, max = Infinity } = {}) {
    if (direction > 0 && value < min) return min;
    if (direction < 0 && value > max) return max;
    if ((direction > 0 && value >= max) || (direction < 0 && value <= min)) return value;
    const base = Number.isFinite(min) ? min : 0;
    const k = (value - base) / step;
    const on_grid = Math.abs(k - Math.round(k)) < 1e-9;
    const next = on_grid ? Math.round(k) + direction : direction > 0 ? Math.ceil(k) : Math.floor(k);
    // Rounded to the decimals of step and base: 0.0001 + 2 × 0.005 is 0.0101, not 0.010100000000000001.
    const decimals = Math.min(20, Math.max(fraction_digits(step), fraction_digits(base)));
    const stepped = Number((base + next * step).toFixed(decimals));
    return Math.min(max, Math.max(min, stepped));
}

// ArrowUp/ArrowDown on a number field (a text field has no stepping of its own) step it
// by limits.step within limits.min..max, then on_step() runs the field's change handling,
// as the browser fired change after a step. current(): the value to step from when the
// text is not a number.
export function step_with_arrow_keys(input, limits, { current, on_step }) {
    input.addEventListener('keydown', (event) => {
        const direction = { ArrowUp: 1, ArrowDown: -1 }[event.key];
        if (!direction || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        input.value = number_text(stepped_value(parse_number(input.value) ?? current(), direction, limits));
        on_step();
    });
}
