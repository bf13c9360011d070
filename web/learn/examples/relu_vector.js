// Chapter 1: a vector of the learner's through the ReLU kernel, element by element.
import { parse_vector } from '../../common/number_input.js';
import { apply_translations, t } from '../../i18n/i18n.js';
import { fill_row_table } from './example_kit.js';

export function mount_relu_vector(container, { relu_lab }) {
    container.innerHTML = `
      <label for="learn-relu-vector-input" data-i18n="learn.examples.relu_vector.label"></label>
      <input type="text" id="learn-relu-vector-input" class="learn-vector-input" spellcheck="false" autocomplete="off" aria-describedby="learn-relu-vector-error">
      <p class="field-error" id="learn-relu-vector-error" role="alert" hidden></p>
      <div class="table-scroll"><table id="learn-relu-vector-table" class="learn-vector-table"></table></div>`;
    apply_translations(container);
    const input = container.querySelector('input');
    const error = container.querySelector('.field-error');
    const table = container.querySelector('table');
    input.value = '-2, -1, 0, 1, 2';
    let x = [];

    function refresh() {
        const parsed = parse_vector(input.value);
        error.hidden = !parsed.error;
        error.textContent = parsed.error ? t(parsed.error.key, parsed.error.params) : '';
        if (parsed.error) {
            input.setAttribute('aria-invalid', 'true');
            return;
        }
        input.removeAttribute('aria-invalid');
        x = parsed.values;
        const y = relu_lab.forward('relu', Float32Array.from(x));
        fill_row_table(table, [
            ['x', ...Float32Array.from(x)],
            [`${t('explorer.names.relu')}(x)`, ...y],
        ]);
    }
    input.addEventListener('input', refresh);
    refresh();
    return { refresh, destroy() {}, inputs: () => ({ x: Array.from(Float32Array.from(x)) }) };
}
