// One output unit of a conv2d or dense layer, recomputed from the layer's input, weights and
// bias: every product, each input channel's sum, the total, the bias and the pre-activation.
// The arithmetic is JavaScript's double precision, independent of the engine's im2col and
// matrix product, so the insight view can show the steps and a test can hold the result to
// the value the engine computed.
//
// layer: an entry of trainer.layers() (cpp/train/trainer_json.cpp): in {channels, height,
// width}, channels, height, width, and for conv2d kernel_size, stride, pad_top, pad_left.
//
// conv_unit_explanation({ layer, input, weights, bias, channel, row, column })
//   input   Float32Array [in.channels * in.height * in.width], the layer's input
//   weights Float32Array [channels, in.channels, k, k]; bias Float32Array [channels]
//   -> { kind: 'conv2d', channel, row, column, kernel_size, in_channels,
//        patches: [{ channel, inputs: (number | null)[k * k] (null: outside the image, counted
//                    as 0), weights: number[k * k], products: number[k * k], sum }],
//        sum, bias, pre_activation, magnitude }
//   patches are in input-channel order; magnitude is the sum of |product| and |bias|.
// dense_unit_explanation({ layer, input, weights, bias, unit, top })
//   weights Float32Array [channels, in.channels]
//   -> { kind: 'dense', unit, inputs, contributions: the `top` largest |input x weight|,
//        largest first: [{ index, input, weight, product }], rest_count, rest_sum, sum, bias,
//        pre_activation, magnitude }

export function conv_unit_explanation({ layer, input, weights, bias, channel, row, column }) {
    const { channels: in_channels, height, width } = layer.in;
    const k = layer.kernel_size;
    const top = row * layer.stride - layer.pad_top;
    const left = column * layer.stride - layer.pad_left;
    const patches = [];
    let sum = 0;
    let magnitude = 0;
    for (let c = 0; c < in_channels; c++) {
        const patch = { channel: c, inputs: [], weights: [], products: [], sum: 0 };
        for (let dy = 0; dy < k; dy++) {
            for (let dx = 0; dx < k; dx++) {
                const y = top + dy;
                const x = left + dx;
                const inside = y >= 0 && y < height && x >= 0 && x < width;
                const value = inside ? input[(c * height + y) * width + x] : null;
                const weight = weights[((channel * in_channels + c) * k + dy) * k + dx];
                const product = (value ?? 0) * weight;
                patch.inputs.push(value);
                patch.weights.push(weight);
                patch.products.push(product);
                patch.sum += product;
                magnitude += Math.abs(product);
            }
        }
        sum += patch.sum;
        patches.push(patch);
    }
    return {
        kind: 'conv2d',
        channel,
        row,
        column,
        kernel_size: k,
        in_channels,
        patches,
        sum,
        bias: bias[channel],
        pre_activation: sum + bias[channel],
        magnitude: magnitude + Math.abs(bias[channel]),
    };
}

export function dense_unit_explanation({ layer, input, weights, bias, unit, top = 10 }) {
    const inputs = layer.in.channels * layer.in.height * layer.in.width;
    const all = [];
    let sum = 0;
    let magnitude = 0;
    for (let i = 0; i < inputs; i++) {
        const weight = weights[unit * inputs + i];
        const product = input[i] * weight;
        sum += product;
        magnitude += Math.abs(product);
        all.push({ index: i, input: input[i], weight, product });
    }
    all.sort((a, b) => Math.abs(b.product) - Math.abs(a.product) || a.index - b.index);
    const contributions = all.slice(0, top);
    const rest = all.slice(top);
    return {
        kind: 'dense',
        unit,
        inputs,
        contributions,
        rest_count: rest.length,
        rest_sum: rest.reduce((s, c) => s + c.product, 0),
        sum,
        bias: bias[unit],
        pre_activation: sum + bias[unit],
        magnitude: magnitude + Math.abs(bias[unit]),
    };
}

// The channels whose sums move the total most, largest |sum| first (for the channel picker).
export function channels_by_influence(explanation) {
    return [...explanation.patches].sort((a, b) => Math.abs(b.sum) - Math.abs(a.sum) || a.channel - b.channel);
}

// Where flat input i of a dense layer came from, when its input is a flattened
// [channels, height, width] map (null otherwise): { channel, row, column }.
export function flat_index_position(index, shape) {
    if (!shape || shape.height * shape.width <= 1) return null;
    const per_map = shape.height * shape.width;
    return {
        channel: Math.floor(index / per_map),
        row: Math.floor((index % per_map) / shape.width),
        column: index % shape.width,
    };
}

// How far the recomputed pre-activation may sit from the engine's float32 value: the
// engine adds in float32 (a relative rounding of 2^-24 per addition, in any order), so the
// bound scales with the sizes of what is added; 1e-6 where they are small.
export function engine_tolerance(explanation) {
    return 1e-6 * Math.max(1, explanation.magnitude);
}
