// Inside one unit: a feature map (or a dense layer's units) enlarged, where a click or the
// arrow keys choose one output unit, and beside it how the network computed that unit:
// the input patch, the filter's weights, their products and sums, the bias, the
// pre-activation and what the activation made of it. The weights come from the trainer
// worker's current model; the arithmetic is unit_explanation.js's, and the engine's own
// values are shown next to it.
//
// create_unit_drill_down(element, { client, colours }) -> { open, refresh, close, is_open }
//   element: where the section goes; client: trainer_client.js; colours(): theme_colours.
//   open({ outputs, pair, channel, unit?, return_focus? }): outputs is a layer_outputs
//     answer, pair { before, after } (a conv2d or dense layer and its activation), channel
//     the map (conv2d), unit the selected unit's index in the layer's output (default: the
//     map's largest value), return_focus what Close gives the focus back to.
//   refresh(outputs, pair): the model or the digit changed: recompute the same unit.
import { apply_translations, format_number, t } from '../../i18n/i18n.js';
import { argmax, diverging_rgba, max_abs } from '../pixels/digit_pixels.js';
import { paint_pixels, rgb_css } from '../pixels/paint.js';
import { refusal_text } from '../refusal_text.js';
import {
    channels_by_influence,
    conv_unit_explanation,
    dense_unit_explanation,
    flat_index_position,
} from './unit_explanation.js';

const map_target_px = 224; // the enlarged map is drawn about this wide
const dense_row_units = 32;

// A dense layer's units drawn as rows of dense_row_units: { width, height } in units.
export function dense_grid(units) {
    const width = Math.min(dense_row_units, units);
    return { width, height: Math.ceil(units / width) };
}
const dense_top_inputs = 10;
const channels_listed = 5;

export const can_drill_down = (layer) => layer?.type === 'conv2d' || layer?.type === 'dense';

