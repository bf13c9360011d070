// The activation explorer: choose activations and parameters, see f and f' plotted,
// read exact values at any x, and look closely at one function (formulas, a worked
// vector example, special values). Every number shown comes from the wasm kernels.
import katex from 'katex';

import { apply_translations, format_number, on_language_change, t } from '../i18n/i18n.js';
import { create_curve_chart } from './curve_chart.js';
import { activation_swatch_svg, repaint_activation_swatches } from './line_swatch.js';
import { formulas } from './formulas.js';
import { parse_number, parse_vector } from '../common/number_input.js';
import { number_text, shortest_number, step_with_arrow_keys } from '../common/number_field.js';
import { fill_table } from '../charts/data_table.js';

const plot_points = 401;
const table_rows = 21;
const x_limit = 100;
const special_inputs = [0, -0, 1e-40, -1, 1, -1000, 1000, Infinity, -Infinity, NaN];
// At PyTorch's 0.01 Leaky ReLU lies on ReLU's line at this scale; 0.1 sets it visibly
// apart (the note beside the slider names Keras' 0.3 and PyTorch's 0.01).
const explorer_leaky_slope = 0.1;
// Below this width the grid is one column: secondary panels start closed.
const narrow_screen_query = '(max-width: 760px)';

export function mount_explorer(section, { relu_lab }) {
    const descriptions = new Map(relu_lab.activations.map((a) => [a.name, a]));
    const state = {
        selected: new Set(['relu', 'leaky_relu', 'sigmoid', 'tanh']),
        params: Object.fromEntries(
            relu_lab.activations
                .filter((a) => a.param_name)
                .map((a) => [a.name, a.name === 'leaky_relu' ? explorer_leaky_slope : a.default_param])
        ),
        x_min: -5,
        x_max: 5,
        show_f: true,
        show_df: true,
        probe_x: 1,
        focus: 'relu',
        vector_text: '-2, -1, 0, 1, 2',
    };

    section.querySelector('.loading')?.remove();
    const root = document.createElement('div');
    root.className = 'explorer';
    root.innerHTML = template(relu_lab.activations);
    section.appendChild(root);
    apply_translations(root);
    if (globalThis.matchMedia?.(narrow_screen_query).matches)
        for (const details of root.querySelectorAll('details.explorer-panel')) details.open = false;
    const $ = (selector) => root.querySelector(selector);
    // Enter in a field applies it; it never submits (and reloads) the page.
    $('.explorer-controls').addEventListener('submit', (event) => event.preventDefault());

    // On narrow screens the figure sticks under the navigation; controls scrolled into
    // view (by focus or a jump) keep clear of it.
    const figure = $('.explorer-figure');
    globalThis.ResizeObserver &&
        new ResizeObserver(() =>
            root.style.setProperty('--explorer-figure-height', `${figure.offsetHeight}px`)
        ).observe(figure);

    const curve_chart = create_curve_chart($('#explorer-chart'), {
        legend_element: $('#explorer-legend'),
        on_hover_x(x) {
            set_probe(x);
        },
    });

    // --- controls -------------------------------------------------------------
    for (const box of root.querySelectorAll('input[name="activation"]')) {
        box.checked = state.selected.has(box.value);
        box.addEventListener('change', () => {
            if (box.checked) state.selected.add(box.value);
            else state.selected.delete(box.value);
            render_plot();
            render_formulas();
        });
    }

    // Number fields are text fields in the page's language (common/number_field.js). A
    // field showing an error keeps what the learner typed; the others are re-shown, with
    // the messages, when the language changes.
    const number_field_refreshers = [];
    for (const row of root.querySelectorAll('.param-row')) {
        const name = row.dataset.activation;
        const description = descriptions.get(name);
        const slider = row.querySelector('input[type="range"]');
        const number = row.querySelector(`#param-${name}`);
        const message = row.querySelector('.field-error');
        let error = null;
        const show_error = (problem) => {
            error = problem;
            show_field_error(number, message, problem);
        };
        slider.value = String(shortest_number(state.params[name]));
        number.value = number_text(state.params[name]);
        const apply = (value, source) => {
            state.params[name] = value;
            if (source !== slider) slider.value = String(shortest_number(value));
            number.value = number_text(value);
            show_error(null);
            render_plot();
            render_focus();
        };
        slider.addEventListener('input', () => apply(Number(slider.value), slider));
        number.addEventListener('change', () => {
            const value = parse_number(number.value);
            if (value === null || value < description.min_param || value > description.max_param) {
                show_error({
                    key: 'explorer.error_param_range',
                    params: { min: description.min_param, max: description.max_param },
                });
                return;
            }
            apply(value, number);
        });
        number_field_refreshers.push(() => {
            if (error) show_error(error);
            else number.value = number_text(state.params[name]);
        });
    }

    const x_min_input = $('#explorer-x-min');
    const x_max_input = $('#explorer-x-max');
    const range_message = $('#explorer-range-error');
    let range_error = null;
    const show_range = () => {
        x_min_input.value = number_text(state.x_min);
        x_max_input.value = number_text(state.x_max);
    };
    show_range();
    const apply_range = () => {
        const lo = parse_number(x_min_input.value);
        const hi = parse_number(x_max_input.value);
        if (lo === null || hi === null || lo >= hi || lo < -x_limit || hi > x_limit) {
            range_error = {
                input: lo === null || lo < -x_limit ? x_min_input : x_max_input,
                problem: { key: 'explorer.error_range', params: { limit: x_limit } },
            };
            show_field_error(range_error.input, range_message, range_error.problem);
            return;
        }
        range_error = null;
        show_field_error(x_min_input, range_message, null);
        show_field_error(x_max_input, range_message, null);
        state.x_min = lo;
        state.x_max = hi;
        show_range();
        state.probe_x = Math.min(hi, Math.max(lo, state.probe_x));
        probe_slider.min = String(lo);
        probe_slider.max = String(hi);
        render_plot();
    };
    for (const [input, key] of [
        [x_min_input, 'x_min'],
        [x_max_input, 'x_max'],
    ]) {
        input.addEventListener('change', apply_range);
        // No slider beside these: the arrow keys step by 1, as they did in a number field.
        step_with_arrow_keys(input, { step: 1 }, { current: () => state[key], on_step: apply_range });
    }
    number_field_refreshers.push(() => {
        if (range_error) show_field_error(range_error.input, range_message, range_error.problem);
        else show_range();
    });

    for (const [id, key] of [
        ['#explorer-show-f', 'show_f'],
        ['#explorer-show-df', 'show_df'],
    ]) {
        const box = $(id);
        box.checked = state[key];
        box.addEventListener('change', () => {
            state[key] = box.checked;
            render_plot();
        });
    }

    const probe_input = $('#explorer-probe-x');
    const probe_slider = $('#explorer-probe-slider');
    probe_slider.min = String(state.x_min);
    probe_slider.max = String(state.x_max);
    probe_slider.step = '0.01';
    // Out of the range it is clamped (set_probe); not a number, the field shows x again.
    probe_input.addEventListener('change', () => {
        const value = parse_number(probe_input.value);
        if (value !== null) set_probe(value);
        else probe_input.value = number_text(state.probe_x);
    });
    probe_slider.addEventListener('input', () => set_probe(Number(probe_slider.value)));

    const focus_select = $('#explorer-focus');
    focus_select.value = state.focus;
    focus_select.addEventListener('change', () => {
        state.focus = focus_select.value;
        render_focus();
    });

    const vector_input = $('#explorer-vector-input');
    vector_input.value = state.vector_text;
    vector_input.addEventListener('input', () => {
        state.vector_text = vector_input.value;
        render_vector_example();
    });

    // --- computing ------------------------------------------------------------
    function grid(lo, hi, count) {
        const xs = new Float32Array(count);
        for (let i = 0; i < count; i++) xs[i] = lo + ((hi - lo) * i) / (count - 1);
        return xs;
    }

    function curves(xs) {
        return [...state.selected]
            .filter((n) => descriptions.has(n))
            .map((name) => ({
                name,
                xs,
                f: relu_lab.forward(name, xs, state.params[name]),
                df: relu_lab.derivative(name, xs, state.params[name]),
            }));
    }

    function label(name) {
        return t(`explorer.names.${name}`);
    }

    // --- rendering ------------------------------------------------------------
    function render_plot() {
        const series = curves(grid(state.x_min, state.x_max, plot_points));
        const bounds = [];
        if (state.show_df && state.selected.has('sigmoid'))
            bounds.push({ y: 0.25, label_key: 'explorer.bound_sigmoid' });
        if (state.show_df && state.selected.has('tanh')) bounds.push({ y: 1, label_key: 'explorer.bound_tanh' });
        curve_chart.show({
            series,
            show_f: state.show_f,
            show_df: state.show_df,
            x_min: state.x_min,
            x_max: state.x_max,
            probe_x: state.probe_x,
            bounds,
        });
        $('#explorer-chart').setAttribute('aria-label', chart_summary(series));
        $('#explorer-empty').hidden = series.length > 0;
        // The caption's sentence on the grey bound lines only while they are drawn.
        $('#explorer-bounds-caption').hidden = bounds.length === 0;
        render_table();
        render_probe();
    }

    function chart_summary(series) {
        if (series.length === 0) return t('explorer.chart_empty');
        return t('explorer.chart_summary', {
            names: series.map((s) => label(s.name)).join(', '),
            x_min: state.x_min,
            x_max: state.x_max,
        });
    }

    function render_table() {
        const xs = grid(state.x_min, state.x_max, table_rows);
        const series = curves(xs);
        const head = ['x'];
        for (const s of series) {
            if (state.show_f) head.push(`${label(s.name)}: f(x)`);
            if (state.show_df) head.push(`${label(s.name)}: f′(x)`);
        }
        const rows = [];
        for (let i = 0; i < xs.length; i++) {
            const cells = [xs[i]];
            for (const s of series) {
                if (state.show_f) cells.push(s.f[i]);
                if (state.show_df) cells.push(s.df[i]);
            }
            rows.push(cells);
        }
        fill_table($('#explorer-table'), head, rows, format_number);
    }

    function set_probe(x) {
        if (!Number.isFinite(x)) return;
        state.probe_x = Math.min(state.x_max, Math.max(state.x_min, Math.round(x * 1000) / 1000));
        curve_chart.chart.options.plugins.probe_line.x = state.probe_x;
        curve_chart.chart.update('none');
        render_probe();
    }

    function render_probe() {
        probe_input.value = number_text(state.probe_x);
        probe_slider.value = String(state.probe_x);
        const x = new Float32Array([state.probe_x]);
        const parts = [];
        for (const name of state.selected) {
            if (!descriptions.has(name)) continue;
            const f = relu_lab.forward(name, x, state.params[name])[0];
            const df = relu_lab.derivative(name, x, state.params[name])[0];
            parts.push(t('explorer.readout_item', { name: label(name), f: format_number(f), df: format_number(df) }));
        }
        $('#explorer-readout').textContent = parts.length
            ? `x = ${format_number(state.probe_x)} — ${parts.join(' · ')}`
            : t('explorer.chart_empty');
    }

    function render_formulas() {
        const container = $('#explorer-formulas');
        container.replaceChildren();
        for (const name of state.selected) {
            const card = document.createElement('article');
            card.className = 'formula-card';
            card.innerHTML = `<h3></h3><div class="formula"></div><div class="formula"></div><p class="formula-note"></p>`;
            card.querySelector('h3').textContent =
                label(name) + (descriptions.get(name).core ? '' : ` (${t('explorer.beyond_core_short')})`);
            const [f_box, df_box] = card.querySelectorAll('.formula');
            katex.render(formulas[name].f, f_box, { throwOnError: false, displayMode: true });
            katex.render(formulas[name].df, df_box, { throwOnError: false, displayMode: true });
            card.querySelector('.formula-note').textContent = t(`explorer.notes.${name}`);
            container.appendChild(card);
        }
    }

    function render_focus() {
        render_vector_example();
        render_special_values();
    }

    function render_vector_example() {
        const output = $('#explorer-vector-output');
        const error = $('#explorer-vector-error');
        const parsed = parse_vector(state.vector_text);
        if (parsed.error) {
            show_field_error(vector_input, error, parsed.error);
            output.textContent = '';
            return;
        }
        show_field_error(vector_input, error, null);
        const x = Float32Array.from(parsed.values);
        const y = relu_lab.forward(state.focus, x, state.params[state.focus]);
        const dy = relu_lab.derivative(state.focus, x, state.params[state.focus]);
        const list = (values) => `[${Array.from(values, (v) => format_number(v)).join('; ')}]`;
        output.textContent = `${state.focus}(${list(x)}) = ${list(y)}\n${state.focus}′(${list(x)}) = ${list(dy)}`;
    }

    function render_special_values() {
        const x = Float32Array.from(special_inputs);
        const y = relu_lab.forward(state.focus, x, state.params[state.focus]);
        const dy = relu_lab.derivative(state.focus, x, state.params[state.focus]);
        const rows = special_inputs.map((v, i) => [v, y[i], dy[i]]);
        fill_table($('#explorer-special-table'), ['x', 'f(x)', 'f′(x)'], rows, format_number);
        $('#explorer-special-note').textContent = t(`explorer.notes.${state.focus}`);
    }

    function render_all() {
        render_plot();
        render_formulas();
        render_focus();
    }

    on_language_change(() => {
        for (const refresh of number_field_refreshers) refresh();
        render_all();
    });
    // The chart reads its colours from CSS; redraw when the colour scheme flips.
    globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
        repaint_activation_swatches(root);
        render_plot();
    });
    render_all();

    return {
        state_snapshot: () => JSON.parse(JSON.stringify({ ...state, selected: [...state.selected] })),
        chart: curve_chart.chart,
        activations: () => [...descriptions.keys()],
        // Shows exactly these activations, the first in focus (links such as
        // #explorer/sigmoid,tanh from Learn); unknown names are refused as a whole.
        show_activations(names) {
            if (!Array.isArray(names) || names.length === 0 || !names.every((n) => descriptions.has(n))) return false;
            state.selected = new Set(names);
            for (const box of root.querySelectorAll('input[name="activation"]'))
                box.checked = state.selected.has(box.value);
            state.focus = names[0];
            focus_select.value = state.focus;
            render_all();
            return true;
        },
    };
}

