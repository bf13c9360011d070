// The trainer section's state in one place, with no DOM: the "plan" the learner edits
// (layers, optimizer, schedule), its checks with translated reasons, the trainer config
// the C++ core takes, and the round trip through the page address.
//
// A plan: { layers: [layer], weight_init, bias_init, optimizer, learning_rate, momentum,
//           batch_size, epochs, augment, seed, learning_rate_decay }
// augment: 'none' | 'shifts_rotations' | 'elastic' (relu_lab.trainer_facts.augmentations).
// layer: { type: 'conv2d', filters, kernel_size, padding: 'valid'|'same', activation, activation_param }
//        { type: 'max_pool2d', pool_size }
//        { type: 'dense', units, activation, activation_param }
// activation_param is null for the activation's default. The Flatten before the first
// Dense layer and the Dense(classes, softmax) head are added by plan_to_config, not edited.
//
// What the C++ core defines, the page reads from the wasm module (relu_lab below):
// relu_lab.activations (each one's parameter, range, automatic initialiser) and
// relu_lab.trainer_facts (presets, initialisers, optimizers, augmentations, classes, the
// seed range).
import { shortest_float32_text } from '../bridge/float32_text.js';

export const layer_types = ['conv2d', 'max_pool2d', 'dense'];

// Bounds the page enforces before the C++ core sees a number (it checks sizes and
// memory); the seed's range is the core's (relu_lab.trainer_facts.seed).
export const limits = Object.freeze({
    layers: 24,
    filters: [1, 512],
    kernel_size: [1, 15],
    pool_size: [1, 8],
    units: [1, 8192],
    learning_rate: [1e-6, 10],
    momentum: [0, 0.999],
    batch_size: [1, 1024],
    epochs: [1, 200],
    bias_init: [-1, 1],
    learning_rate_decay: [0.5, 1],
});

// Defaults shared with the command-line trainer (cpp/cli): 15 epochs, random shifts and
// rotations, the learning rate times 0.85 after every epoch.
export const schedule_defaults = Object.freeze({ epochs: 15, augment: 'shifts_rotations', learning_rate_decay: 0.85 });

// A config's augment: a mode's name, or the boolean it was before elastic distortions
// (configs saved then still load, true as shifts and rotations).
function augmentation_from_config(value) {
    if (value === true) return 'shifts_rotations';
    if (value === false) return 'none';
    return value ?? schedule_defaults.augment;
}

// A C++ trainer config (preset_config or trainer.config()) -> plan.
export function plan_from_config(config, { epochs = schedule_defaults.epochs } = {}) {
    const layers = [];
    const source = config.layers ?? [];
    source.forEach((l, i) => {
        const is_head = i === source.length - 1 && l.type === 'dense';
        if (is_head || l.type === 'flatten') return;
        const param = Number.isFinite(l.activation_param) ? round_float(l.activation_param) : null;
        if (l.type === 'conv2d')
            layers.push({
                type: 'conv2d',
                filters: l.units,
                kernel_size: l.kernel_size,
                padding: l.padding,
                activation: l.activation || 'linear',
                activation_param: param,
            });
        else if (l.type === 'max_pool2d') layers.push({ type: 'max_pool2d', pool_size: l.pool_size });
        else if (l.type === 'dense')
            layers.push({
                type: 'dense',
                units: l.units,
                activation: l.activation || 'linear',
                activation_param: param,
            });
    });
    return {
        layers,
        weight_init: config.weight_init ?? 'automatic',
        bias_init: config.bias_init ?? 0,
        optimizer: config.optimizer ?? 'adam',
        learning_rate: round_float(config.learning_rate ?? 1e-3),
        momentum: round_float(config.momentum ?? 0.9),
        batch_size: config.batch_size ?? 32,
        epochs,
        augment: augmentation_from_config(config.augment),
        seed: config.seed ?? 1,
        learning_rate_decay: round_float(config.learning_rate_decay ?? 1),
    };
}

// Float32 values from C++ (0.004000000189989805) back to the decimal a learner typed.
function round_float(value) {
    return Number(shortest_float32_text(value));
}

// A preset's plan with the page's schedule defaults.
export function plan_from_preset(preset_config_result) {
    const plan = plan_from_config(preset_config_result);
    plan.augment = schedule_defaults.augment;
    plan.learning_rate_decay = schedule_defaults.learning_rate_decay;
    return plan;
}

export function clone_plan(plan) {
    return { ...plan, layers: plan.layers.map((l) => ({ ...l })) };
}

