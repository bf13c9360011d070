// ConvNetJS 0.3.0 (the npm release): plain JavaScript, one image at a time, Float64
// buffers. Interface as in tfjs_peer.js.
//
// The npm release has no Adam (its Trainer offers sgd, adagrad, adadelta and
// windowgrad; the Adam trainer, which multiplies by the bias correction instead of
// dividing, exists only in later GitHub sources). So a training step here is what
// ConvNetJS's Trainer.train does for a batch (forward + backward per image, gradients
// accumulated in the layers) followed by a textbook Adam update over
// net.getParamsAndGrads(), written in this file; its cost is O(parameters) per step.
import convnetjs from 'convnetjs';

import { adam, classes, input_shape } from '../networks.js';

export const optimizer_note =
    'npm convnetjs 0.3.0 has no Adam (the GitHub-only Adam multiplies by the bias correction, a known bug); ' +
    'the bench applies a textbook Adam to its gradients';

function layer_definitions(preset) {
    const definitions = [
        { type: 'input', out_sx: input_shape.width, out_sy: input_shape.height, out_depth: input_shape.channels },
    ];
    for (const layer of preset.layers) {
        if (layer.type === 'conv') {
            const pad = layer.padding === 'same' ? (layer.kernel - 1) / 2 : 0;
            if (!Number.isInteger(pad))
                throw new Error('ConvNetJS pads symmetrically: same padding needs an odd kernel');
            definitions.push({
                type: 'conv',
                sx: layer.kernel,
                filters: layer.filters,
                stride: 1,
                pad,
                activation: 'relu',
            });
        } else if (layer.type === 'pool') {
            definitions.push({ type: 'pool', sx: layer.size, stride: layer.size });
        } else if (layer.type === 'dense' && layer.activation === 'softmax') {
            definitions.push({ type: 'softmax', num_classes: layer.units }); // adds its own fully connected layer
        } else if (layer.type === 'dense') {
            definitions.push({ type: 'fc', num_neurons: layer.units, activation: layer.activation });
        }
    }
    return definitions;
}

function to_volumes(data) {
    const pixels = input_shape.height * input_shape.width * input_shape.channels;
    const volumes = [];
    for (let b = 0; b < data.batch; b++) {
        const volume = new convnetjs.Vol(input_shape.width, input_shape.height, input_shape.channels, 0.0);
        // Vol index ((width * y) + x) * depth + d is our [28, 28, 1] row-major order.
        for (let i = 0; i < pixels; i++) volume.w[i] = data.images[b * pixels + i];
        volumes.push(volume);
    }
    return volumes;
}

export function create_convnetjs() {
    return {
        name: 'convnetjs',
        async init() {
            return { available: true, details: { library: 'convnetjs 0.3.0', optimizer: optimizer_note } };
        },
        async build(preset, train_data, infer_data) {
            const net = new convnetjs.Net();
            net.makeLayers(layer_definitions(preset));
            const out = net.layers[net.layers.length - 1];
            if (out.out_depth !== classes) throw new Error(`ConvNetJS network ends with ${out.out_depth} outputs`);
            const train_volumes = to_volumes(train_data);
            const infer_volumes = to_volumes(infer_data);
            const groups = net.getParamsAndGrads();
            const m = groups.map((g) => new Float64Array(g.params.length));
            const v = groups.map((g) => new Float64Array(g.params.length));
            let step = 0;
            return {
                async train_step() {
                    for (let b = 0; b < train_data.batch; b++) {
                        net.forward(train_volumes[b], true);
                        net.backward(train_data.labels[b]);
                    }
                    step++;
                    const { learning_rate, beta1, beta2, epsilon } = adam;
                    const correction1 = 1 - beta1 ** step;
                    const correction2 = 1 - beta2 ** step;
                    for (let k = 0; k < groups.length; k++) {
                        const { params, grads } = groups[k];
                        const mk = m[k];
                        const vk = v[k];
                        for (let i = 0; i < params.length; i++) {
                            const g = grads[i] / train_data.batch; // the Trainer averages over the batch too
                            mk[i] = beta1 * mk[i] + (1 - beta1) * g;
                            vk[i] = beta2 * vk[i] + (1 - beta2) * g * g;
                            params[i] -=
                                (learning_rate * (mk[i] / correction1)) / (Math.sqrt(vk[i] / correction2) + epsilon);
                            grads[i] = 0;
                        }
                    }
                },
                async infer() {
                    for (const volume of infer_volumes) net.forward(volume, false);
                },
                parameter_count: () => groups.reduce((sum, g) => sum + g.params.length, 0),
                // Every weight and bias, copied (tests/js/bench_peers.test.js checks the Adam step).
                parameters_snapshot: () => groups.flatMap((g) => Array.from(g.params)),
                dispose() {},
            };
        },
    };
}
