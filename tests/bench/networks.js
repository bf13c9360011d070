// The training workloads every implementation runs, described once as plain layer
// lists, and their FLOP counts. Each implementation (tests/bench/peers/) builds its
// own network from these descriptions, so shapes and batch sizes cannot drift apart.
//
// Layer fields: conv {filters, kernel, padding: 'valid' | 'same'} (stride 1, ReLU),
// pool {size} (max pool, stride = size, no padding, floor), dense {units, activation}.
// The last dense layer is softmax with cross-entropy loss; the optimizer is Adam, lr 1e-3.
import { create_rng } from '../../web/common/seeded_rng.js';

export const input_shape = { height: 28, width: 28, channels: 1 };
export const classes = 10;
export const adam = { learning_rate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

export const presets = {
    // The Keras MNIST example ("seed-keras" in the issue).
    'seed-keras': {
        layers: [
            { type: 'conv', filters: 64, kernel: 3, padding: 'valid' },
            { type: 'pool', size: 2 },
            { type: 'dense', units: 128, activation: 'relu' },
            { type: 'dense', units: classes, activation: 'softmax' },
        ],
        train_batch: 32,
        infer_batch: 256,
    },
    // ConvNetJS's MNIST demo network, with its 'same' padding (pad 2 for 5x5): every
    // implementation uses 'same' here.
    small: {
        layers: [
            { type: 'conv', filters: 8, kernel: 5, padding: 'same' },
            { type: 'pool', size: 2 },
            { type: 'conv', filters: 16, kernel: 5, padding: 'same' },
            { type: 'pool', size: 3 },
            { type: 'dense', units: classes, activation: 'softmax' },
        ],
        train_batch: 20,
        infer_batch: 256,
    },
};

// Output shape of every layer, from input_shape: [{ height, width, channels }] (dense
// layers report height = width = 1, channels = units).
export function layer_shapes(layers) {
    const shapes = [];
    let shape = { ...input_shape };
    for (const layer of layers) {
        if (layer.type === 'conv') {
            const shrink = layer.padding === 'valid' ? layer.kernel - 1 : 0;
            shape = { height: shape.height - shrink, width: shape.width - shrink, channels: layer.filters };
        } else if (layer.type === 'pool') {
            shape = {
                height: Math.floor(shape.height / layer.size),
                width: Math.floor(shape.width / layer.size),
                channels: shape.channels,
            };
        } else if (layer.type === 'dense') {
            shape = { height: 1, width: 1, channels: layer.units };
        } else {
            throw new Error(`unknown layer type ${layer.type}`);
        }
        shapes.push(shape);
    }
    return shapes;
}

// FLOPs per image, counting multiply-adds only (one multiply-add = 2 FLOP); bias,
// ReLU, pooling, softmax and the optimizer are left out (they are O(activations) or
// O(parameters), not O(multiply-adds)).
//   infer = sum over conv and dense layers of 2 * multiply-adds
//   train = infer + backward, where backward is 2x forward per layer (input gradient
//           and weight gradient, each as many multiply-adds as the forward pass),
//           except the first layer, whose input gradient nobody needs (its input is
//           the data), so its backward is 1x forward.
// For seed-keras this gives 9,871,872 FLOP per training image, the 9.87 MFLOP.
export function flops_per_image(layers) {
    let shape = { ...input_shape };
    let infer = 0;
    let train = 0;
    const shapes = layer_shapes(layers);
    layers.forEach((layer, index) => {
        let multiply_adds = 0;
        if (layer.type === 'conv') {
            const out = shapes[index];
            multiply_adds = out.height * out.width * out.channels * layer.kernel * layer.kernel * shape.channels;
        } else if (layer.type === 'dense') {
            multiply_adds = shape.height * shape.width * shape.channels * layer.units;
        }
        const forward = 2 * multiply_adds;
        infer += forward;
        train += forward + (index === 0 ? 1 : 2) * forward;
        shape = shapes[index];
    });
    return { infer, train };
}

// Random inputs and labels from a fixed seed (the page's mulberry32): throughput only,
// the values do not matter beyond being ordinary (uniform in [0, 1), like pixels).
export function random_batch(batch, seed) {
    const { next } = create_rng(seed);
    const pixels = input_shape.height * input_shape.width * input_shape.channels;
    const images = new Float32Array(batch * pixels); // [batch, 28, 28, 1]
    for (let i = 0; i < images.length; i++) images[i] = next();
    const labels = new Int32Array(batch); // [batch]
    for (let i = 0; i < batch; i++) labels[i] = Math.floor(next() * classes);
    return { images, labels, batch };
}
