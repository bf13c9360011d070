// What the live examples share: a chart figure with its data table (the chart's text
// alternative), tables whose number cells carry the exact value they show (data-value,
// for the tests and for anyone inspecting the page), sliders with a visible value, and
// seeded normal draws. Every text goes through the i18n layer.
import { format_number, t } from '../../i18n/i18n.js';
import { create_lab_chart, format_cell } from '../../charts/chart_figure.js';

// A chart, its caption and a <details> data table. ids: `${id}` canvas, `${id}-table`.
export function figure_html(id, caption_key) {
    return `<figure class="chart-figure learn-figure">
      <div class="chart-box learn-chart-box"><canvas id="${id}" role="img"></canvas></div>
      <figcaption data-i18n="${caption_key}"></figcaption>
      <details class="data-table learn-data-table">
        <summary data-i18n="learn.table_summary"></summary>
        <div class="table-scroll"><table id="${id}-table"></table></div>
      </details>
    </figure>`;
}

// A labelled range input with its value shown beside it (an <output>).
export function slider_html(id, label_key, { min, max, step }) {
    return `<div class="learn-slider">
      <label for="${id}" data-i18n="${label_key}"></label>
      <input type="range" id="${id}" min="${min}" max="${max}" step="${step}">
      <output id="${id}-value" for="${id}"></output>
    </div>`;
}

// Reads a slider and shows its value; returns the number.
export function read_slider(input) {
    const value = Number(input.value);
    const output = input.ownerDocument.getElementById(`${input.id}-value`);
    if (output) output.textContent = format_number(value);
    return value;
}

// A number cell: the formatted value as text, the exact value in data-value.
function number_cell(doc, tag, value, digits, format = null) {
    const cell = doc.createElement(tag);
    cell.textContent =
        typeof value === 'number' ? (format ? format(value) : format_cell(value, digits)) : String(value ?? '—');
    if (typeof value === 'number') cell.dataset.value = String(value);
    return cell;
}

// head: column titles; rows: [row title, ...values]. Row titles that are numbers carry
// their value too. format(value) -> text replaces the default (format_cell: scientific
// notation for tiny and huge magnitudes).
export function fill_value_table(table, head, rows, { digits = 4, format = null } = {}) {
    const doc = table.ownerDocument;
    const thead = doc.createElement('thead');
    const head_row = doc.createElement('tr');
    for (const title of head) {
        const th = doc.createElement('th');
        th.scope = 'col';
        th.textContent = title;
        head_row.appendChild(th);
    }
    thead.appendChild(head_row);
    const tbody = doc.createElement('tbody');
    for (const row of rows) tbody.appendChild(value_row(doc, row, digits, format));
    table.replaceChildren(thead, tbody);
}

// A table of rows that each start with a header: [[title, ...values]] (vectors shown
// element by element, the way a worked example reads).
export function fill_row_table(table, rows, { digits = 4 } = {}) {
    const doc = table.ownerDocument;
    const tbody = doc.createElement('tbody');
    for (const row of rows) tbody.appendChild(value_row(doc, row, digits));
    table.replaceChildren(tbody);
}

function value_row(doc, [title, ...values], digits, format = null) {
    const tr = doc.createElement('tr');
    const th = number_cell(doc, 'th', title, digits, format);
    th.scope = 'row';
    tr.appendChild(th);
    for (const value of values) tr.appendChild(number_cell(doc, 'td', value, digits, format));
    return tr;
}

// A span showing a number, its exact value in data-value.
export function value_span(doc, value, text = format_number(value)) {
    const span = doc.createElement('span');
    span.className = 'learn-value';
    span.dataset.value = String(value);
    span.textContent = text;
    return span;
}

// Fills an element with a translated sentence whose {placeholders} are nodes
// (value_span) or plain text: the sentence stays one translation, the numbers stay
// inspectable.
export function fill_sentence(element, template, parts) {
    const doc = element.ownerDocument;
    const nodes = [];
    let last = 0;
    for (const match of template.matchAll(/\{(\w+)\}/g)) {
        nodes.push(doc.createTextNode(template.slice(last, match.index)));
        const part = parts[match[1]];
        nodes.push(
            part instanceof doc.defaultView.Node
                ? part
                : doc.createTextNode(part === undefined ? match[0] : String(part))
        );
        last = match.index + match[0].length;
    }
    nodes.push(doc.createTextNode(template.slice(last)));
    element.replaceChildren(...nodes);
}

// n draws from N(mean, std^2) as float32 (what the kernels take).
export function normal_floats(rng, n, mean = 0, std = 1) {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = mean + std * rng.normal();
    return out;
}

// An evenly spaced float32 grid from lo to hi, both ends included.
export function float_grid(lo, hi, count) {
    const xs = new Float32Array(count);
    for (let i = 0; i < count; i++) xs[i] = lo + ((hi - lo) * i) / (count - 1);
    return xs;
}

// A line chart of the labs' kind (charts/chart_figure.js) whose axes may be titled by a symbol
// instead of a key: x_title 'x' (the default) or y_title 'f(x)' need no translation.
export function create_example_chart(
    canvas,
    { x_title = 'x', x_title_key = null, y_title = null, y_title_key = null, ...options }
) {
    // The labs' helper titles both axes from keys; symbol titles are set after each draw.
    const chart = create_lab_chart(canvas, {
        ...options,
        x_title_key: x_title_key ?? 'learn.computed_live',
        y_title_key: y_title_key ?? 'learn.computed_live',
    });
    const x_text = () => (x_title_key ? t(x_title_key) : x_title);
    chart.chart.options.plugins.tooltip.callbacks.title = (items) =>
        items.length ? `${x_text()}: ${format_number(items[0].parsed.x)}` : '';
    return {
        chart: chart.chart,
        destroy: chart.destroy,
        show(args) {
            chart.show(args);
            chart.chart.options.scales.x.title.text = x_text();
            if (!y_title_key) chart.chart.options.scales.y.title.text = y_title ?? '';
            chart.chart.update('none');
        },
    };
}
