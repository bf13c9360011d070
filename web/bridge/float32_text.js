// Float32 numbers from the C++ core as text. A float32 parameter read into JavaScript
// is a double with all of float32's digits (0.01 arrives as 0.009999999776482582); the
// learner typed "0.01", so show the shortest decimal that reads back as the same float32.
// Nine significant digits always suffice for a float32.
export function shortest_float32_text(value) {
    const x = Number(value);
    if (!Number.isFinite(x)) return String(x);
    const target = Math.fround(x);
    for (let digits = 1; digits <= 9; digits++) {
        const candidate = Number(x.toPrecision(digits));
        if (Math.fround(candidate) === target) return String(candidate);
    }
    return String(target);
}
