// Chart.js helpers for the labs: line and bar charts that stream cheaply (no animation,
// parsing off, update('none')), colours from the page's CSS so dark mode works, an
// aria-label summary on every canvas and a data table beside every chart.
import { css_color } from '../common/css_color.js';
import {
    BarController,
    BarElement,
    CategoryScale,
    Chart,
    Legend,
    LinearScale,
    LineController,
    LineElement,
    LogarithmicScale,
    PointElement,
    Tooltip,
} from 'chart.js';

import { format_number, language, t } from '../i18n/i18n.js';
import { activation_colors } from './palette.js';
import { line_sample_labels } from './chart_legend.js';
import { fill_table as fill_data_table } from './data_table.js';

Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    LinearScale,
    LogarithmicScale,
    LineController,
    LineElement,
    PointElement,
    Tooltip,
    Legend
);

// Initialisers and A/B copies need colours of their own (Okabe-Ito, like the palette).
export const init_colors = {
    he_normal: '#0072B2',
    glorot_normal: '#E69F00',
    lecun_normal: '#009E73',
    zero: '#7F7F7F',
    too_large: '#D55E00',
};
export const copy_dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
export const series_color = (name) => activation_colors[name] ?? init_colors[name] ?? '#555';

// A figure: canvas, caption and a <details> data table. Every text is an i18n key.
export function chart_figure(id, caption_key) {
    return `<figure class="chart-figure lab-chart">
      <div class="chart-box lab-chart-box"><canvas id="${id}" role="img"></canvas></div>
      <figcaption data-i18n="${caption_key}"></figcaption>
      <details class="data-table">
        <summary data-i18n="labs.table_summary"></summary>
        <div class="table-scroll"><table id="${id}-table"></table></div>
      </details>
    </figure>`;
}

// { type: 'line' | 'bar', x: 'linear' | 'category', log_y, x_title_key, y_title_key }
// percent_y: the y values are shares (0..1), labelled as percentages.
export function create_lab_chart(
    canvas,
    {
        type = 'line',
        x = 'linear',
        log_y = false,
        percent_y = false,
        x_title_key,
        y_title_key,
        y_min = undefined,
        y_max = undefined,
    }
) {
    const chart = new Chart(canvas, {
        type,
        data: { labels: [], datasets: [] },
        options: {
            animation: false,
            parsing: type === 'bar',
            normalized: true,
            maintainAspectRatio: false,
            interaction: { mode: 'nearest', axis: 'x', intersect: false },
            elements: { point: { radius: 0, hitRadius: 4 }, line: { borderWidth: 2 } },
            scales: {
                x: { type: x, title: { display: true, text: '' } },
                y: {
                    type: log_y ? 'logarithmic' : 'linear',
                    min: y_min,
                    max: y_max,
                    title: { display: true, text: '' },
                },
            },
            plugins: {
                // A dataset with in_legend: false is explained by the caption instead (e.g. dashed twins).
                legend: {
                    position: 'bottom',
                    labels: {
                        // Bars keep Chart.js's filled boxes; lines get line samples in their dash.
                        ...(type === 'bar' ? { boxHeight: 10 } : line_sample_labels()),
                        filter: (item, data) => data.datasets[item.datasetIndex]?.in_legend !== false,
                        sort: (a, b) => a.datasetIndex - b.datasetIndex,
                    },
                },
                tooltip: {
                    callbacks: {
                        title: (items) =>
                            items.length
                                ? type === 'bar'
                                    ? String(items[0].label)
                                    : `${t(x_title_key)}: ${format_number(items[0].parsed.x)}`
                                : '',
                        label: (item) =>
                            `${item.dataset.label}: ${percent_y ? format_percent(item.parsed.y) : format_number(item.parsed.y)}`,
                    },
                },
            },
        },
    });

    // datasets: [{ label, data: [{x, y}] (line) | [y] (bar), color, dash }]; labels for bar charts.
    function show({ datasets, labels = [], summary, x_min = undefined, x_max = undefined }) {
        chart.data.labels = labels;
        chart.data.datasets = datasets.map((d) => ({
            label: d.label,
            data: log_y ? d.data.map((p) => (p.y > 0 && Number.isFinite(p.y) ? p : { x: p.x, y: null })) : d.data,
            borderColor: d.color,
            backgroundColor: type === 'bar' ? `${d.color}cc` : d.color,
            borderDash: d.dash ?? [],
            borderWidth: type === 'bar' ? 1 : (d.width ?? 2),
            spanGaps: false,
            in_legend: d.in_legend !== false,
            // Lower order is drawn later, on top (a repeated A/B copy over its twin).
            order: d.order ?? 0,
            // A series cut short (diverged at once) still shows its points.
            pointRadius: type === 'line' && d.data.length <= 2 ? 3 : 0,
            fill: false,
        }));
        const text_color = css_color(canvas, '--text', '#222');
        const grid_color = css_color(canvas, '--grid', 'rgba(0,0,0,0.1)');
        if (type === 'line') {
            chart.options.scales.x.min = x_min;
            chart.options.scales.x.max = x_max;
        }
        chart.options.locale = language();
        chart.options.color = text_color;
        chart.options.scales.x.title.text = t(x_title_key);
        chart.options.scales.y.title.text = t(y_title_key);
        for (const axis of ['x', 'y']) {
            chart.options.scales[axis].ticks = {
                color: text_color,
                ...(axis === 'y' && percent_y ? { callback: (value) => format_percent(value) } : {}),
                ...((axis === 'y' && !percent_y) || (axis === 'x' && x === 'linear')
                    ? { callback: (value) => format_tick(value, axis === 'y' && log_y) }
                    : {}),
                // The axis ends need no tick of their own (150 beside 140 would collide).
                ...(axis === 'x' && x === 'linear' ? { includeBounds: false } : {}),
            };
            chart.options.scales[axis].title.color = text_color;
            chart.options.scales[axis].grid = { color: grid_color };
        }
        canvas.setAttribute('aria-label', summary ?? t(y_title_key));
        chart.update('none');
    }

    return { chart, show, destroy: () => chart.destroy() };
}

const superscripts = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const power_of_ten = (exponent) =>
    `10${String(exponent)
        .split('')
        .map((c) => superscripts[c] ?? c)
        .join('')}`;

// Log axes label only the powers of ten: plain from 0.01 to 1,000, else as 10⁻⁸.
function format_tick(value, log) {
    if (!log) return format_number(value);
    const exponent = Math.round(Math.log10(value));
    if (Math.abs(Math.log10(value) - exponent) > 1e-9) return '';
    return exponent >= -2 && exponent <= 3 ? format_number(value) : power_of_ten(exponent);
}

// head: column titles; rows: arrays whose first cell is a row title (string or number).
export function fill_table(table, head, rows, { digits = 4 } = {}) {
    fill_data_table(table, head, rows, (value) => format_cell(value, digits));
}

export function format_cell(value, digits = 4) {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'string') return value;
    if (value !== 0 && Number.isFinite(value) && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) {
        // 4.76 × 10⁻¹³: the mantissa in the learner's notation, the exponent as a superscript.
        const exponent = Math.floor(Math.log10(Math.abs(value)));
        const mantissa = value / 10 ** exponent;
        return `${format_number(mantissa, { maximum_fraction_digits: 2 })} × ${power_of_ten(exponent)}`;
    }
    return format_number(value, { maximum_fraction_digits: digits });
}

export function format_percent(value) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    return new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}
