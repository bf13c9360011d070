// Is an answer right? Pure functions over plain values; each question is worth one point
// and is right or wrong as a whole (a multiple-select answer must pick exactly the
// right set).

// |given - expected| <= absolute + relative * |expected|, for a number or element by
// element for vectors of the same length. NaN or missing values are never within.
export function within_tolerance(given, expected, { absolute, relative }) {
    const g = Array.isArray(given) ? given : [given];
    const e = Array.isArray(expected) ? expected : [expected];
    if (g.length !== e.length) return false;
    for (let i = 0; i < e.length; i++) {
        if (typeof g[i] !== 'number' || !Number.isFinite(g[i])) return false;
        if (!(Math.abs(g[i] - e[i]) <= absolute + relative * Math.abs(e[i]))) return false;
    }
    return true;
}

export function same_choice_set(given, expected) {
    const a = new Set(given);
    const b = new Set(expected);
    if (a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
}

// Which [min, max) range a result falls in (for predict-then-run choices), or -1.
export function range_index(result, ranges) {
    return ranges.findIndex((r) => result >= (r.min ?? -Infinity) && result < (r.max ?? Infinity));
}

// A running score: { score, max_score, percent } from a list of booleans.
export function score_of(results) {
    const score = results.filter(Boolean).length;
    const max_score = results.length;
    return { score, max_score, percent: max_score ? Math.round((100 * score) / max_score) : 0 };
}
