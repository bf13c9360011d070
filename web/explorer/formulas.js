// TeX for each activation's f and f'. Formulas stay the same in every language; the
// words around them come from the i18n layer. The f' cases leave out the kinks (x = 0,
// and x = 6 for ReLU6), where the derivative is undefined: the value the kernels use
// there is a convention (cpp/kernels/activations.h), which the notes beside the
// formulas state as one.
export const formulas = {
    relu: {
        f: 'f(x) = \\max(0, x)',
        df: "f'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x < 0 \\end{cases}",
    },
    leaky_relu: {
        f: 'f(x) = \\begin{cases} x & x > 0 \\\\ a\\,x & x \\le 0 \\end{cases}',
        df: "f'(x) = \\begin{cases} 1 & x > 0 \\\\ a & x < 0 \\end{cases}",
    },
    prelu: {
        f: 'f(x) = \\begin{cases} x & x > 0 \\\\ a_c\\,x & x \\le 0 \\end{cases}',
        df: "f'(x) = \\begin{cases} 1 & x > 0 \\\\ a_c & x < 0 \\end{cases}, \\quad \\frac{\\partial f}{\\partial a_c} = \\begin{cases} 0 & x > 0 \\\\ x & x \\le 0 \\end{cases}",
    },
    elu: {
        f: 'f(x) = \\begin{cases} x & x > 0 \\\\ \\alpha\\,(e^{x} - 1) & x \\le 0 \\end{cases}',
        df: "f'(x) = \\begin{cases} 1 & x > 0 \\\\ \\alpha\\,e^{x} & x < 0 \\end{cases}",
    },
    sigmoid: {
        f: '\\sigma(x) = \\frac{1}{1 + e^{-x}}',
        df: "\\sigma'(x) = \\sigma(x)\\,\\bigl(1 - \\sigma(x)\\bigr) \\le \\tfrac{1}{4}",
    },
    tanh: {
        f: '\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}',
        df: "\\tanh'(x) = 1 - \\tanh^2(x) \\le 1",
    },
    relu6: {
        f: 'f(x) = \\min\\bigl(\\max(0, x),\\, 6\\bigr)',
        df: "f'(x) = \\begin{cases} 1 & 0 < x < 6 \\\\ 0 & x \\notin [0, 6] \\end{cases}",
    },
    selu: {
        f: 'f(x) = \\lambda \\begin{cases} x & x > 0 \\\\ \\alpha\\,(e^{x} - 1) & x \\le 0 \\end{cases}',
        df: "f'(x) = \\lambda \\begin{cases} 1 & x > 0 \\\\ \\alpha\\,e^{x} & x < 0 \\end{cases}",
    },
    gelu: {
        f: 'f(x) = x\\,\\Phi(x) = \\frac{x}{2}\\Bigl(1 + \\operatorname{erf}\\bigl(\\tfrac{x}{\\sqrt{2}}\\bigr)\\Bigr)',
        df: "f'(x) = \\Phi(x) + x\\,\\varphi(x), \\quad \\varphi(x) = \\tfrac{1}{\\sqrt{2\\pi}} e^{-x^2/2}",
    },
    silu: {
        f: 'f(x) = x\\,\\sigma(x) = \\frac{x}{1 + e^{-x}}',
        df: "f'(x) = \\sigma(x)\\,\\bigl(1 + x\\,(1 - \\sigma(x))\\bigr)",
    },
    softplus: {
        f: 'f(x) = \\ln\\bigl(1 + e^{x}\\bigr)',
        df: "f'(x) = \\sigma(x)",
    },
    mish: {
        f: 'f(x) = x \\tanh\\bigl(\\ln(1 + e^{x})\\bigr)',
        df: "f'(x) = \\tanh(s) + x\\,\\bigl(1 - \\tanh^2 s\\bigr)\\,\\sigma(x),\\; s = \\ln(1 + e^{x})",
    },
};