// Key order does not matter (plans come from presets, the URL and the editor).
function canonical(value) {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object')
        return Object.fromEntries(
            Object.keys(value)
                .sort()
                .map((k) => [k, canonical(value[k])])
        );
    return value;
}
export function plans_equal(a, b) {
    return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

// plan -> config for create_trainer. Call only on a plan that check_plan accepted.
// The preset whose network this plan is (its epochs and seed aside), else 'custom'.
export function matching_preset(presets, plan) {
    return (
        Object.keys(presets).find((name) =>
            plans_equal({ ...presets[name], epochs: plan.epochs, seed: plan.seed }, plan)
        ) ?? 'custom'
    );
}

export function plan_to_config(plan, relu_lab) {
    const layers = [];
    let flat = false;
    for (const l of plan.layers) {
        const activation = l.activation === 'linear' ? '' : l.activation;
        const activation_param = l.activation_param ?? NaN;
        if (l.type === 'conv2d')
            layers.push({
                type: 'conv2d',
                units: l.filters,
                kernel_size: l.kernel_size,
                padding: l.padding,
                stride: 1,
                activation,
                activation_param,
            });
        else if (l.type === 'max_pool2d') layers.push({ type: 'max_pool2d', pool_size: l.pool_size });
        else if (l.type === 'dense') {
            if (!flat) layers.push({ type: 'flatten' });
            flat = true;
            layers.push({ type: 'dense', units: l.units, activation, activation_param });
        }
    }
    if (!flat) layers.push({ type: 'flatten' });
    layers.push({ type: 'dense', units: relu_lab.trainer_facts.classes, activation: 'softmax' });
    return {
        layers,
        weight_init: plan.weight_init,
        bias_init: plan.bias_init,
        optimizer: plan.optimizer,
        learning_rate: plan.learning_rate,
        momentum: plan.momentum,
        batch_size: plan.batch_size,
        seed: plan.seed,
        augment: plan.augment,
        learning_rate_decay: plan.learning_rate_decay,
    };
}

function in_range(value, [low, high], integer) {
    return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= low &&
        value <= high &&
        (!integer || Number.isInteger(value))
    );
}

// Checks a number the learner typed (already parsed; null when it was not a number).
// -> null when fine, else { key, params } for t().
export function check_number(field, value, relu_lab) {
    const range = field === 'seed' ? relu_lab.trainer_facts.seed : limits[field];
    const integer = !['learning_rate', 'momentum', 'bias_init', 'learning_rate_decay'].includes(field);
    if (value === null || value === undefined || Number.isNaN(value))
        return { key: 'trainer.error_not_a_number', params: {} };
    if (!in_range(value, range, integer)) {
        return {
            key: integer ? 'trainer.error_whole_number_range' : 'trainer.error_number_range',
            params: { min: range[0], max: range[1] },
        };
    }
    return null;
}

// The whole plan: every problem as { where, key, params } (where: 'layer 3', 'learning_rate', ...).
export function check_plan(plan, relu_lab) {
    const problems = [];
    const by_name = new Map(relu_lab.activations.map((a) => [a.name, a]));
    const { weight_inits, optimizers, augmentations } = relu_lab.trainer_facts;
    if (!Array.isArray(plan.layers) || plan.layers.length > limits.layers) {
        problems.push({ where: 'layers', key: 'trainer.error_too_many_layers', params: { max: limits.layers } });
        return problems;
    }
    let seen_dense = false;
    plan.layers.forEach((l, i) => {
        const at = { where: `layer_${i + 1}`, index: i };
        const number = (field, limit_name) => {
            const problem = check_number(limit_name, l[field], relu_lab);
            if (problem) problems.push({ ...at, field, ...problem });
        };
        if (l.type === 'conv2d' || l.type === 'max_pool2d') {
            if (seen_dense)
                problems.push({ ...at, key: 'trainer.error_image_layer_after_dense', params: { number: i + 1 } });
        }
        if (l.type === 'conv2d') {
            number('filters', 'filters');
            number('kernel_size', 'kernel_size');
            if (l.padding !== 'valid' && l.padding !== 'same')
                problems.push({ ...at, key: 'trainer.error_bad_value', params: {} });
        } else if (l.type === 'max_pool2d') {
            number('pool_size', 'pool_size');
        } else if (l.type === 'dense') {
            seen_dense = true;
            number('units', 'units');
        } else {
            problems.push({ ...at, key: 'trainer.error_bad_value', params: {} });
            return;
        }
        if (l.type !== 'max_pool2d') {
            const description = by_name.get(l.activation);
            if (l.activation !== 'linear' && !description)
                problems.push({ ...at, key: 'trainer.error_bad_value', params: {} });
            else if (description?.param_name && l.activation_param !== null) {
                if (!in_range(l.activation_param, [description.min_param, description.max_param], false)) {
                    problems.push({
                        ...at,
                        field: 'activation_param',
                        key: 'trainer.error_number_range',
                        params: { min: description.min_param, max: description.max_param },
                    });
                }
            }
        }
    });
    for (const field of [
        'learning_rate',
        'momentum',
        'batch_size',
        'epochs',
        'seed',
        'bias_init',
        'learning_rate_decay',
    ]) {
        const problem = check_number(field, plan[field], relu_lab);
        if (problem) problems.push({ where: field, field, ...problem });
    }
    if (!weight_inits.includes(plan.weight_init))
        problems.push({ where: 'weight_init', key: 'trainer.error_bad_value', params: {} });
    if (!optimizers.includes(plan.optimizer))
        problems.push({ where: 'optimizer', key: 'trainer.error_bad_value', params: {} });
    if (!augmentations.includes(plan.augment))
        problems.push({ where: 'augment', key: 'trainer.error_bad_value', params: {} });
    return problems;
}

