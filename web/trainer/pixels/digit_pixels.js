// Pure pieces of the draw pad and of "what the network sees": pixels to ink and back,
// colour scales, top classes, the confusion matrix's examples, and a scheduler that
// keeps at most one prediction in flight. No DOM here, so Node tests can reach it.

// RGBA bytes [height * width * 4] of the pad -> ink 0..1 [height * width]: the alpha
// channel, since strokes are painted in one colour on a transparent canvas.
export function ink_from_rgba(rgba, width, height) {
    const ink = new Float32Array(width * height);
    for (let i = 0; i < ink.length; i++) ink[i] = rgba[i * 4 + 3] / 255;
    return ink;
}

// A 0..255 image [rows * cols] -> RGBA bytes of a pad [rows * scale, cols * scale]: every
// source pixel a scale x scale block of `rgb` with the pixel's value as alpha, so
// normalising the pad gives back the digit (area averaging undoes the blocks).
export function rgba_blocks_from_image(image, rows, cols, scale, rgb) {
    const width = cols * scale;
    const out = new Uint8ClampedArray(rows * scale * width * 4);
    for (let y = 0; y < rows * scale; y++) {
        const source_row = Math.floor(y / scale) * cols;
        for (let x = 0; x < width; x++) {
            const o = (y * width + x) * 4;
            out[o] = rgb[0];
            out[o + 1] = rgb[1];
            out[o + 2] = rgb[2];
            out[o + 3] = image[source_row + Math.floor(x / scale)];
        }
    }
    return out;
}

// Ink 0..1 [n] -> RGBA bytes [n * 4], mixing paper and ink colours ([r, g, b] each).
export function grey_rgba(values, ink_rgb, paper_rgb) {
    const out = new Uint8ClampedArray(values.length * 4);
    for (let i = 0; i < values.length; i++) {
        const v = Math.min(1, Math.max(0, Number.isFinite(values[i]) ? values[i] : 0));
        for (let k = 0; k < 3; k++) out[i * 4 + k] = Math.round(paper_rgb[k] + (ink_rgb[k] - paper_rgb[k]) * v);
        out[i * 4 + 3] = 255;
    }
    return out;
}

// Signed values [n] -> RGBA bytes [n * 4] on a diverging scale: -limit is negative_rgb,
// 0 is zero_rgb, +limit is positive_rgb (clamped beyond). limit <= 0 paints all zero_rgb.
export function diverging_rgba(values, limit, negative_rgb, zero_rgb, positive_rgb) {
    const out = new Uint8ClampedArray(values.length * 4);
    for (let i = 0; i < values.length; i++) {
        const v = Number.isFinite(values[i]) && limit > 0 ? Math.max(-1, Math.min(1, values[i] / limit)) : 0;
        const end = v < 0 ? negative_rgb : positive_rgb;
        const a = Math.abs(v);
        for (let k = 0; k < 3; k++) out[i * 4 + k] = Math.round(zero_rgb[k] + (end[k] - zero_rgb[k]) * a);
        out[i * 4 + 3] = 255;
    }
    return out;
}

// Largest |value| of a typed array's range [begin, end) (0 for none or non-finite).
export function max_abs(values, begin = 0, end = values.length) {
    let m = 0;
    for (let i = begin; i < end; i++) {
        const a = Math.abs(values[i]);
        if (a > m && Number.isFinite(a)) m = a;
    }
    return m;
}

// Share of exact zeros in [begin, end): what ReLU does to a feature map.
// The index of the largest value (the first, on ties).
export function argmax(values) {
    let best = 0;
    for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return best;
}

export function zero_fraction(values, begin = 0, end = values.length) {
    if (end <= begin) return 0;
    let zeros = 0;
    for (let i = begin; i < end; i++) if (values[i] === 0) zeros++;
    return zeros / (end - begin);
}

// Share of negative values in [begin, end): what ReLU is about to zero.
export function negative_fraction(values, begin = 0, end = values.length) {
    if (end <= begin) return 0;
    let negatives = 0;
    for (let i = begin; i < end; i++) if (values[i] < 0) negatives++;
    return negatives / (end - begin);
}

// The k most probable classes, most probable first: [{ label, probability }].
export function top_classes(probabilities, k = 3) {
    return Array.from(probabilities, (probability, label) => ({ label, probability }))
        .sort((a, b) => b.probability - a.probability || a.label - b.label)
        .slice(0, k);
}

// Indices of the held-out images behind each confusion-matrix cell:
// cells[true_label][predicted_label] = [index, ...] in data order.
export function confusion_examples(labels, predicted, classes) {
    const cells = Array.from({ length: classes }, () => Array.from({ length: classes }, () => []));
    for (let i = 0; i < labels.length; i++) {
        if (labels[i] < classes && predicted[i] < classes) cells[labels[i]][predicted[i]].push(i);
    }
    return cells;
}

// Misclassified images, the most confident mistakes first:
// [{ index, label, predicted, confidence }] with confidence = p(predicted).
export function misclassified_examples(labels, predicted, probabilities, classes, limit = Infinity) {
    const out = [];
    for (let i = 0; i < labels.length; i++) {
        if (labels[i] !== predicted[i])
            out.push({
                index: i,
                label: labels[i],
                predicted: predicted[i],
                confidence: probabilities[i * classes + predicted[i]],
            });
    }
    out.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
    return out.slice(0, limit);
}

// Calls `work(arg)` (async) with at most one call in flight; a request made meanwhile
// is kept (the latest wins) and run when the current one ends. Returns request(arg).
export function latest_only(work) {
    let running = false;
    let pending = null; // { arg } or null
    async function drain(arg) {
        running = true;
        try {
            await work(arg);
        } finally {
            running = false;
        }
        if (pending) {
            const next = pending;
            pending = null;
            await drain(next.arg);
        }
    }
    return function request(arg) {
        if (running) {
            pending = { arg };
            return;
        }
        drain(arg).catch(() => {});
    };
}

// '#1d1f23', 'rgb(29, 31, 35)' or 'rgba(...)' -> [r, g, b]; anything else -> fallback.
export function parse_css_colour(text, fallback = [0, 0, 0]) {
    const s = String(text ?? '').trim();
    let m = s.match(/^#([0-9a-f]{6})$/i);
    if (m) return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
    m = s.match(/^#([0-9a-f]{3})$/i);
    if (m) return [0, 1, 2].map((i) => parseInt(m[1][i] + m[1][i], 16));
    m = s.match(/^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i);
    if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
    return fallback;
}
