// Reading numbers that learners type, in any of our languages: a decimal point or a
// decimal comma, the typographic minus sign, and the full-width forms Chinese keyboards
// type (１２，３；－). Returns null, never NaN, on bad input.
const number_pattern = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)(e[+-]?\d+)?$/i;

// Full-width ASCII (U+FF01..U+FF5E) to ASCII; typographic minus and dash to '-'.
function to_ascii(text) {
    return text
        .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
        .replace(/[−–]/g, '-')
        .replace(/\u3000/g, ' ');
}

export function parse_number(text) {
    if (typeof text !== 'string') return null;
    const cleaned = to_ascii(text).trim();
    if (!number_pattern.test(cleaned)) return null;
    const value = Number(cleaned.replace(',', '.'));
    return Number.isFinite(value) ? value : null;
}

export const max_vector_length = 64;

// "-2, -1, 0, 1, 2" or, for decimal commas, "-0,5; 1,5; 2". With a semicolon anywhere
// the separator is the semicolon; otherwise commas and spaces separate.
export function parse_vector(text) {
    const trimmed = to_ascii(String(text ?? ''))
        .trim()
        .replace(/^\[|\]$/g, '');
    if (trimmed === '') return { error: { key: 'explorer.error_vector_empty', params: {} } };
    const parts = trimmed.includes(';') ? trimmed.split(';') : trimmed.split(/[\s,]+/);
    const items = parts.map((p) => p.trim()).filter((p) => p !== '');
    if (items.length > max_vector_length) {
        return { error: { key: 'explorer.error_vector_too_long', params: { max: max_vector_length } } };
    }
    const values = [];
    for (const item of items) {
        const value = parse_number(item);
        if (value === null)
            return { error: { key: 'explorer.error_not_a_number', params: { text: item.slice(0, 20) } } };
        values.push(value);
    }
    return { values };
}
