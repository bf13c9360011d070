// Why a run blew up, in terms of what this network contains. The growth that ends in NaN
// or infinity is only unchecked where something has no upper bound: ReLU and most of its
// family, SELU, GELU, SiLU, Softplus and Mish, and layers without an activation. With
// only bounded activations (sigmoid, tanh, ReLU6) the weights, the activations' inputs
// and the scores before softmax are what grew. No DOM: the trainer section translates.

// plan (web/trainer/trainer_state.js), activations (relu_lab.activations, each with
// bounded_above from the C++ registry) -> { key, activations }: the i18n key of the
// sentence and the activations it names ('linear' for layers without one), in order.
export function divergence_cause(plan, activations) {
    const bounded_above = new Set(activations.filter((a) => a.bounded_above).map((a) => a.name));
    const present = [];
    for (const l of plan.layers ?? []) {
        if (l.type === 'max_pool2d' || present.includes(l.activation)) continue;
        present.push(l.activation);
    }
    // No hidden layers: the softmax head alone, a layer without an activation.
    if (present.length === 0) return { key: 'trainer.diverged_cause_unbounded', activations: ['linear'] };
    const unbounded = present.filter((name) => !bounded_above.has(name));
    if (unbounded.length > 0) return { key: 'trainer.diverged_cause_unbounded', activations: unbounded };
    // The head's scores are unbounded in every network; the bounded text names them.
    return { key: 'trainer.diverged_cause_bounded', activations: present };
}
