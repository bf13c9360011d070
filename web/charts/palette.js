// One colour and one dash pattern per activation, for light and dark mode.
// The colours were searched so that every pair of the twelve stays apart (CIEDE2000
// above 10) for normal vision and for simulated protanopia, deuteranopia and
// tritanopia, and keeps at least 3.2:1 contrast against the chart's background;
// tests/js/palette.test.js measures both. Colour is never the only cue: each
// function also has its own dash pattern, and every series is named in the legend,
// the readout and the data table.
export const activation_palette = {
    light: {
        relu: '#096dff',
        leaky_relu: '#ac0f4a',
        prelu: '#f53da4',
        elu: '#38836b',
        sigmoid: '#a0910b',
        tanh: '#109db9',
        relu6: '#a7009f',
        selu: '#072ffb',
        gelu: '#00614d',
        silu: '#c37a8a',
        softplus: '#7f740f',
        mish: '#695205',
    },
    dark: {
        relu: '#459eff',
        leaky_relu: '#e10263',
        prelu: '#ec6797',
        elu: '#86c074',
        sigmoid: '#eadc2f',
        tanh: '#18fab9',
        relu6: '#c13197',
        selu: '#0e69f2',
        gelu: '#1c8068',
        silu: '#e1c3ff',
        softplus: '#7c6f00',
        mish: '#a39104',
    },
};

// Dash patterns in px (canvas setLineDash and SVG stroke-dasharray); ReLU, the
// subject of the page, is the one solid line.
export const activation_dashes = {
    relu: [],
    leaky_relu: [10, 4],
    prelu: [3, 3],
    elu: [10, 3, 3, 3],
    sigmoid: [16, 5],
    tanh: [6, 6],
    relu6: [1, 4],
    selu: [12, 3, 3, 3, 3, 3],
    gelu: [18, 4, 4, 4],
    silu: [5, 2],
    softplus: [14, 3, 1, 3],
    mish: [8, 3, 1, 3, 1, 3],
};

const fallback_color = '#555555';

export function color_theme() {
    return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function activation_color(name, theme = color_theme()) {
    return activation_palette[theme][name] ?? fallback_color;
}

export function activation_dash(name) {
    return activation_dashes[name] ?? [];
}

// activation_colors.relu reads the colour for the current colour scheme, so charts
// that look colours up when they draw follow a switch to dark mode.
export const activation_colors = Object.freeze(
    Object.defineProperties(
        {},
        Object.fromEntries(
            Object.keys(activation_palette.light).map((name) => [
                name,
                { enumerable: true, get: () => activation_color(name) },
            ])
        )
    )
);