export function create_unit_drill_down(element, { client, colours }) {
    const root = document.createElement('section');
    root.className = 'insight-unit';
    root.hidden = true;
    root.innerHTML = template();
    element.appendChild(root);
    apply_translations(root);
    const $ = (selector) => root.querySelector(selector);
    const map = $('.insight-unit-map');

    const state = {
        outputs: null,
        pair: null,
        return_focus: null,
        channel: 0, // conv2d: the map; dense: 0
        row: 0,
        column: 0,
        input_channel: null, // conv2d with several input channels: the one whose patch is shown
        parameters: new Map(), // layer index -> { weights, bias } of state.outputs' model
        shown: 0, // counts renders, so a late answer for an older unit is dropped
    };

    const fmt = (v, digits = 3) => format_number(v, { maximum_fraction_digits: digits });
    const layer = () => state.pair.before;
    const is_dense = () => layer().type === 'dense';
    // The enlarged grid: a conv2d map, or a dense layer's units in rows.
    const grid_shape = () => {
        if (!is_dense()) return { width: layer().width, height: layer().height };
        return dense_grid(layer().channels);
    };
    const unit_index = () =>
        is_dense()
            ? state.row * grid_shape().width + state.column
            : (state.channel * layer().height + state.row) * layer().width + state.column;

    function open({ outputs, pair, channel = 0, unit = null, return_focus = null }) {
        state.return_focus = return_focus;
        state.outputs = outputs;
        state.pair = pair;
        state.parameters = new Map();
        state.channel = is_dense() ? 0 : channel;
        state.input_channel = null;
        const per_map = layer().height * layer().width;
        const begin = is_dense() ? 0 : state.channel * per_map;
        const values = layer().values.subarray(begin, begin + (is_dense() ? layer().channels : per_map));
        let chosen = unit === null ? argmax(values) : unit - begin;
        chosen = Math.min(Math.max(0, chosen), values.length - 1);
        const { width } = grid_shape();
        state.row = Math.floor(chosen / width);
        state.column = chosen % width;
        root.hidden = false;
        render();
        root.scrollIntoView?.({ block: 'nearest' });
        map.focus({ preventScroll: true });
    }

    function refresh(outputs, pair) {
        if (root.hidden) return;
        if (!pair || pair.before.name !== state.pair.before.name || !can_drill_down(pair.before)) return close();
        state.outputs = outputs;
        state.pair = pair;
        state.parameters = new Map();
        render();
    }

    function close() {
        root.hidden = true;
        state.pair = null;
    }

    $('[data-control="insight_unit_close"]').addEventListener('click', () => {
        const returning_to = state.return_focus;
        close();
        if (returning_to?.isConnected) returning_to.focus();
    });

    // --- choosing a unit: click or arrow keys ----------------------------------------------
    map.addEventListener('click', (event) => {
        const { width, height } = grid_shape();
        const box = map.getBoundingClientRect();
        const column = Math.floor(((event.clientX - box.left) / box.width) * width);
        const row = Math.floor(((event.clientY - box.top) / box.height) * height);
        select(row, column);
    });
    map.addEventListener('keydown', (event) => {
        const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
        const move = moves[event.key];
        if (!move) return;
        event.preventDefault();
        select(state.row + move[0], state.column + move[1]);
    });

    function select(row, column) {
        const { width, height } = grid_shape();
        row = Math.min(Math.max(0, row), height - 1);
        column = Math.min(Math.max(0, column), width - 1);
        if (is_dense() && row * width + column >= layer().channels) return; // the last row's gap
        state.row = row;
        state.column = column;
        render();
    }

    $('[data-control="insight_unit_channel"]').addEventListener('change', (event) => {
        state.input_channel = Number(event.target.value);
        render();
    });

    // --- drawing ------------------------------------------------------------------------------
    function draw_map() {
        const { width, height } = grid_shape();
        const before = layer();
        const per_map = before.height * before.width;
        const values = new Float32Array(width * height);
        if (is_dense()) values.set(before.values);
        else values.set(before.values.subarray(state.channel * per_map, (state.channel + 1) * per_map));
        const c = colours();
        const scale = Math.max(4, Math.floor(map_target_px / width));
        const context = paint_pixels(
            map,
            diverging_rgba(values, max_abs(before.values), c.negative, c.paper, c.positive),
            width,
            height,
            scale
        );
        context.strokeStyle = rgb_css(c.mark);
        context.lineWidth = 2;
        context.strokeRect(state.column * scale + 1, state.row * scale + 1, scale - 2, scale - 2);
        map.setAttribute(
            'aria-label',
            is_dense()
                ? t('trainer_insight.unit_dense_map_label', { units: before.channels, name: before.name })
                : t('trainer_insight.unit_map_label', {
                      channel: state.channel + 1,
                      name: before.name,
                      height: before.height,
                      width: before.width,
                  })
        );
    }

    async function parameters_of(index) {
        if (!state.parameters.has(index)) state.parameters.set(index, client.request('layer_parameters', { index }));
        return state.parameters.get(index);
    }

    async function render() {
        const shown = ++state.shown;
        $('.insight-unit-steps').dataset.ready = 'false'; // until this unit's numbers are in
        const before = layer();
        draw_map();
        $('.insight-unit-title').textContent = is_dense()
            ? t('trainer_insight.unit_title_dense', { unit: unit_index() + 1, name: before.name })
            : t('trainer_insight.unit_title_conv', {
                  row: state.row + 1,
                  column: state.column + 1,
                  channel: state.channel + 1,
                  name: before.name,
              });
        const parameters = await parameters_of(before.index);
        if (shown !== state.shown || root.hidden) return;
        if (!parameters?.ok) {
            $('.insight-unit-steps').dataset.ready = 'false';
            $('.insight-unit-sum').textContent = refusal_text(parameters);
            return;
        }
        const input = before.index === 0 ? state.outputs.input : state.outputs.layers[before.index - 1].values;
        const explanation = is_dense()
            ? dense_unit_explanation({
                  layer: before,
                  input,
                  weights: parameters.weights,
                  bias: parameters.bias,
                  unit: unit_index(),
                  top: dense_top_inputs,
              })
            : conv_unit_explanation({
                  layer: before,
                  input,
                  weights: parameters.weights,
                  bias: parameters.bias,
                  channel: state.channel,
                  row: state.row,
                  column: state.column,
              });
        if (is_dense()) render_dense(explanation);
        else render_conv(explanation);
        render_totals(explanation);
    }

    function render_conv(explanation) {
        $('.insight-unit-dense').replaceChildren();
        const ranked = channels_by_influence(explanation);
        const several = explanation.in_channels > 1;
        if (state.input_channel === null || state.input_channel >= explanation.in_channels)
            state.input_channel = ranked[0].channel;
        const picker = $('.insight-unit-channel-picker');
        picker.hidden = !several;
        if (several) {
            const select = $('[data-control="insight_unit_channel"]');
            select.replaceChildren(
                ...ranked.map(
                    (p) =>
                        new Option(
                            t('trainer_insight.unit_channel_option', { channel: p.channel + 1, sum: fmt(p.sum) }),
                            String(p.channel)
                        )
                )
            );
            select.value = String(state.input_channel);
            const listed = ranked.slice(0, channels_listed);
            $('.insight-unit-channels').textContent = t('trainer_insight.unit_channels_note', {
                channels: explanation.in_channels,
                name: state.outputs.layers[layer().index - 1]?.name ?? '',
                largest: listed
                    .map((p) => t('trainer_insight.unit_channel_sum', { channel: p.channel + 1, sum: fmt(p.sum) }))
                    .join('; '),
            });
        } else $('.insight-unit-channels').textContent = '';
        const patch = explanation.patches[state.input_channel];
        const k = explanation.kernel_size;
        const grids = $('.insight-unit-grids');
        grids.replaceChildren(
            number_grid('inputs', t('trainer_insight.unit_patch_title', { size: k }), patch.inputs, k),
            number_grid('weights', t('trainer_insight.unit_weights_title'), patch.weights, k),
            number_grid('products', t('trainer_insight.unit_products_title'), patch.products, k)
        );
        const padded = patch.inputs.some((v) => v === null);
        $('.insight-unit-grid-note').textContent = [
            several
                ? t('trainer_insight.unit_patch_sum_channel', { channel: patch.channel + 1, sum: fmt(patch.sum, 4) })
                : t('trainer_insight.unit_patch_sum', { sum: fmt(patch.sum, 4) }),
            padded ? t('trainer_insight.unit_padding_note') : '',
        ]
            .filter(Boolean)
            .join(' ');
    }

    function number_grid(kind, title, values, k) {
        const table = document.createElement('table');
        table.className = 'insight-unit-grid';
        table.dataset.grid = kind;
        const caption = document.createElement('caption');
        caption.textContent = title;
        table.appendChild(caption);
        const body = document.createElement('tbody');
        for (let y = 0; y < k; y++) {
            const tr = document.createElement('tr');
            for (let x = 0; x < k; x++) {
                const v = values[y * k + x];
                const td = document.createElement('td');
                if (v === null) {
                    td.textContent = '·';
                    td.className = 'insight-unit-padding';
                    td.title = t('trainer_insight.unit_padding_cell');
                } else {
                    td.textContent = fmt(v + 0); // + 0: a product of 0 and a negative weight is -0
                    td.dataset.value = String(v);
                }
                tr.appendChild(td);
            }
            body.appendChild(tr);
        }
        table.appendChild(body);
        return table;
    }

    function render_dense(explanation) {
        $('.insight-unit-grids').replaceChildren();
        $('.insight-unit-grid-note').textContent = '';
        $('.insight-unit-channels').textContent = '';
        $('.insight-unit-channel-picker').hidden = true;
        const source = state.outputs.layers[layer().index - 1];
        // A flattened map: name each input by its place in that map.
        const flattened = source?.type === 'flatten' ? state.outputs.layers[layer().index - 2] : null;
        const table = document.createElement('table');
        table.className = 'insight-unit-contributions';
        const caption = document.createElement('caption');
        caption.textContent = t('trainer_insight.unit_dense_top', {
            count: explanation.contributions.length,
            inputs: format_number(explanation.inputs),
        });
        const head = document.createElement('thead');
        head.innerHTML =
            '<tr><th scope="col"></th><th scope="col"></th><th scope="col"></th><th scope="col"></th></tr>';
        const headers = ['unit_col_input', 'unit_col_value', 'unit_col_weight', 'unit_col_product'];
        head.querySelectorAll('th').forEach((th, i) => (th.textContent = t(`trainer_insight.${headers[i]}`)));
        const body = document.createElement('tbody');
        for (const c of explanation.contributions) {
            const tr = document.createElement('tr');
            const where = flat_index_position(c.index, flattened);
            const name = where
                ? t('trainer_insight.unit_input_in_map', {
                      index: c.index + 1,
                      channel: where.channel + 1,
                      row: where.row + 1,
                      column: where.column + 1,
                  })
                : t('trainer_insight.unit_input', { index: c.index + 1 });
            const th = document.createElement('th');
            th.scope = 'row';
            th.textContent = name;
            tr.appendChild(th);
            for (const v of [c.input, c.weight, c.product]) {
                const td = document.createElement('td');
                td.textContent = fmt(v);
                td.dataset.value = String(v);
                tr.appendChild(td);
            }
            body.appendChild(tr);
        }
        table.append(caption, head, body);
        const rest = document.createElement('p');
        rest.className = 'insight-caption';
        rest.textContent = t('trainer_insight.unit_dense_rest', {
            count: format_number(explanation.rest_count),
            sum: fmt(explanation.rest_sum),
        });
        $('.insight-unit-dense').replaceChildren(table, rest);
    }

    function render_totals(explanation) {
        const index = unit_index();
        const engine_before = layer().values[index];
        const engine_after = state.pair.after.values[index];
        const sum_line = $('.insight-unit-sum');
        sum_line.textContent = t('trainer_insight.unit_sum_line', {
            sum: fmt(explanation.sum, 4),
            bias: fmt(explanation.bias, 4),
            pre_activation: fmt(explanation.pre_activation, 4),
        });
        sum_line.dataset.preActivation = String(explanation.pre_activation);
        const activation = $('.insight-unit-activation');
        activation.textContent = t('trainer_insight.unit_activation_line', {
            activation: state.pair.after.activation
                ? t(`explorer.names.${state.pair.after.activation}`)
                : state.pair.after.name,
            pre_activation: fmt(engine_before, 4),
            output: fmt(engine_after, 4),
        });
        activation.dataset.output = String(engine_after);
        const engine = $('.insight-unit-engine');
        engine.textContent = t('trainer_insight.unit_engine_line', {
            pre_activation: format_number(engine_before, { maximum_fraction_digits: 7 }),
            difference: format_number(Math.abs(explanation.pre_activation - engine_before), {
                maximum_fraction_digits: 9,
            }),
        });
        engine.dataset.engine = String(engine_before);
        const steps = $('.insight-unit-steps');
        steps.dataset.unit = String(index);
        steps.dataset.ready = 'true';
    }

    return { open, refresh, close, is_open: () => !root.hidden };
}

function template() {
    return `
  <h5 class="insight-unit-title" tabindex="-1"></h5>
  <p class="insight-explain" data-i18n="trainer_insight.unit_intro"></p>
  <div class="insight-unit-body">
    <canvas class="insight-unit-map" tabindex="0" width="224" height="224"></canvas>
    <div class="insight-unit-steps" data-ready="false">
      <label class="insight-unit-channel-picker" hidden><span data-i18n="trainer_insight.unit_channel_picker"></span>
        <select data-control="insight_unit_channel"></select></label>
      <p class="insight-unit-channels"></p>
      <div class="insight-unit-grids"></div>
      <p class="insight-unit-grid-note insight-caption"></p>
      <div class="insight-unit-dense"></div>
      <p class="insight-unit-sum" role="status" aria-live="polite"></p>
      <p class="insight-unit-activation"></p>
      <p class="insight-unit-engine insight-caption"></p>
    </div>
  </div>
  <button type="button" data-control="insight_unit_close" data-i18n="trainer_insight.unit_close"></button>`;
}
