// The Keras 3 (Python) program for a plan, complete so that it runs as copied: MNIST
// loaded and scaled, the same layers, activations with their parameters, initialisers,
// optimizer and schedule, then training and evaluation. Code, not prose, so it is not
// translated; the note on what differs lives in the locale files.
//
// What the C++ core defines comes from the wasm module (relu_lab): each activation's
// parameter and the initialiser 'automatic' picks for it (relu_lab.activations), the
// input's shape, the classes, the too-large factor and augmentation (relu_lab.trainer_facts).
import { shortest_float32_text } from '../../bridge/float32_text.js';

const simple_activations = new Set(['relu', 'sigmoid', 'tanh', 'selu', 'gelu', 'silu', 'softplus', 'mish']);

// Numbers reach the core as float32: the shortest decimal that is the same float32.
function py_number(value) {
    const text = shortest_float32_text(value);
    if (/^-?\d+$/.test(text)) return `${text}.0`;
    return text.includes('e') ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
}

// The initialiser the C++ core resolves 'automatic' to before `activation`
// (automatic_weight_init in cpp/train/initializers.h).
export function automatic_init(activation, relu_lab) {
    const description = relu_lab.activations.find((a) => a.name === activation);
    return description?.automatic_weight_init ?? relu_lab.trainer_facts.linear_weight_init;
}

function kernel_initializer(plan, activation, relu_lab) {
    const init = plan.weight_init === 'automatic' ? automatic_init(activation, relu_lab) : plan.weight_init;
    // Ours are untruncated normals; Keras' he_normal, glorot_normal and lecun_normal
    // truncate at 2 sigma.
    if (init === 'he_normal') return 'keras.initializers.VarianceScaling(2.0, "fan_in", "untruncated_normal")';
    if (init === 'glorot_normal') return 'keras.initializers.VarianceScaling(1.0, "fan_avg", "untruncated_normal")';
    if (init === 'lecun_normal') return 'keras.initializers.VarianceScaling(1.0, "fan_in", "untruncated_normal")';
    if (init === 'zero') return '"zeros"';
    // too_large: He normal's standard deviation times the core's factor, so its variance
    // (2 / fan_in) times the factor squared.
    if (init === 'too_large') {
        const scale = 2 * relu_lab.trainer_facts.too_large_scale ** 2;
        return `keras.initializers.VarianceScaling(${py_number(scale)}, "fan_in", "untruncated_normal")`;
    }
    return `"${init}"`;
}

// The activation as an argument of the layer, or as a layer of its own after it.
function activation_parts(l, activations, is_conv) {
    const description = activations.find((a) => a.name === l.activation);
    const param = l.activation_param ?? description?.default_param;
    switch (l.activation) {
        case 'linear':
            return { argument: null, layer: null };
        case 'leaky_relu':
            return { argument: null, layer: `layers.LeakyReLU(negative_slope=${py_number(param)})` };
        // Ours: one learned slope per channel (conv) or per unit (dense), starting at param.
        case 'prelu':
            return {
                argument: null,
                layer: `layers.PReLU(alpha_initializer=keras.initializers.Constant(${py_number(param)})${is_conv ? ', shared_axes=[1, 2]' : ''})`,
            };
        case 'elu':
            return { argument: null, layer: `layers.ELU(alpha=${py_number(param)})` };
        case 'relu6':
            return { argument: null, layer: 'layers.ReLU(max_value=6.0)' };
        default:
            if (simple_activations.has(l.activation)) return { argument: `"${l.activation}"`, layer: null };
            return { argument: null, layer: `layers.Activation("${l.activation}")` };
    }
}

