// Chapter 2: the derivative at each kink as the kernels compute it now, beside the value
// PyTorch and TensorFlow define in their source code (a convention each, not maths).
import { apply_translations, format_number, t } from '../../i18n/i18n.js';
import { fill_value_table } from './example_kit.js';

// SELU's constants (Klambauer et al. 2017), for the framework columns.
const selu_lambda = 1.0507009873554805;
const selu_alpha = 1.6732632423543772;

// name, param, x, and per framework [value, side]: which branch's value it takes.
export const kinks = Object.freeze([
    { name: 'relu', param: undefined, x: 0, pytorch: [0, 'left'], tensorflow: [0, 'left'] },
    { name: 'leaky_relu', param: 0.01, x: 0, pytorch: [0.01, 'left'], tensorflow: [0.01, 'left'] },
    { name: 'relu6', param: undefined, x: 6, pytorch: [0, 'right'], tensorflow: [0, 'right'] },
    {
        name: 'selu',
        param: undefined,
        x: 0,
        pytorch: [selu_lambda * selu_alpha, 'left'],
        tensorflow: [selu_lambda, 'right'],
    },
]);

export function mount_kink_conventions(container, { relu_lab }) {
    container.innerHTML = `<div class="table-scroll"><table id="learn-kinks-table" class="learn-table">
        <caption data-i18n="learn.chapters.derivative.conventions_caption"></caption></table></div>`;
    apply_translations(container);
    const table = container.querySelector('table');
    let values = [];

    function refresh() {
        const caption = table.querySelector('caption');
        values = kinks.map((k) => relu_lab.derivative(k.name, new Float32Array([k.x]), k.param)[0]);
        const side = ([value, which]) =>
            `${format_number(value, { maximum_fraction_digits: 4 })} (${t(`learn.examples.kink_conventions.side_${which}`)})`;
        const point = (k) =>
            `${t(`explorer.names.${k.name}`)}′(${format_number(k.x)})${k.param === undefined ? '' : `, a = ${format_number(k.param)}`}`;
        fill_value_table(
            table,
            [
                t('learn.examples.kink_conventions.col_point'),
                t('learn.examples.kink_conventions.col_kernels'),
                t('learn.examples.kink_conventions.col_pytorch'),
                t('learn.examples.kink_conventions.col_tensorflow'),
            ],
            kinks.map((k, i) => [point(k), values[i], side(k.pytorch), side(k.tensorflow)])
        );
        table.prepend(caption);
    }
    refresh();
    return {
        refresh,
        destroy() {},
        inputs: () => ({ kinks: kinks.map(({ name, param, x }) => ({ name, param, x })) }),
    };
}
