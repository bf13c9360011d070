// What the C++ core hands over through Embind (cpp/bindings/bindings.cpp): JSON text, and
// objects that carry a refusal as JSON text in `refusal`. Both come out as plain values,
// every refusal in one shape: { ok: false, error: '<English sentence>', code, params }.

// JSON has no NaN or infinity: C++ writes them as these strings (cpp/train/json_text.h).
const non_finite = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

export function parse_from_cpp(text) {
    return JSON.parse(text, (key, value) =>
        typeof value === 'string' && Object.hasOwn(non_finite, value) ? non_finite[value] : value
    );
}

// An object from C++ -> its refusal, or { ok: true, ...its fields }.
export function result_from_cpp(object) {
    const { refusal, ...fields } = object;
    return typeof refusal === 'string' ? parse_from_cpp(refusal) : { ok: true, ...fields };
}
