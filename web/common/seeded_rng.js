// A tiny seeded random number generator (mulberry32), so one seed draws the same
// numbers in every browser and in the tests. Not for cryptography.
export function create_rng(seed) {
    let state = seed >>> 0;
    // Uniform in [0, 1).
    function next() {
        state = (state + 0x6d2b79f5) >>> 0;
        let z = state;
        z = Math.imul(z ^ (z >>> 15), z | 1);
        z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
        return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
    }
    // Integer in [lo, hi], both ends included.
    function integer(lo, hi) {
        return lo + Math.floor(next() * (hi - lo + 1));
    }
    // Standard normal N(0, 1) by Box-Muller (1 - u keeps log away from 0).
    function normal() {
        const u = 1 - next();
        const v = next();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
    function pick(items) {
        return items[integer(0, items.length - 1)];
    }
    // A shuffled copy (Fisher-Yates).
    function shuffled(items) {
        const out = items.slice();
        for (let i = out.length - 1; i > 0; i--) {
            const j = integer(0, i);
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    }
    return { next, integer, normal, pick, shuffled };
}

// Mixes two integers into one seed, e.g. a session seed and a question's position.
export function mix_seed(a, b) {
    let h = Math.imul((a >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ (b >>> 0);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
}
