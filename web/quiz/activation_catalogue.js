// The activations a bank may name, with their parameter ranges: a copy of the kernel
// registry that the bank validator can use without loading wasm (a test keeps the two
// equal).
export const activation_catalogue = Object.freeze({
    relu: { param_min: 0, param_max: 0 },
    leaky_relu: { param_min: 0, param_max: 1 },
    prelu: { param_min: 0, param_max: 1 },
    elu: { param_min: 0, param_max: 3 },
    sigmoid: { param_min: 0, param_max: 0 },
    tanh: { param_min: 0, param_max: 0 },
    relu6: { param_min: 0, param_max: 0 },
    selu: { param_min: 0, param_max: 0 },
    gelu: { param_min: 0, param_max: 0 },
    silu: { param_min: 0, param_max: 0 },
    softplus: { param_min: 0, param_max: 0 },
    mish: { param_min: 0, param_max: 0 },
});

export const activation_names = Object.freeze(Object.keys(activation_catalogue));
