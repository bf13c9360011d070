// The live examples by name, as chapters.js names them ('example:<name>'). Each mount
// function takes (container, { relu_lab }) and returns { refresh, destroy, inputs }:
// refresh redraws in the current language, destroy frees its chart, inputs returns
// what it gave the kernels (for the tests and the curious).
import { mount_cnn_shapes } from './cnn_shapes.js';
import { mount_conv_patch } from './conv_patch.js';
import { mount_dead_units } from './dead_units.js';
import { mount_derivative_mask } from './derivative_mask.js';
import { mount_gradient_depth } from './gradient_depth.js';
import { mount_init_signal } from './init_signal.js';
import { mount_kink_conventions } from './kink_conventions.js';
import { mount_linear_collapse } from './linear_collapse.js';
import { mount_relu_mean } from './relu_mean.js';
import { mount_relu_vector } from './relu_vector.js';
import { mount_sigmoid_tanh_curves } from './sigmoid_tanh_curves.js';
import { mount_sparsity_count } from './sparsity_count.js';
import { mount_stepped_sigmoids } from './stepped_sigmoids.js';
import { mount_variants_curves } from './variants_curves.js';

export const example_mounters = Object.freeze({
    relu_vector: mount_relu_vector,
    linear_collapse: mount_linear_collapse,
    kink_conventions: mount_kink_conventions,
    derivative_mask: mount_derivative_mask,
    gradient_depth: mount_gradient_depth,
    sparsity_count: mount_sparsity_count,
    sigmoid_tanh_curves: mount_sigmoid_tanh_curves,
    dead_units: mount_dead_units,
    relu_mean: mount_relu_mean,
    variants_curves: mount_variants_curves,
    conv_patch: mount_conv_patch,
    cnn_shapes: mount_cnn_shapes,
    init_signal: mount_init_signal,
    stepped_sigmoids: mount_stepped_sigmoids,
});
