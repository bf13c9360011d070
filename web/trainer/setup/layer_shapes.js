// Each layer's output shape and parameter count beside it in the layer editor (26 × 26 × 64,
// 640 parameters), then the Flatten, the output layer and the totals: the numbers the quiz
// asks about, for the network the learner is editing. The C++ core plans the network
// without allocating it (plan_network in web/bridge/trainer.js), so these are the numbers
// the trainer will use.
import { error_message } from '../../bridge/error_message.js';
import { plan_network } from '../../bridge/trainer.js';
import { format_number, t } from '../../i18n/i18n.js';
import { check_plan, plan_to_config } from '../trainer_state.js';

const editor_types = new Set(['conv2d', 'max_pool2d', 'dense']);

// The planned network's layers (conv2d, activation, max_pool2d, flatten, dense, ...) ->
// { rows: [{ shape: [height, width, channels] | [units], parameters }] one per editor
// row, flatten: values after Flatten, head: { units, parameters } }. An activation layer
// belongs to the row before it (PReLU's slopes are parameters of that row).
export function shape_rows(network_layers) {
    const rows = [];
    let flatten = null;
    for (const l of network_layers) {
        const size = l.channels * l.height * l.width;
        const shape = flatten === null ? [l.height, l.width, l.channels] : [size];
        if (editor_types.has(l.type)) rows.push({ shape, parameters: l.parameters });
        else if (l.type === 'flatten') flatten = size;
        else if (rows.length > 0) {
            rows.at(-1).parameters += l.parameters;
            rows.at(-1).shape = shape;
        }
    }
    const head = rows.pop();
    return { rows, flatten, head: head ? { units: head.shape[0], parameters: head.parameters } : null };
}

export function shape_text(shape) {
    return shape.map((n) => format_number(n)).join(' × ');
}

export function create_layer_shapes({ $, state, relu_lab }) {
    const list = $('.layer-list');
    const summary = $('.layer-summary');

    function clear() {
        for (const cell of list.querySelectorAll('.layer-shape')) cell.textContent = '';
        summary.textContent = '';
    }

    function render() {
        // A field showing a refused value: the plan still holds the last good one, which
        // is not what the learner sees, so no numbers until it is fixed.
        const layer_field_refused = [...state.invalid_fields].some((key) => key.startsWith('layer:'));
        if (layer_field_refused || check_plan(state.plan, relu_lab).length > 0) return clear();
        const planned = plan_network(relu_lab, plan_to_config(state.plan, relu_lab));
        if (!planned.ok) {
            clear();
            summary.textContent = error_message(planned);
            return;
        }
        const { rows, flatten, head } = shape_rows(planned.layers);
        list.querySelectorAll('.layer-row').forEach((row, i) => {
            const r = rows[i];
            const cell = row.querySelector('.layer-shape');
            if (!r || !cell) return;
            cell.textContent =
                r.parameters > 0
                    ? t('trainer.layer_shape', { shape: shape_text(r.shape), parameters: r.parameters })
                    : t('trainer.layer_shape_no_parameters', { shape: shape_text(r.shape) });
        });
        summary.textContent = t('trainer.layer_summary', {
            flatten: flatten ?? 0,
            classes: head?.units ?? 0,
            head: head?.parameters ?? 0,
            total: planned.parameters,
            memory_mb: format_number(planned.memory_bytes / 1e6, { maximum_fraction_digits: 1 }),
        });
    }

    return { render };
}
