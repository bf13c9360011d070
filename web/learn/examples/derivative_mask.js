// Chapter 2: backpropagation through ReLU as a mask. The learner's pre-activations and
// upstream gradient go through the kernels: relu'(x), then the gradient passed on to x.
import { parse_vector } from '../../common/number_input.js';
import { apply_translations, t } from '../../i18n/i18n.js';
import { fill_row_table } from './example_kit.js';

export function mount_derivative_mask(container, { relu_lab }) {
    container.innerHTML = `
      <div class="learn-vector-fields">
        <label for="learn-mask-x" data-i18n="learn.examples.derivative_mask.x_label"></label>
        <input type="text" id="learn-mask-x" class="learn-vector-input" spellcheck="false" autocomplete="off" aria-describedby="learn-mask-error">
        <label for="learn-mask-dy" data-i18n="learn.examples.derivative_mask.dy_label"></label>
        <input type="text" id="learn-mask-dy" class="learn-vector-input" spellcheck="false" autocomplete="off" aria-describedby="learn-mask-error">
      </div>
      <p class="field-error" id="learn-mask-error" role="alert" hidden></p>
      <div class="table-scroll"><table id="learn-mask-table" class="learn-vector-table"></table></div>`;
    apply_translations(container);
    const x_input = container.querySelector('#learn-mask-x');
    const dy_input = container.querySelector('#learn-mask-dy');
    const error = container.querySelector('#learn-mask-error');
    const table = container.querySelector('table');
    x_input.value = '-2, -0.5, 0, 1.5, 3';
    dy_input.value = '0.4, -1, 2, -0.7, 1.2';
    let shown = { x: [], dy: [] };

    function show_error(input, text) {
        error.hidden = !text;
        error.textContent = text ?? '';
        for (const field of [x_input, dy_input]) {
            if (field === input && text) field.setAttribute('aria-invalid', 'true');
            else field.removeAttribute('aria-invalid');
        }
    }

    function refresh() {
        const x = parse_vector(x_input.value);
        if (x.error) return show_error(x_input, t(x.error.key, x.error.params));
        const dy = parse_vector(dy_input.value);
        if (dy.error) return show_error(dy_input, t(dy.error.key, dy.error.params));
        if (dy.values.length !== x.values.length)
            return show_error(dy_input, t('learn.examples.derivative_mask.error_lengths', { count: x.values.length }));
        show_error(null, null);
        const xs = Float32Array.from(x.values);
        const dys = Float32Array.from(dy.values);
        shown = { x: Array.from(xs), dy: Array.from(dys) };
        fill_row_table(table, [
            ['x', ...xs],
            [t('learn.examples.derivative_mask.mask'), ...relu_lab.derivative('relu', xs)],
            [t('learn.examples.derivative_mask.dy_label'), ...dys],
            [t('learn.examples.derivative_mask.dx'), ...relu_lab.backward('relu', xs, dys)],
        ]);
        return undefined;
    }
    x_input.addEventListener('input', refresh);
    dy_input.addEventListener('input', refresh);
    refresh();
    return { refresh, destroy() {}, inputs: () => shown };
}
