// The layer editor: one row per layer between the fixed input and the fixed softmax head,
// with its fields, its activation (and that activation's parameter), and buttons to move
// or remove it. Numbers are text fields read with parse_number, so a decimal comma works
// and "abc" gets a message instead of silently becoming 0.
// view: the section's shared pieces; validation: field_validation.js; on_change(): the
// plan was edited.
import { shortest_float32_text } from '../../bridge/float32_text.js';
import { parse_number } from '../../common/number_input.js';
import { t } from '../../i18n/i18n.js';
import { layer_title } from '../layer_names.js';
import { check_number, limits } from '../trainer_state.js';
import { create_layer_shapes } from './layer_shapes.js';

// What a newly added layer starts as.
const new_layer = {
    conv2d: () => ({
        type: 'conv2d',
        filters: 16,
        kernel_size: 3,
        padding: 'same',
        activation: 'relu',
        activation_param: null,
    }),
    max_pool2d: () => ({ type: 'max_pool2d', pool_size: 2 }),
    dense: () => ({ type: 'dense', units: 64, activation: 'relu', activation_param: null }),
};

export function create_layer_editor(view, { validation, on_change }) {
    const { $, control, state, relu_lab } = view;
    const activations = relu_lab.activations;
    const shapes = create_layer_shapes(view);
    const { mark_field, show_validation } = validation;
    const list = $('.layer-list');

    function activation_options(selected) {
        const names = ['linear', ...activations.map((a) => a.name)];
        return names
            .map((name) => {
                const label = name === 'linear' ? t('trainer.activation_linear') : t(`explorer.names.${name}`);
                return `<option value="${name}"${name === selected ? ' selected' : ''}>${escape_html(label)}</option>`;
            })
            .join('');
    }

    function layer_row(layer, index, count) {
        const fields = [];
        const field = (name, label_key, value) => `
            <label class="layer-field"><span>${escape_html(t(label_key))}</span>
              <input type="text" inputmode="numeric" data-field="${name}" value="${escape_html(String(value))}" size="5"></label>`;
        if (layer.type === 'conv2d') {
            fields.push(field('filters', 'trainer.field_filters', layer.filters));
            fields.push(field('kernel_size', 'trainer.field_kernel', layer.kernel_size));
            fields.push(`<label class="layer-field"><span>${escape_html(t('trainer.field_padding'))}</span>
              <select data-field="padding"><option value="valid"${layer.padding === 'valid' ? ' selected' : ''}>valid</option><option value="same"${layer.padding === 'same' ? ' selected' : ''}>same</option></select></label>`); // i18n-exempt: Keras padding names
        } else if (layer.type === 'max_pool2d') {
            fields.push(field('pool_size', 'trainer.field_pool', layer.pool_size));
        } else {
            fields.push(field('units', 'trainer.field_units', layer.units));
        }
        if (layer.type !== 'max_pool2d') {
            fields.push(`<label class="layer-field"><span>${escape_html(t('trainer.field_activation'))}</span>
              <select data-field="activation">${activation_options(layer.activation)}</select></label>`);
            const description = activations.find((a) => a.name === layer.activation);
            if (description?.param_name) {
                const value = shortest_float32_text(layer.activation_param ?? description.default_param);
                fields.push(`<label class="layer-field"><span>${escape_html(t(`explorer.params.${description.param_name}`))}</span>
                  <input type="text" inputmode="decimal" data-field="activation_param" value="${escape_html(value)}" size="5"></label>`);
            }
        }
        return `<li class="layer-row" data-index="${index}" data-type="${layer.type}">
          <span class="layer-title">${escape_html(layer_title(index, layer.type))}</span>
          <span class="layer-shape"></span>
          <span class="layer-fields">${fields.join('')}</span>
          <span class="layer-buttons">
            <button type="button" data-action="up" ${index === 0 ? 'disabled' : ''} aria-label="${escape_html(t('trainer.move_up_label', { number: index + 1 }))}">↑</button>
            <button type="button" data-action="down" ${index === count - 1 ? 'disabled' : ''} aria-label="${escape_html(t('trainer.move_down_label', { number: index + 1 }))}">↓</button>
            <button type="button" data-action="remove" aria-label="${escape_html(t('trainer.remove_label', { number: index + 1 }))}">✕</button>
          </span>
          <p class="field-error" hidden></p>
        </li>`;
    }

    // focus: { index, action } to put the focus back on after a move or removal.
    function render_layers(focus = null) {
        const layers = state.plan.layers;
        list.innerHTML = layers.map((l, i) => layer_row(l, i, layers.length)).join('');
        shapes.render();
        for (const key of [...state.invalid_fields]) if (key.startsWith('layer:')) state.invalid_fields.delete(key);
        if (focus) {
            const row = list.querySelector(`[data-index="${focus.index}"]`);
            (
                row?.querySelector(`[data-action="${focus.action}"]:not([disabled])`) ??
                row?.querySelector('button:not([disabled])')
            )?.focus();
        }
    }

    list.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-action]');
        if (!button) return;
        const index = Number(button.closest('.layer-row').dataset.index);
        const layers = state.plan.layers;
        const action = button.dataset.action;
        if (action === 'remove') layers.splice(index, 1);
        else {
            const other = action === 'up' ? index - 1 : index + 1;
            if (other < 0 || other >= layers.length) return;
            [layers[index], layers[other]] = [layers[other], layers[index]];
        }
        const focus_index =
            action === 'remove' ? Math.min(index, layers.length - 1) : action === 'up' ? index - 1 : index + 1;
        render_layers(focus_index >= 0 ? { index: focus_index, action } : null);
        if (layers.length === 0) control('add_layer').focus();
        on_change();
    });

    // The range a parameter field accepts: the activation's own, or the plan's limits.
    function field_error(layer, name, value) {
        if (name !== 'activation_param') return check_number(name, value, relu_lab);
        const d = activations.find((a) => a.name === layer.activation);
        if (value === null) return { key: 'trainer.error_not_a_number', params: {} };
        if (value < d.min_param || value > d.max_param)
            return { key: 'trainer.error_number_range', params: { min: d.min_param, max: d.max_param } };
        return null;
    }

    list.addEventListener('change', (event) => {
        const input = event.target.closest('[data-field]');
        if (!input) return;
        const row = input.closest('.layer-row');
        const index = Number(row.dataset.index);
        const layer = state.plan.layers[index];
        const name = input.dataset.field;
        if (name === 'padding') layer.padding = input.value;
        else if (name === 'activation') {
            layer.activation = input.value;
            layer.activation_param = null;
            const focus_activation = document.activeElement === input;
            row.outerHTML = layer_row(layer, index, state.plan.layers.length);
            const fresh = $(`.layer-row[data-index="${index}"]`);
            if (focus_activation) fresh.querySelector('[data-field="activation"]').focus();
        } else {
            const value = parse_number(input.value);
            const error = field_error(layer, name, value);
            mark_field(input, row.querySelector('.field-error'), `layer:${index}:${name}`, error);
            if (error) {
                show_validation();
                shapes.render();
                return;
            }
            layer[name] = value;
        }
        on_change();
    });

    control('add_layer').addEventListener('click', () => {
        const type = control('add_layer_type').value;
        const layers = state.plan.layers;
        if (layers.length >= limits.layers) {
            show_validation([{ key: 'trainer.error_too_many_layers', params: { max: limits.layers } }]);
            return;
        }
        // Image layers go before the first Dense layer, Dense layers at the end.
        const first_dense = layers.findIndex((l) => l.type === 'dense');
        const at = type === 'dense' || first_dense < 0 ? layers.length : first_dense;
        layers.splice(at, 0, new_layer[type]());
        render_layers(null);
        $(`.layer-row[data-index="${at}"] input, .layer-row[data-index="${at}"] select`)?.focus();
        on_change();
    });

    return { render_layers, render_shapes: shapes.render };
}

function escape_html(text) {
    return String(text).replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]
    );
}