// ---- The page address ---------------------------------------------------------------
// ?net=c64.3.valid.relu,p2,d128.relu&opt=adam&lr=0.001&batch=32&epochs=15&aug=shifts&seed=1
//  &init=automatic&bias=0&decay=0.85&mom=0.9
// Layers: c<filters>.<kernel>.<padding>.<activation>[:<param>], p<pool>, d<units>.<activation>[:<param>].
// aug: none, shifts or elastic; addresses from before elastic hold 1 (shifts) or 0 (none).
export const url_keys = ['net', 'opt', 'lr', 'batch', 'epochs', 'aug', 'seed', 'init', 'bias', 'decay', 'mom'];
const max_url_value_chars = 600;
const url_augment_names = Object.freeze({ none: 'none', shifts_rotations: 'shifts', elastic: 'elastic' });
const augment_from_url = Object.freeze({
    none: 'none',
    shifts: 'shifts_rotations',
    elastic: 'elastic',
    1: 'shifts_rotations',
    0: 'none',
});

function activation_text(l) {
    return l.activation_param === null ? l.activation : `${l.activation}:${l.activation_param}`;
}

export function plan_to_url_params(plan) {
    const net = plan.layers
        .map((l) => {
            if (l.type === 'conv2d') return `c${l.filters}.${l.kernel_size}.${l.padding}.${activation_text(l)}`;
            if (l.type === 'max_pool2d') return `p${l.pool_size}`;
            return `d${l.units}.${activation_text(l)}`;
        })
        .join(',');
    return {
        net,
        opt: plan.optimizer,
        lr: String(plan.learning_rate),
        batch: String(plan.batch_size),
        epochs: String(plan.epochs),
        aug: url_augment_names[plan.augment],
        seed: String(plan.seed),
        init: plan.weight_init,
        bias: String(plan.bias_init),
        decay: String(plan.learning_rate_decay),
        mom: String(plan.momentum),
    };
}

// Strict decimal numbers only: no hex, no "Infinity", no empty strings.
function url_number(text) {
    if (typeof text !== 'string' || text.length > 24 || !/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
}

function url_activation(text) {
    const [name, param, extra] = text.split(':');
    if (extra !== undefined || !/^[a-z][a-z0-9_]{0,23}$/.test(name)) return null;
    if (param === undefined) return { activation: name, activation_param: null };
    const value = url_number(param);
    return value === null ? null : { activation: name, activation_param: value };
}

function url_layer(text) {
    const parts = text.split('.');
    const head = parts[0];
    const kind = head[0];
    const size = url_number(head.slice(1));
    if (size === null) return null;
    if (kind === 'p' && parts.length === 1) return { type: 'max_pool2d', pool_size: size };
    if (kind === 'd' && parts.length >= 2) {
        const activation = url_activation(parts.slice(1).join('.'));
        return activation && { type: 'dense', units: size, ...activation };
    }
    if (kind === 'c' && parts.length >= 4) {
        const kernel_size = url_number(parts[1]);
        const activation = url_activation(parts.slice(3).join('.'));
        return (
            kernel_size !== null &&
            activation && { type: 'conv2d', filters: size, kernel_size, padding: parts[2], ...activation }
        );
    }
    return null;
}

// URLSearchParams -> { plan } when the address holds a complete, valid trainer state;
// { plan: null, ignored: true } when it holds one that is malformed (the page keeps its
// own state and says so); { plan: null, ignored: false } when it holds none.
export function plan_from_url_params(params, base_plan, relu_lab) {
    const present = url_keys.filter((k) => params.has(k));
    if (present.length === 0) return { plan: null, ignored: false };
    const text = (k) => params.get(k);
    if (present.some((k) => text(k).length > max_url_value_chars)) return { plan: null, ignored: true };
    const plan = clone_plan(base_plan);
    if (params.has('net')) {
        const items = text('net') === '' ? [] : text('net').split(',');
        if (items.length > limits.layers) return { plan: null, ignored: true };
        const layers = items.map(url_layer);
        if (layers.some((l) => !l)) return { plan: null, ignored: true };
        plan.layers = layers;
    }
    const numbers = {
        lr: 'learning_rate',
        batch: 'batch_size',
        epochs: 'epochs',
        seed: 'seed',
        bias: 'bias_init',
        decay: 'learning_rate_decay',
        mom: 'momentum',
    };
    for (const [key, field] of Object.entries(numbers)) {
        if (!params.has(key)) continue;
        const value = url_number(text(key));
        if (value === null) return { plan: null, ignored: true };
        plan[field] = value;
    }
    if (params.has('opt')) plan.optimizer = text('opt');
    if (params.has('init')) plan.weight_init = text('init');
    if (params.has('aug')) {
        if (!Object.hasOwn(augment_from_url, text('aug'))) return { plan: null, ignored: true };
        plan.augment = augment_from_url[text('aug')];
    }
    if (check_plan(plan, relu_lab).length > 0) return { plan: null, ignored: true };
    return { plan, ignored: false };
}
