// Colour maths for checking the activation palette: sRGB to CIELAB (D65), the CIEDE2000
// colour difference, simulated colour-vision deficiencies and WCAG contrast.
// Written from the published formulas: CIE 15:2004 (Lab), Sharma, Wu & Dalal 2005
// (CIEDE2000), Machado, Oliveira & Fernandes 2009 (CVD simulation), WCAG 2.x (contrast).

// Machado et al. 2009, severity 1.0, applied to linear RGB.
export const cvd_matrices = {
    protanopia: [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    deuteranopia: [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.01182, 0.04294, 0.968881],
    ],
    tritanopia: [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.3039],
    ],
};

// '#rrggbb' -> [r, g, b] in 0..1, gamma-encoded.
export function hex_to_srgb(hex) {
    const match = /^#([0-9a-f]{6})$/i.exec(hex);
    if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
    const n = parseInt(match[1], 16);
    return [(n >> 16) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

export function srgb_to_linear(c) {
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function linear_to_srgb(c) {
    return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}

const clamp01 = (v) => Math.min(1, Math.max(0, v));

// Linear RGB as seen with the given deficiency ('normal' leaves it unchanged).
export function simulate_linear_rgb(linear_rgb, vision) {
    if (vision === 'normal') return linear_rgb;
    const m = cvd_matrices[vision];
    if (!m) throw new Error(`unknown vision: ${vision}`);
    return m.map((row) => clamp01(row[0] * linear_rgb[0] + row[1] * linear_rgb[1] + row[2] * linear_rgb[2]));
}

// Linear sRGB -> CIELAB with the D65 white of sRGB.
export function linear_rgb_to_lab([r, g, b]) {
    const x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
    const z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b;
    const white = [0.95047, 1.0, 1.08883];
    const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
    const [fx, fy, fz] = [x / white[0], y / white[1], z / white[2]].map(f);
    return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export function hex_to_lab(hex, vision = 'normal') {
    const linear = hex_to_srgb(hex).map(srgb_to_linear);
    return linear_rgb_to_lab(simulate_linear_rgb(linear, vision));
}

const degrees = (radians) => (radians * 180) / Math.PI;
const radians = (deg) => (deg * Math.PI) / 180;

// CIEDE2000 with kL = kC = kH = 1.
export function ciede2000([l1, a1, b1], [l2, a2, b2]) {
    const c1 = Math.hypot(a1, b1);
    const c2 = Math.hypot(a2, b2);
    const c_mean = (c1 + c2) / 2;
    const g = 0.5 * (1 - Math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)));
    const a1p = (1 + g) * a1;
    const a2p = (1 + g) * a2;
    const c1p = Math.hypot(a1p, b1);
    const c2p = Math.hypot(a2p, b2);
    const hue = (b, a) => {
        if (a === 0 && b === 0) return 0;
        const h = degrees(Math.atan2(b, a));
        return h < 0 ? h + 360 : h;
    };
    const h1p = hue(b1, a1p);
    const h2p = hue(b2, a2p);

    const dl = l2 - l1;
    const dc = c2p - c1p;
    let dh = 0;
    if (c1p * c2p !== 0) {
        dh = h2p - h1p;
        if (dh > 180) dh -= 360;
        else if (dh < -180) dh += 360;
    }
    const dh_big = 2 * Math.sqrt(c1p * c2p) * Math.sin(radians(dh / 2));

    const l_mean = (l1 + l2) / 2;
    const cp_mean = (c1p + c2p) / 2;
    let h_mean = h1p + h2p;
    if (c1p * c2p !== 0) {
        if (Math.abs(h1p - h2p) <= 180) h_mean = (h1p + h2p) / 2;
        else if (h1p + h2p < 360) h_mean = (h1p + h2p + 360) / 2;
        else h_mean = (h1p + h2p - 360) / 2;
    }
    const t =
        1 -
        0.17 * Math.cos(radians(h_mean - 30)) +
        0.24 * Math.cos(radians(2 * h_mean)) +
        0.32 * Math.cos(radians(3 * h_mean + 6)) -
        0.2 * Math.cos(radians(4 * h_mean - 63));
    const d_theta = 30 * Math.exp(-(((h_mean - 275) / 25) ** 2));
    const r_c = 2 * Math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7));
    const s_l = 1 + (0.015 * (l_mean - 50) ** 2) / Math.sqrt(20 + (l_mean - 50) ** 2);
    const s_c = 1 + 0.045 * cp_mean;
    const s_h = 1 + 0.015 * cp_mean * t;
    const r_t = -Math.sin(radians(2 * d_theta)) * r_c;
    return Math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dh_big / s_h) ** 2 + r_t * (dc / s_c) * (dh_big / s_h));
}

// WCAG relative luminance and contrast ratio of two '#rrggbb' colours.
export function relative_luminance(hex) {
    const [r, g, b] = hex_to_srgb(hex).map(srgb_to_linear);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast_ratio(hex_a, hex_b) {
    const [hi, lo] = [relative_luminance(hex_a), relative_luminance(hex_b)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
}

// Smallest CIEDE2000 difference over all pairs of colours, as seen with `vision`.
export function min_pairwise_distance(colours_by_name, vision) {
    const entries = Object.entries(colours_by_name).map(([name, hex]) => [name, hex_to_lab(hex, vision)]);
    let best = { distance: Infinity, pair: null };
    for (let i = 0; i < entries.length; i++) {
        for (let j = i + 1; j < entries.length; j++) {
            const distance = ciede2000(entries[i][1], entries[j][1]);
            if (distance < best.distance) best = { distance, pair: [entries[i][0], entries[j][0]] };
        }
    }
    return best;
}
