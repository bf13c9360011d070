// What the network sees: inspection requests on the trainer worker's current model. The
// trainer worker hands every request type it does not handle itself to
// handle_inspection_request(trainer, request, { eval_data, evaluation }), where trainer is
// the wrapped trainer of web/bridge/trainer.js (null before there is a model), eval_data
// the held-out dataset the trainer evaluates on ({ pixels, labels, count, rows, cols }) and
// evaluation, if the caller has it, the trainer's evaluation of it with probabilities.
//
// Requests and answers (refusals are { ok: false, code, error, params }):
//   predict { pixels }          pixels: Uint8Array (0..255) or Float32Array (0..1) [28 * 28]
//       -> { ok, probabilities: Float32Array [classes], predicted }
//   layer_outputs { pixels? }   every layer's output for that image (or the last predicted one)
//       -> { ok, probabilities, predicted, input: Float32Array [h * w],
//            layers: [{ index, name, type, channels, height, width, in: { channels, height, width },
//                       kernel_size, stride, pad_top, pad_left (conv2d), values: Float32Array [c * h * w],
//                       pre_activation_of: index of the layer before this activation, or -1 }] }
//   first_layer_filters         -> { ok, filters, channels, kernel_size, weights: Float32Array [f, c, k, k] }
//   layer_parameters { index }  a conv2d or dense layer's weights and biases (layouts in
//                               web/trainer/insight/unit_explanation.js)
//       -> { ok, index, weights: Float32Array, bias: Float32Array }
//   evaluate_details            the held-out set, image by image
//       -> { ok, count, classes, accuracy, loss, confusion: Uint32Array [true * classes + predicted],
//            labels: Uint8Array [count], predicted: Uint8Array [count], probabilities: Float32Array [count * classes] }
//   eval_images { indices }     held-out images by index (at most max_images_per_request)
//       -> { ok, rows, cols, indices, labels: Uint8Array, pixels: Uint8Array [n * rows * cols] }

import { argmax } from '../trainer/pixels/digit_pixels.js';

export const inspection_request_types = [
    'predict',
    'layer_outputs',
    'first_layer_filters',
    'layer_parameters',
    'evaluate_details',
    'eval_images',
];
export const max_images_per_request = 400;

const one_255th = Math.fround(1 / 255);

// The image of the last predict, so layer_outputs without pixels shows the same digit
// even after training or evaluation has run other images through the network.
let last_image = null;

function refuse(code, error, params = {}) {
    return { ok: false, code, error, params };
}

const no_model = () => refuse('insight.no_model', 'There is no model yet: create or load one first.');

// Uint8Array, Float32Array or a plain array of 0..255 -> a typed array the trainer takes.
function as_image(pixels, input_size) {
    let image = pixels;
    if (Array.isArray(image)) image = Uint8Array.from(image);
    if (!(image instanceof Uint8Array || image instanceof Float32Array)) return null;
    return image.length === input_size ? image : null;
}

function input_size_of(trainer) {
    const c = trainer.config();
    return c.input_channels * c.input_height * c.input_width;
}

function predict(trainer, pixels) {
    const size = input_size_of(trainer);
    const image = as_image(pixels, size);
    if (!image) return refuse('insight.bad_image', `An image for this network has ${size} pixels.`, { size });
    const probabilities = trainer.predict(image);
    last_image = image.slice();
    return { ok: true, probabilities, predicted: argmax(probabilities) };
}

function layer_outputs(trainer, pixels) {
    const image = pixels ?? last_image;
    if (!image) return refuse('insight.no_image', 'Draw or pick a digit first.');
    const prediction = predict(trainer, image);
    if (!prediction.ok) return prediction;
    // Bytes scale as the engine scales them (a float32 multiply by 1/255), so the insight
    // view's recomputation of a unit starts from the engine's exact input.
    const input = image instanceof Float32Array ? image.slice() : Float32Array.from(image, (v) => v * one_255th);
    const layers = trainer.layers().map((l, index, all) => ({
        ...l, // name, type, channels, height, width, in, and a conv2d's kernel_size, stride, pad_top, pad_left
        index,
        values: trainer.layer_output(index),
        // A conv2d or dense layer with an activation is planned as two layers (cpp/train/network.h),
        // so the layer before an activation holds its input: the feature map before the activation.
        pre_activation_of:
            l.type === 'activation' && index > 0 && all[index - 1].type !== 'activation' ? index - 1 : -1,
    }));
    return { ok: true, probabilities: prediction.probabilities, predicted: prediction.predicted, input, layers };
}

function first_layer_filters(trainer) {
    const filters = trainer.first_layer_filters();
    if (!filters)
        return refuse('insight.no_conv', 'This network has no convolution layer, so it has no filters to show.');
    return { ok: true, ...filters };
}

function layer_parameters(trainer, index) {
    const parameters = Number.isInteger(index) ? trainer.layer_parameters(index) : null;
    if (!parameters) return refuse('insight.no_parameters', 'This layer has no weights.', { index: String(index) });
    return { ok: true, index, weights: parameters.weights, bias: parameters.bias };
}

// evaluation: the trainer's evaluation of eval_data with probabilities, when the caller has
// one (the trainer worker's team shares the work); else it is made here.
function evaluate_details(trainer, eval_data, evaluation) {
    if (!eval_data) return refuse('insight.no_eval_data', 'There is no held-out data to evaluate on.');
    const e = evaluation ?? trainer.evaluate({ with_probabilities: true, with_layer_statistics: false });
    if (!e.ok) return refuse(e.code ?? 'insight.evaluate_failed', e.error, e.params ?? {});
    const classes = e.classes;
    const count = Math.min(e.count, eval_data.count);
    const predicted = new Uint8Array(count);
    for (let i = 0; i < count; i++) predicted[i] = argmax(e.probabilities.subarray(i * classes, (i + 1) * classes));
    return {
        ok: true,
        count,
        classes,
        accuracy: e.accuracy,
        loss: e.loss,
        confusion: e.confusion,
        labels: eval_data.labels.slice(0, count),
        predicted,
        probabilities: e.probabilities,
    };
}

function eval_images(eval_data, indices) {
    if (!eval_data) return refuse('insight.no_eval_data', 'There is no held-out data to evaluate on.');
    const wanted = Array.from(indices ?? [])
        .slice(0, max_images_per_request)
        .map(Number)
        .filter((i) => Number.isInteger(i) && i >= 0 && i < eval_data.count);
    const size = eval_data.rows * eval_data.cols;
    const pixels = new Uint8Array(wanted.length * size);
    const labels = new Uint8Array(wanted.length);
    wanted.forEach((index, k) => {
        pixels.set(eval_data.pixels.subarray(index * size, (index + 1) * size), k * size);
        labels[k] = eval_data.labels[index];
    });
    return { ok: true, rows: eval_data.rows, cols: eval_data.cols, indices: wanted, labels, pixels };
}

export function handle_inspection_request(trainer, request, { eval_data = null, evaluation = null } = {}) {
    switch (request?.type) {
        case 'predict':
            return trainer ? predict(trainer, request.pixels) : no_model();
        case 'layer_outputs':
            return trainer ? layer_outputs(trainer, request.pixels) : no_model();
        case 'first_layer_filters':
            return trainer ? first_layer_filters(trainer) : no_model();
        case 'layer_parameters':
            return trainer ? layer_parameters(trainer, request.index) : no_model();
        case 'evaluate_details':
            return trainer ? evaluate_details(trainer, eval_data, evaluation) : no_model();
        case 'eval_images':
            return eval_images(eval_data, request.indices);
        default:
            throw new Error(`unknown request ${request?.type}`);
    }
}
