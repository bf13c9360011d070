// One colour per activation, chosen to stay apart for common colour-vision deficiencies
// (Okabe-Ito based). Colour is never the only cue: f is solid, f' dashed, and every
// series is named in the legend, the readout and the data table.
export const activation_colors = {
    relu: '#0072B2',
    leaky_relu: '#D55E00',
    prelu: '#CC79A7',
    elu: '#009E73',
    sigmoid: '#E69F00',
    tanh: '#56B4E9',
    relu6: '#7F3C8D',
    selu: '#3969AC',
    gelu: '#11A579',
    silu: '#E73F74',
    softplus: '#80BA5A',
    mish: '#A5AA99',
};
