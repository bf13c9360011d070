// TeX of the chapters' display formulas (typeset with KaTeX; the same in every
// language). Only the fonts the page ships: no \mathbb or \mathcal (see build_web.mjs).
export const learn_formulas = Object.freeze({
    relu: '\\operatorname{ReLU}(x) = \\max(0, x) \\in [0, \\infty)',
    collapse: 'W_2\\,(W_1 x + b_1) + b_2 = (W_2 W_1)\\,x + (W_2 b_1 + b_2)',
    relu_derivative: "\\operatorname{ReLU}'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x < 0 \\end{cases}",
    backprop_mask:
        "\\frac{\\partial L}{\\partial x_i} = \\frac{\\partial L}{\\partial y_i}\\,\\operatorname{ReLU}'(x_i) = \\begin{cases} \\partial L / \\partial y_i & x_i > 0 \\\\ 0 & x_i \\le 0 \\end{cases}",
    sigmoid_chain:
        "\\prod_{k=1}^{n} \\sigma'(x_k) \\le 0.25^{\\,n}, \\qquad \\operatorname{ReLU}'(x_k) = 1 \\;\\; (x_k > 0)",
    sigmoid: '\\sigma(x) = \\frac{1}{1 + e^{-x}} \\in (0, 1)',
    sigmoid_derivative:
        "\\sigma'(x) = \\sigma(x)\\,\\bigl(1 - \\sigma(x)\\bigr) \\in (0, 0.25], \\qquad \\sigma'(0) = 0.25",
    tanh: "\\tanh(x) = 2\\sigma(2x) - 1 \\in (-1, 1), \\qquad \\tanh'(x) = 1 - \\tanh^2(x) \\in (0, 1]",
    relu_mean:
        '\\mathrm{E}\\bigl[\\operatorname{ReLU}(x)\\bigr] = \\frac{1}{\\sqrt{2\\pi}} \\approx 0.40 \\qquad (x \\sim N(0, 1))',
    leaky_relu:
        "f(x) = \\begin{cases} x & x > 0 \\\\ a\\,x & x \\le 0 \\end{cases}, \\qquad f'(x) = \\begin{cases} 1 & x > 0 \\\\ a & x \\le 0 \\end{cases}",
    elu: 'f(x) = \\begin{cases} x & x > 0 \\\\ \\alpha\\,(e^{x} - 1) & x \\le 0 \\end{cases}',
    softmax: '\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_{j=1}^{10} e^{z_j}}',
    fan_in_variance:
        '\\operatorname{Var}(z) \\approx \\mathrm{fan\\_in} \\cdot \\operatorname{Var}(w) \\cdot \\mathrm{E}[x^2]',
    initialisers:
        '\\operatorname{Var}(w) = \\frac{2}{\\mathrm{fan\\_in}} \\;\\text{(He)}, \\qquad \\frac{1}{\\mathrm{fan\\_in}} \\;\\text{(LeCun)}, \\qquad \\frac{2}{\\mathrm{fan\\_in} + \\mathrm{fan\\_out}} \\;\\text{(Glorot)}',
});
