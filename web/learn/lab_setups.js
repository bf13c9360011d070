// Named set-ups of the concept labs that a page target can ask for
// (labs/<lab>/<set-up>): the lab's form controls, by element id, and the values they
// take after the lab has been reset to its intended scenario. A target without a set-up
// name opens the lab in that intended scenario.
export const lab_setups = Object.freeze({
    same_seed_ab: Object.freeze({
        // AlexNet's comparison in miniature: one network, one seed, tanh against ReLU.
        tanh_vs_relu: Object.freeze({
            'same_seed_ab-copy-0': 'tanh',
            'same_seed_ab-copy-1': 'relu',
            'same_seed_ab-copy-2': '',
            'same_seed_ab-copy-3': '',
        }),
    }),
    dying_relu: Object.freeze({
        // Biases that start negative instead of a large step.
        negative_bias: Object.freeze({ 'dying_relu-scenario': 'negative_bias' }),
    }),
});

export function lab_setup(lab, name) {
    return Object.hasOwn(lab_setups, lab) && Object.hasOwn(lab_setups[lab], name) ? lab_setups[lab][name] : null;
}
