// The explorer's Chart.js plot: f and f' of each chosen activation over a shared x grid,
// the gradient bounds of sigmoid and tanh as reference lines, and a vertical probe line.
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

import { format_number, language, t } from '../i18n/i18n.js';
import { activation_colors } from './palette.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend);

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

function css_color(element, name, fallback) {
    const value = getComputedStyle(element).getPropertyValue(name).trim();
    return value || fallback;
}

export function create_curve_chart(canvas, { on_hover_x }) {
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
                legend: { position: 'bottom', labels: { boxHeight: 2 } },
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
        for (const s of series) {
            const color = activation_colors[s.name];
            const label = t(`explorer.names.${s.name}`);
            if (show_f) datasets.push(line_dataset(`${label}: f(x)`, s.xs, s.f, color, []));
            if (show_df) datasets.push(line_dataset(`${label}: f′(x)`, s.xs, s.df, color, [6, 4]));
        }
        const grey = css_color(canvas, '--muted-text', '#777');
        const xs = series[0]?.xs ?? new Float32Array([x_min, x_max]);
        for (const bound of bounds) {
            datasets.push({
                ...line_dataset(t(bound.label_key), xs, new Float32Array(xs.length).fill(bound.y), grey, [2, 2]),
                borderWidth: 1,
            });
        }
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

    return { chart, show };
}

function line_dataset(label, xs, ys, color, dash) {
    const data = new Array(xs.length);
    for (let i = 0; i < xs.length; i++) data[i] = { x: xs[i], y: ys[i] };
    return { label, data, borderColor: color, backgroundColor: color, borderDash: dash, fill: false };
}
