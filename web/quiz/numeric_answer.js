// Reading a numeric answer: one number or several, each a decimal number (point or
// comma, common/number_input.js) or a simple fraction a/b (2/64 where 2/fan_in is the
// natural answer). The number of values expected decides what a comma means when no
// semicolon is typed: for one value it is a decimal comma, for several a separator.
// A count that is off is reported as such, so the view can ask again instead of marking
// the answer wrong.
import { max_vector_length, parse_number } from '../common/number_input.js';

const fraction_pattern = /^([^/]+)\/([^/]+)$/;

// Full-width forms (Chinese keyboards) and the typographic minus, as parse_number takes them.
function normalise(text) {
    return String(text ?? '')
        .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
        .replace(/\u3000/g, ' ')
        .trim()
        .replace(/^\[|\]$/g, '')
        .replace(/\s*\/\s*/g, '/')
        .trim();
}

// One item -> { value } or { error }.
function parse_item(item) {
    const fraction = fraction_pattern.exec(item);
    if (fraction) {
        const numerator = parse_number(fraction[1]);
        const denominator = parse_number(fraction[2]);
        if (numerator === null || denominator === null)
            return { error: { key: 'explorer.error_not_a_number', params: { text: item.slice(0, 20) } } };
        if (denominator === 0)
            return { error: { key: 'quiz.error_zero_denominator', params: { text: item.slice(0, 20) } } };
        return { value: numerator / denominator };
    }
    const value = parse_number(item);
    if (value === null) return { error: { key: 'explorer.error_not_a_number', params: { text: item.slice(0, 20) } } };
    return { value };
}

// (text, expected_count) -> { values } or { error: { key, params } }.
export function parse_numeric_answer(text, expected_count) {
    const cleaned = normalise(text);
    if (cleaned === '') return { error: { key: 'explorer.error_vector_empty', params: {} } };
    const has_semicolon = cleaned.includes(';');
    if (expected_count === 1 && !has_semicolon) {
        const single = parse_item(cleaned);
        if (single.value !== undefined || !/[\s,]/.test(cleaned))
            return single.error ? single : { values: [single.value] };
    }
    const parts = has_semicolon ? cleaned.split(';') : cleaned.split(/[\s,]+/);
    const items = parts.map((p) => p.trim()).filter((p) => p !== '');
    if (items.length > max_vector_length)
        return { error: { key: 'explorer.error_vector_too_long', params: { max: max_vector_length } } };
    const values = [];
    for (const item of items) {
        const parsed = parse_item(item);
        if (parsed.error) return parsed;
        values.push(parsed.value);
    }
    if (values.length !== expected_count) {
        // A comma between digits, without semicolons, may have been meant as a decimal comma.
        const key =
            !has_semicolon && /\d,\d/.test(cleaned) && values.length > expected_count
                ? 'quiz.error_value_count_commas'
                : 'quiz.error_value_count';
        return { error: { key, params: { expected: expected_count, got: values.length } } };
    }
    return { values };
}
