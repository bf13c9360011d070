// Chapter 7: the seed network's shapes and parameter counts, worked out layer by layer
// from the network as the C++ core defines it (the trainer's seed-keras preset).
import { preset_config } from '../../bridge/trainer.js';
import { apply_translations, format_number, t } from '../../i18n/i18n.js';
import { fill_value_table } from './example_kit.js';

// config (the C++ config: input_height/width/channels, classes, layers) -> one row per
// layer: { code, shape: [h, w, c] or [n], parameters, how } where `how` is the
// arithmetic behind the count, and the total. A dense layer's `activation` is what
// follows its weighted sums (softmax at the output).
export function layer_table(config) {
    let shape = [config.input_height, config.input_width, config.input_channels];
    const rows = [];
    const n = (v) => format_number(v);
    for (const layer of config.layers) {
        const activation = layer.activation ? `, activation="${layer.activation}"` : '';
        if (layer.type === 'conv2d') {
            const [h, w, c] = shape;
            const k = layer.kernel_size;
            const same = layer.padding === 'same';
            shape = [same ? h : h - k + 1, same ? w : w - k + 1, layer.units];
            rows.push({
                code: `Conv2D(${layer.units}, (${k}, ${k})${activation})`,
                shape,
                parameters: layer.units * (k * k * c + 1),
                how: `${n(layer.units)} · (${k} · ${k} · ${n(c)} + 1)`,
            });
        } else if (layer.type === 'max_pool2d') {
            const p = layer.pool_size;
            shape = [Math.floor(shape[0] / p), Math.floor(shape[1] / p), shape[2]];
            rows.push({ code: `MaxPooling2D((${p}, ${p}))`, shape, parameters: 0, how: '' });
        } else if (layer.type === 'flatten') {
            const size = shape.reduce((a, b) => a * b, 1);
            rows.push({
                code: 'Flatten()',
                shape: [size],
                parameters: 0,
                how: shape.length > 1 ? `${shape.map(n).join(' · ')} = ${n(size)}` : '',
            });
            shape = [size];
        } else if (layer.type === 'dense') {
            const inputs = shape.reduce((a, b) => a * b, 1);
            shape = [layer.units];
            rows.push({
                code: `Dense(${layer.units}${activation})`,
                shape,
                parameters: layer.units * (inputs + 1),
                how: `${n(layer.units)} · (${n(inputs)} + 1)`,
            });
        } else {
            rows.push({ code: layer.type, shape, parameters: 0, how: '' });
        }
    }
    return {
        rows,
        total: rows.reduce((sum, r) => sum + r.parameters, 0),
        input: [config.input_height, config.input_width, config.input_channels],
    };
}

export const shape_text = (shape) => shape.map((v) => format_number(v)).join('×');

export function mount_cnn_shapes(container, { relu_lab }) {
    container.innerHTML = `<div class="table-scroll"><table id="learn-shapes-table" class="learn-table"><caption data-i18n="learn.examples.cnn_shapes.caption"></caption></table></div>`;
    apply_translations(container);
    const table = container.querySelector('table');
    const preset = preset_config(relu_lab, 'seed-keras');
    const network = preset.ok ? layer_table(preset.config) : null;

    function refresh() {
        if (!network) return;
        const caption = table.querySelector('caption');
        const rows = [
            [t('learn.examples.cnn_shapes.input'), shape_text(network.input), '', ''],
            ...network.rows.map((r) => [r.code, shape_text(r.shape), r.parameters, r.how]),
            [t('learn.examples.cnn_shapes.total'), '', network.total, ''],
        ];
        fill_value_table(
            table,
            [
                t('learn.examples.cnn_shapes.col_layer'),
                t('learn.examples.cnn_shapes.col_shape'),
                t('learn.examples.cnn_shapes.col_parameters'),
                t('learn.examples.cnn_shapes.col_how'),
            ],
            rows,
            { format: (v) => format_number(v) }
        );
        table.prepend(caption);
    }
    refresh();
    return { refresh, destroy() {}, inputs: () => ({ network }) };
}
