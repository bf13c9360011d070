// Chapter 3: the factor a gradient is multiplied by on its way back through n layers,
// the product of one derivative per layer (each computed by the kernel), for sigmoid,
// tanh and ReLU with the same pre-activation x at every layer.
import { activation_colors } from '../../charts/palette.js';
import { apply_translations, t } from '../../i18n/i18n.js';
import { format_cell } from '../../charts/chart_figure.js';
import { create_example_chart, figure_html, fill_value_table, read_slider, slider_html } from './example_kit.js';

export const depth_activations = Object.freeze(['sigmoid', 'tanh', 'relu']);

// { name: [product after 1 layer, after 2, ..., after depth] }
export function depth_products(relu_lab, depth, x) {
    const out = {};
    for (const name of depth_activations) {
        const factors = relu_lab.derivative(name, new Float32Array(depth).fill(x));
        const products = [];
        let product = 1;
        for (let k = 0; k < depth; k++) {
            product *= factors[k];
            products.push(product);
        }
        out[name] = products;
    }
    return out;
}

export function mount_gradient_depth(container, { relu_lab }) {
    container.innerHTML = `<div class="learn-controls">
        ${slider_html('learn-depth-layers', 'learn.examples.gradient_depth.depth_label', { min: 1, max: 30, step: 1 })}
        ${slider_html('learn-depth-x', 'learn.examples.gradient_depth.x_label', { min: -3, max: 3, step: 0.1 })}
      </div>
      ${figure_html('learn-depth-chart', 'learn.examples.gradient_depth.caption')}
      <p class="learn-example-summary" id="learn-depth-summary" aria-live="polite"></p>`;
    apply_translations(container);
    const layers_input = container.querySelector('#learn-depth-layers');
    const x_input = container.querySelector('#learn-depth-x');
    layers_input.value = '10';
    x_input.value = '1';
    const chart = create_example_chart(container.querySelector('canvas'), {
        x_title_key: 'learn.examples.gradient_depth.axis_layers',
        y_title_key: 'learn.examples.gradient_depth.axis_factor',
        log_y: true,
    });
    const name = (a) => t(`explorer.names.${a}`);

    function refresh() {
        const depth = read_slider(layers_input);
        const x = read_slider(x_input);
        const products = depth_products(relu_lab, depth, x);
        const values = depth_activations.map((a) => `${name(a)} ${format_cell(products[a][depth - 1])}`).join(' · ');
        const summary = t('learn.examples.gradient_depth.summary', { layers: depth, x, values });
        chart.show({
            datasets: depth_activations.map((a) => ({
                label: name(a),
                color: activation_colors[a],
                data: products[a].map((y, k) => ({ x: k + 1, y })),
            })),
            summary,
            x_min: 1,
            x_max: Math.max(2, depth),
        });
        container.querySelector('#learn-depth-summary').textContent = summary;
        fill_value_table(
            container.querySelector('#learn-depth-chart-table'),
            [t('learn.examples.gradient_depth.axis_layers'), ...depth_activations.map(name)],
            products.relu.map((_, k) => [k + 1, ...depth_activations.map((a) => products[a][k])])
        );
    }
    layers_input.addEventListener('input', refresh);
    x_input.addEventListener('input', refresh);
    refresh();
    return {
        refresh,
        destroy: () => chart.destroy(),
        inputs: () => ({ depth: Number(layers_input.value), x: Math.fround(Number(x_input.value)) }),
    };
}