function show_field_error(input, message_element, error) {
    if (error) {
        input.setAttribute('aria-invalid', 'true');
        message_element.textContent = t(error.key, error.params);
        message_element.hidden = false;
    } else {
        input.removeAttribute('aria-invalid');
        message_element.hidden = true;
        message_element.textContent = '';
    }
}

// Static structure; every text is a data-i18n key filled by the i18n layer.
function template(activations) {
    const checkbox = (a) => `<label class="check"><input type="checkbox" name="activation" value="${a.name}">
        ${activation_swatch_svg(a.name)}<span data-i18n="explorer.names.${a.name}"></span></label>`;
    const param_row = (a) => `<div class="param-row" data-activation="${a.name}">
        <label for="param-${a.name}"><span data-i18n="explorer.names.${a.name}"></span>: <span data-i18n="explorer.params.${a.param_name}"></span></label>
        <div class="param-inputs">
          <input type="range" min="${a.min_param}" max="${a.max_param}" step="0.01" data-i18n-attr="aria-label:explorer.params.${a.param_name}">
          <input type="text" id="param-${a.name}" inputmode="decimal" size="5" autocomplete="off" spellcheck="false">
        </div>
        <p class="field-error" role="alert" hidden></p>
        ${a.name === 'leaky_relu' ? '<p class="param-note" data-i18n="explorer.leaky_slope_note"></p>' : ''}
      </div>`;
    const option = (a) => `<option value="${a.name}" data-i18n="explorer.names.${a.name}"></option>`;
    // Secondary panels are <details>, closed on narrow screens so the chart stays near
    // its checkboxes; the fieldset inside keeps the group's name for screen readers.
    const panel = (control, title_key, body) => `<details class="explorer-panel" data-control="${control}" open>
          <summary data-i18n="${title_key}"></summary>
          <fieldset><legend class="explorer-visually-hidden" data-i18n="${title_key}"></legend>${body}</fieldset>
        </details>`;
    return `
    <div class="explorer-grid">
      <figure class="chart-figure explorer-figure">
        <div class="chart-box"><canvas id="explorer-chart" role="img" aria-describedby="explorer-caption"></canvas></div>
        <ul id="explorer-legend" class="curve-legend"></ul>
        <p id="explorer-empty" class="chart-empty" data-i18n="explorer.chart_empty" hidden></p>
      </figure>
      <p id="explorer-caption" class="explorer-caption">
        <span data-i18n="explorer.chart_caption"></span>
        <span id="explorer-bounds-caption" data-i18n="explorer.bounds_caption" hidden></span>
      </p>
      <form class="explorer-controls">
        <fieldset data-control="explorer_activations">
          <legend data-i18n="explorer.core_group"></legend>
          ${activations
              .filter((a) => a.core)
              .map(checkbox)
              .join('')}
        </fieldset>
        ${panel(
            'explorer_activations',
            'explorer.beyond_core_group',
            activations
                .filter((a) => !a.core)
                .map(checkbox)
                .join('')
        )}
        ${panel(
            'explorer_parameters',
            'explorer.parameters',
            activations
                .filter((a) => a.param_name)
                .map(param_row)
                .join('')
        )}
        ${panel(
            'explorer_range',
            'explorer.range',
            `<div class="range-inputs">
            <label><span data-i18n="explorer.x_from"></span> <input type="text" id="explorer-x-min" inputmode="decimal" autocomplete="off" spellcheck="false"></label>
            <label><span data-i18n="explorer.x_to"></span> <input type="text" id="explorer-x-max" inputmode="decimal" autocomplete="off" spellcheck="false"></label>
          </div>
          <p class="field-error" id="explorer-range-error" role="alert" hidden></p>`
        )}
        ${panel(
            'explorer_show',
            'explorer.show',
            `<label class="check"><input type="checkbox" id="explorer-show-f"> <span data-i18n="explorer.show_f"></span></label>
          <label class="check"><input type="checkbox" id="explorer-show-df"> <span data-i18n="explorer.show_df"></span></label>`
        )}
      </form>
      <div class="explorer-plot">
        <div class="probe">
          <label for="explorer-probe-x" data-i18n="explorer.probe_label"></label>
          <input type="range" id="explorer-probe-slider" data-i18n-attr="aria-label:explorer.probe_label">
          <input type="text" id="explorer-probe-x" inputmode="decimal" size="5" autocomplete="off" spellcheck="false">
          <output id="explorer-readout" aria-live="polite" for="explorer-probe-x"></output>
        </div>
        <details class="data-table">
          <summary data-i18n="explorer.table_summary"></summary>
          <div class="table-scroll"><table id="explorer-table"></table></div>
        </details>
      </div>
    </div>
    <h3 class="subheading" data-i18n="explorer.formulas_title"></h3>
    <div id="explorer-formulas" class="formula-cards"></div>
    <div class="focus-grid">
      <div class="focus-picker" data-control="explorer_focus">
        <label for="explorer-focus" data-i18n="explorer.focus_label"></label>
        <select id="explorer-focus">${activations.map(option).join('')}</select>
      </div>
      <article class="card">
        <h3 data-i18n="explorer.vector_title"></h3>
        <p data-i18n="explorer.vector_intro"></p>
        <label for="explorer-vector-input" data-i18n="explorer.vector_label"></label>
        <input type="text" id="explorer-vector-input" spellcheck="false" autocomplete="off">
        <p class="field-error" id="explorer-vector-error" role="alert" hidden></p>
        <pre id="explorer-vector-output" class="vector-output" aria-live="polite"></pre>
      </article>
      <details class="card explorer-curious">
        <summary data-i18n="explorer.curious_summary"></summary>
        <h3 data-i18n="explorer.special_title"></h3>
        <p data-i18n="explorer.special_intro"></p>
        <div class="table-scroll"><table id="explorer-special-table"></table></div>
        <p id="explorer-special-note" class="formula-note"></p>
      </details>
    </div>`;
}
