// The explorer's Chart.js plot: f and f' of each chosen activation over a shared x grid,
// the gradient bounds of sigmoid and tanh as reference lines, and a vertical probe line.
// Each function has its own colour and dash pattern; f is drawn thick, f' thin. The
// legend is HTML with SVG line samples (Chart.js draws a dashed legend box as a zigzag).
import { css_color } from '../common/css_color.js';
import { Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

import { format_number, language, t } from '../i18n/i18n.js';
import { line_swatch_svg } from './line_swatch.js';
import { activation_color, activation_dash } from '../charts/palette.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

const f_width_px = 3;
const df_width_px = 1.5;
const bound_dash = [2, 2];

const probe_line_plugin = {
    id: 'probe_line',
    afterDatasetsDraw(chart, _args, options) {
        if (options.x === null || options.x === undefined) return;
        const { ctx, chartArea, scales } = chart;
        const px = scales.x.getPixelForValue(options.x);
        if (px < chartArea.left || px > chartArea.right) return;
        ctx.save();
        ctx.strokeStyle = options.color;
        ctx.setLineDash([2, 3]);
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        ctx.restore();
    },
};

export function create_curve_chart(canvas, { legend_element, on_hover_x }) {
    const chart = new Chart(canvas, {
        type: 'line',
        data: { datasets: [] },
        plugins: [probe_line_plugin],
        options: {
            animation: false,
            parsing: false,
            normalized: true,
            maintainAspectRatio: false,
            interaction: { mode: 'index', intersect: false },
            elements: { point: { radius: 0, hitRadius: 4 }, line: { borderWidth: 2 } },
            scales: {
                x: { type: 'linear', title: { display: true, text: 'x' } },
                y: { type: 'linear', title: { display: true, text: '' } },
            },
            plugins: {
                legend: { display: false },
                tooltip: {
                    callbacks: {
                        title: (items) => (items.length ? `x = ${format_number(items[0].parsed.x)}` : ''),
                        label: (item) => `${item.dataset.label}: ${format_number(item.parsed.y)}`,
                    },
                },
                probe_line: { x: null, color: '#888' },
            },
            onHover(_event, _elements, c) {
                const active = c.tooltip?.dataPoints;
                if (active && active.length) on_hover_x(active[0].parsed.x);
            },
        },
    });

    // series: [{ name, xs, f, df }] for each chosen activation; bounds: which reference
    // lines to draw. Data arrays are replaced wholesale; update('none') skips animation.
    function show({ series, show_f, show_df, x_min, x_max, probe_x, bounds }) {
        const datasets = [];
        const legend_items = [];
        for (const s of series) {
            const color = activation_color(s.name);
            const dash = activation_dash(s.name);
            const label = t(`explorer.names.${s.name}`);
            if (show_f) datasets.push(line_dataset(`${label}: f(x)`, s.xs, s.f, color, dash, f_width_px));
            if (show_df) datasets.push(line_dataset(`${label}: f′(x)`, s.xs, s.df, color, dash, df_width_px));
            legend_items.push({ label, color, dash, activation: s.name });
        }
        const grey = css_color(canvas, '--muted-text', '#777');
        const xs = series[0]?.xs ?? new Float32Array([x_min, x_max]);
        for (const bound of bounds) {
            const label = t(bound.label_key);
            const ys = new Float32Array(xs.length).fill(bound.y);
            datasets.push(line_dataset(label, xs, ys, grey, bound_dash, 1));
            legend_items.push({ label, color: grey, dash: bound_dash });
        }
        render_legend(legend_items);
        chart.data.datasets = datasets;
        chart.options.locale = language();
        chart.options.scales.x.min = x_min;
        chart.options.scales.x.max = x_max;
        chart.options.scales.y.title.text = [show_f ? 'f(x)' : null, show_df ? 'f′(x)' : null]
            .filter(Boolean)
            .join(', ');
        chart.options.plugins.probe_line.x = probe_x;
        chart.options.plugins.probe_line.color = grey;
        const text_color = css_color(canvas, '--text', '#222');
        const grid_color = css_color(canvas, '--grid', 'rgba(0,0,0,0.1)');
        chart.options.color = text_color;
        for (const axis of ['x', 'y']) {
            chart.options.scales[axis].ticks = { color: text_color };
            chart.options.scales[axis].title.color = text_color;
            chart.options.scales[axis].grid = { color: grid_color };
        }
        chart.update('none');
    }

    function render_legend(items) {
        if (!legend_element) return;
        legend_element.replaceChildren();
        for (const item of items) {
            const entry = document.createElement('li');
            entry.innerHTML = line_swatch_svg({ color: item.color, dash: item.dash, activation: item.activation });
            const text = document.createElement('span');
            text.textContent = item.label;
            entry.appendChild(text);
            legend_element.appendChild(entry);
        }
    }

    return { chart, show };
}

function line_dataset(label, xs, ys, color, dash, width_px) {
    const data = new Array(xs.length);
    for (let i = 0; i < xs.length; i++) data[i] = { x: xs[i], y: ys[i] };
    return {
        label,
        data,
        borderColor: color,
        backgroundColor: color,
        borderDash: dash,
        borderWidth: width_px,
        fill: false,
    };
}
