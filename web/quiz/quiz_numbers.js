// Numbers as the quiz shows them: in the learner's format, without digit grouping (a
// year reads 2012, and what is shown can be typed back as an answer), vectors separated
// by commas where the decimal mark is a point and by semicolons where it is a comma.
import { format_number, language } from '../i18n/i18n.js';

const decimal_marks = new Map();

// Whether the page's language writes 0,5 (de, es, it) rather than 0.5 (en, zh-Hans).
export function uses_decimal_comma() {
    const tag = language();
    if (!decimal_marks.has(tag)) {
        const mark = new Intl.NumberFormat(tag).formatToParts(0.5).find((p) => p.type === 'decimal')?.value ?? '.';
        decimal_marks.set(tag, mark);
    }
    return decimal_marks.get(tag) === ',';
}

// A number, or a vector as [a, b, c] / [a; b; c]. -0 shows as 0.
export function show_value(value) {
    const one = (v) => format_number(v + 0, { maximum_fraction_digits: 6, use_grouping: false });
    if (Array.isArray(value)) return `[${value.map(one).join(uses_decimal_comma() ? '; ' : ', ')}]`;
    return one(value);
}

// Values drawn for an attempt fill the prompt's {placeholders}.
export function fill_placeholders(text, values) {
    return text.replace(/\{(\w+)\}/g, (whole, name) =>
        Object.hasOwn(values, name) && values[name] !== undefined ? show_value(values[name]) : whole
    );
}
