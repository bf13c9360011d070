// ReLU Lab's own trainer (cpp/train, C++ compiled to wasm SIMD) through the page's
// trainer bridge (web/bridge/trainer.js), as one more implementation with the
// interface of tfjs_peer.js. When the loaded module has no Trainer, init() says so
// and the bench goes on without it.
//
// The trainer takes 8-bit images (0..255), so the random batches are quantised; the
// values do not matter for throughput. Its evaluate() runs in batches of the
// configured batch size, so inference uses a second trainer configured with the
// inference batch size (same seed, same weights). Both step() and evaluate() also
// compute the per-layer statistics the page shows (dead units, gradient norms): that
// is part of what our trainer does per step, so it is timed too.
import { raw_module } from '../../../web/bridge/relu_lab_module.js';
import { create_trainer } from '../../../web/bridge/trainer.js';
import { adam, classes, input_shape } from '../networks.js';

function trainer_config(preset, batch_size) {
    const layers = [];
    let flattened = false;
    for (const layer of preset.layers) {
        if (layer.type === 'conv') {
            layers.push({
                type: 'conv2d',
                units: layer.filters,
                kernel_size: layer.kernel,
                padding: layer.padding,
                activation: 'relu',
            });
        } else if (layer.type === 'pool') {
            layers.push({ type: 'max_pool2d', pool_size: layer.size });
        } else if (layer.type === 'dense') {
            if (!flattened) layers.push({ type: 'flatten' });
            flattened = true;
            layers.push({ type: 'dense', units: layer.units, activation: layer.activation });
        }
    }
    return {
        input_channels: input_shape.channels,
        input_height: input_shape.height,
        input_width: input_shape.width,
        classes,
        layers,
        optimizer: 'adam',
        learning_rate: adam.learning_rate,
        beta1: adam.beta1,
        beta2: adam.beta2,
        epsilon: adam.epsilon,
        batch_size,
        seed: 1,
        augment: false,
    };
}

const batches_per_train_step = 4;

// name: 'ours' for the SIMD build, 'ours_fma' for the FMA build.
export function create_ours(relu_lab, name = 'ours') {
    const raw = relu_lab ? raw_module(relu_lab) : null;

    // A trainer holding `data` as its training and evaluation set; throws with the
    // trainer's own sentence when it refuses the config or the data.
    function make_trainer(preset, data) {
        const made = create_trainer(relu_lab, trainer_config(preset, data.batch));
        if (!made.ok) throw new Error(`ours refused the network: ${made.error}`);
        const dataset = {
            pixels: Uint8Array.from(data.images, (v) => Math.round(v * 255)),
            labels: Uint8Array.from(data.labels.slice(0, data.batch)),
            count: data.batch,
            rows: input_shape.height,
            cols: input_shape.width,
        };
        const handed = made.trainer.set_training_data(dataset);
        const handed_eval = handed.ok ? made.trainer.set_eval_data(dataset) : handed;
        if (!handed_eval.ok) {
            made.trainer.dispose();
            throw new Error(`ours refused the data: ${handed_eval.error}`);
        }
        return made.trainer;
    }

    return {
        name,
        async init() {
            if (!raw) return { available: false, reason: 'not available: the ReLU Lab wasm module did not load' };
            if (typeof raw.Trainer !== 'function')
                return {
                    available: false,
                    reason: 'not available: the wasm module exposes no Trainer (cpp/bindings/bindings.cpp)',
                };
            return {
                available: true,
                details: {
                    library: `ReLU Lab Trainer, ${relu_lab.build} build`,
                    inference:
                        'Trainer.evaluate({ with_layer_statistics: false }) on a second trainer with the inference batch size',
                    training: `Trainer.step(${batches_per_train_step}): ${batches_per_train_step} optimizer steps per call, per-layer statistics of the last (more often than the page, which measures them at most every 20 steps while playing)`,
                },
            };
        },
        async build(preset, train_data, infer_data) {
            const train = make_trainer(preset, train_data);
            let infer;
            try {
                infer = make_trainer(preset, infer_data);
            } catch (error) {
                train.dispose();
                throw error;
            }
            // Per layer, microseconds per image: forward and backward of `steps` training
            // steps, forward of `steps` inference batches.
            function profile(steps = 20) {
                train.set_profiling(true);
                infer.set_profiling(true);
                const start_train = performance.now();
                train.step(steps);
                const train_ms = performance.now() - start_train;
                const start_infer = performance.now();
                for (let i = 0; i < steps; i++) infer.evaluate({ with_layer_statistics: false });
                const infer_ms = performance.now() - start_infer;
                const per_image = (ms, images) => Math.round((ms * 1000 * 10) / images) / 10;
                const train_images = steps * train_data.batch,
                    infer_images = steps * infer_data.batch;
                const layers = train.layer_times().map((t, i) => ({
                    layer: t.name,
                    train_forward_us: per_image(t.forward_ms, train_images),
                    train_backward_us: per_image(t.backward_ms, train_images),
                    infer_forward_us: per_image(infer.layer_times()[i].forward_ms, infer_images),
                }));
                const layer_sum = (key) => layers.reduce((sum, l) => sum + l[key], 0);
                train.set_profiling(false);
                infer.set_profiling(false);
                return {
                    layers,
                    // Everything outside the layers: loading the batch, loss, statistics, optimizer.
                    train_other_us: Math.round(
                        per_image(train_ms, train_images) -
                            layer_sum('train_forward_us') -
                            layer_sum('train_backward_us')
                    ),
                    infer_other_us: Math.round(per_image(infer_ms, infer_images) - layer_sum('infer_forward_us')),
                };
            }
            return {
                // As the page trains: a few optimizer steps of the preset's batch size per
                // call, with the per-layer statistics of the call's last batch.
                batches_per_train_step,
                profile,
                async train_step() {
                    const metrics = train.step(batches_per_train_step);
                    if (!metrics.ok)
                        throw new Error(
                            `ours: training step failed${metrics.divergence?.diverged ? `: ${metrics.divergence.message}` : ''}`
                        );
                },
                async infer() {
                    const metrics = infer.evaluate({ with_layer_statistics: false });
                    if (!metrics.ok) throw new Error(`ours: evaluation failed: ${metrics.error}`);
                },
                parameter_count: () => train.parameter_count(),
                dispose() {
                    train.dispose();
                    infer.dispose();
                },
            };
        },
    };
}