export function keras_code(plan, relu_lab) {
    const { input, classes, augment } = relu_lab.trainer_facts;
    const shape = `${input.height}, ${input.width}, ${input.channels}`;
    const bias = `keras.initializers.Constant(${py_number(plan.bias_init)})`;
    const lines = [
        '# Keras 3 (TensorFlow 2.16 or later): LeakyReLU(negative_slope=...) is new in Keras 3.',
        'import keras',
        'from keras import layers',
        '',
        `keras.utils.set_random_seed(${plan.seed})`,
        '',
        // MNIST's own numbers: the script loads MNIST, not the page's digits.
        '# MNIST: 60,000 training and 10,000 test digits, 28x28 grey levels 0..255 (ink high), labels 0..9.',
        '(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()',
        '# One channel, scaled to [0, 1], as the page feeds its digits to the network.',
        `x_train = x_train.reshape(-1, ${shape}).astype("float32") / 255.0`,
        `x_test = x_test.reshape(-1, ${shape}).astype("float32") / 255.0`,
        '',
        'model = keras.Sequential([',
        `    keras.Input(shape=(${shape})),`,
    ];
    if (plan.augment === 'shifts_rotations') {
        // Ours: a random shift of up to max_shift_px and a rotation of up to
        // max_rotation_deg per training image (cpp/data/augment.h).
        const shift = py_number(augment.max_shift_px);
        lines.push(
            `    layers.RandomTranslation(${shift} / ${input.height}, ${shift} / ${input.width}, fill_mode="constant"),`
        );
        lines.push(`    layers.RandomRotation(${py_number(augment.max_rotation_deg)} / 360, fill_mode="constant"),`);
    } else if (plan.augment === 'elastic') {
        // Keras has no elastic-distortion layer (cpp/data/elastic_distortion.h): the
        // program says so where the layer would go, and trains on the digits as they are.
        lines.push(
            '    # Ours: elastic distortions (Simard, Steinkraus and Platt 2003): random displacement',
            `    # fields smoothed by a Gaussian of sigma ${py_number(augment.elastic_sigma_px)} px and scaled by alpha ${py_number(augment.elastic_alpha_px)} px.`,
            '    # Keras has no built-in layer for them, so this program trains without augmentation.'
        );
    }
    let flat = false;
    for (const l of plan.layers) {
        if (l.type === 'max_pool2d') {
            lines.push(`    layers.MaxPooling2D(pool_size=(${l.pool_size}, ${l.pool_size})),`);
            continue;
        }
        const is_conv = l.type === 'conv2d';
        if (!is_conv && !flat) {
            lines.push('    layers.Flatten(),');
            flat = true;
        }
        const { argument, layer } = activation_parts(l, relu_lab.activations, is_conv);
        const init = kernel_initializer(plan, l.activation, relu_lab);
        const head = is_conv
            ? `layers.Conv2D(${l.filters}, (${l.kernel_size}, ${l.kernel_size}), padding="${l.padding}"`
            : `layers.Dense(${l.units}`;
        lines.push(`    ${head}${argument ? `, activation=${argument}` : ''},`);
        lines.push(`        kernel_initializer=${init},`);
        lines.push(`        bias_initializer=${bias}),`);
        if (layer) lines.push(`    ${layer},`);
    }
    if (!flat) lines.push('    layers.Flatten(),');
    lines.push(`    layers.Dense(${classes}, activation="softmax",`);
    lines.push(`        kernel_initializer=${kernel_initializer(plan, 'softmax', relu_lab)},`);
    lines.push(`        bias_initializer=${bias}),`);
    lines.push('])');
    lines.push('');
    const lr = py_number(plan.learning_rate);
    if (plan.optimizer === 'adam')
        lines.push(`optimizer = keras.optimizers.Adam(learning_rate=${lr}, beta_1=0.9, beta_2=0.999, epsilon=1e-07)`);
    else if (plan.optimizer === 'momentum')
        lines.push(`optimizer = keras.optimizers.SGD(learning_rate=${lr}, momentum=${py_number(plan.momentum)})`);
    else lines.push(`optimizer = keras.optimizers.SGD(learning_rate=${lr})`);
    lines.push('# The labels are integers 0..9, hence the sparse loss; with one-hot labels');
    lines.push('# (keras.utils.to_categorical) it is categorical_crossentropy: the same cross-entropy.');
    lines.push('model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])');
    lines.push('model.summary()');
    lines.push('');
    const callbacks =
        plan.learning_rate_decay !== 1
            ? `,\n          callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch: ${lr} * ${py_number(plan.learning_rate_decay)} ** epoch)]`
            : '';
    lines.push(`model.fit(x_train, y_train, batch_size=${plan.batch_size}, epochs=${plan.epochs}, shuffle=True,`);
    lines.push(`          validation_data=(x_test, y_test)${callbacks})`);
    lines.push('model.evaluate(x_test, y_test, batch_size=256)');
    return lines.join('\n');
}
