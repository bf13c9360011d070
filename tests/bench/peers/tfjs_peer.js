// TensorFlow.js 4.22 (layers API: tf.sequential, Adam, categorical cross-entropy) on
// its 'wasm' backend (single-threaded SIMD build: threads need cross-origin isolation
// the bench page does not have) or its 'cpu' backend (plain JavaScript).
//
// Every implementation module exports create_<name>() returning
//   { name, async init() -> { available, reason?, details? },
//     async build(preset, train_data, infer_data) -> { async train_step(), async infer(), parameter_count(), dispose() } }
// where train_step runs one optimizer step on a batch of preset.train_batch images and
// infer classifies preset.infer_batch images; both return only when the result exists.
// parameter_count lets the bench check that every implementation built the same network.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import { adam, classes, input_shape, presets } from '../networks.js';
import { register_conv2d_backprop_filter_shim, shim_description } from './tfjs_wasm_conv2d_backprop_filter.js';

// Relative to the bench page: build-scripts/bench.mjs copies the .wasm files there.
const wasm_dir = 'tfjs-wasm/';

const shape = [input_shape.height, input_shape.width, input_shape.channels];

function make_model(preset) {
    const model = tf.sequential();
    let first = true;
    const input = () => {
        const extra = first ? { inputShape: shape } : {};
        first = false;
        return extra;
    };
    let flattened = false;
    for (const layer of preset.layers) {
        if (layer.type === 'conv') {
            model.add(
                tf.layers.conv2d({
                    ...input(),
                    filters: layer.filters,
                    kernelSize: layer.kernel,
                    padding: layer.padding,
                    activation: 'relu',
                })
            );
        } else if (layer.type === 'pool') {
            model.add(tf.layers.maxPooling2d({ ...input(), poolSize: layer.size, strides: layer.size }));
        } else if (layer.type === 'dense') {
            if (!flattened) model.add(tf.layers.flatten(input()));
            flattened = true;
            model.add(tf.layers.dense({ ...input(), units: layer.units, activation: layer.activation }));
        }
    }
    model.compile({
        optimizer: tf.train.adam(adam.learning_rate, adam.beta1, adam.beta2, adam.epsilon),
        loss: 'categoricalCrossentropy',
    });
    return model;
}

// The kernels the backend lacks for training our presets, found the way a user finds
// them: train each preset on two images and collect what the engine reports as not
// registered. Conv2DBackpropFilter gets the shim at once (so later kernels can
// surface); any other missing kernel gets a failing stub and ends that preset's probe.
async function missing_training_kernels() {
    const missing = new Set();
    const stubs = new Set();
    for (const preset of Object.values(presets)) {
        const model = make_model(preset);
        const x = tf.zeros([2, ...shape]);
        const y = tf.oneHot(tf.tensor1d([0, 1], 'int32'), classes);
        for (let attempt = 0; attempt < 20; attempt++) {
            try {
                await model.trainOnBatch(x, y);
                break;
            } catch (error) {
                const message = String(error?.message);
                if (stubs.size > 0 && message.startsWith('bench stub:')) break;
                const match = /Kernel '(\w+)' not registered for backend 'wasm'/.exec(message);
                if (!match) throw error;
                missing.add(match[1]);
                if (match[1] === 'Conv2DBackpropFilter') {
                    register_conv2d_backprop_filter_shim();
                } else {
                    stubs.add(match[1]);
                    tf.registerKernel({
                        kernelName: match[1],
                        backendName: 'wasm',
                        kernelFunc: () => {
                            throw new Error(`bench stub: no ${match[1]} kernel`);
                        },
                    });
                }
            }
        }
        model.dispose();
        tf.dispose([x, y]);
    }
    for (const name of stubs) tf.unregisterKernel(name, 'wasm');
    return [...missing];
}

export function create_tfjs(backend_name) {
    // Both tfjs peers share one engine: switch back before touching this peer's tensors
    // (immediate once the backend is initialised), or tfjs would move them across.
    const use_backend = async () => {
        if (tf.getBackend() !== backend_name) await tf.setBackend(backend_name);
    };
    return {
        name: `tfjs_${backend_name}`,
        async init() {
            const details = { library: `@tensorflow/tfjs ${tf.version.tfjs}`, backend: backend_name };
            if (backend_name === 'wasm') {
                setWasmPaths(wasm_dir);
                // Forced off so the single-threaded SIMD binary loads even if a future page is isolated.
                tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
            }
            if (!(await tf.setBackend(backend_name)))
                return { available: false, reason: `tf.setBackend('${backend_name}') failed` };
            await tf.ready();
            if (backend_name === 'wasm') {
                details.missing_kernels = await missing_training_kernels();
                const unhandled = details.missing_kernels.filter((name) => name !== 'Conv2DBackpropFilter');
                if (unhandled.length > 0)
                    return {
                        available: false,
                        reason: `tfjs-backend-wasm cannot train: no ${unhandled.join(', ')} kernel`,
                    };
                if (details.missing_kernels.includes('Conv2DBackpropFilter')) details.shim = shim_description; // registered by the probe
                details.wasm_simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
                details.wasm_threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
            }
            return { available: true, details };
        },
        async build(preset, train_data, infer_data) {
            await use_backend();
            const model = make_model(preset);
            const to_tensors = (data) => ({
                x: tf.tensor4d(data.images, [data.batch, ...shape]),
                y: tf.oneHot(tf.tensor1d(data.labels, 'int32'), classes),
            });
            const train = to_tensors(train_data);
            const infer = to_tensors(infer_data);
            return {
                async train_step() {
                    await use_backend();
                    await model.trainOnBatch(train.x, train.y); // resolves once the loss is read back
                },
                async infer() {
                    await use_backend();
                    const probabilities = model.predict(infer.x, { batchSize: infer_data.batch });
                    await probabilities.data();
                    probabilities.dispose();
                },
                parameter_count: () => model.countParams(),
                dispose() {
                    model.dispose();
                    tf.dispose([train.x, train.y, infer.x, infer.y]);
                },
            };
        },
    };
}
