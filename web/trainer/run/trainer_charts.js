// The trainer's live charts (Chart.js): loss per batch and smoothed, train and held-out
// accuracy, per-layer sparsity and dead units, per-layer gradient norm (log scale).
// Streaming stays cheap: no animation, no parsing, series decimated to a fixed number
// of points, only the charts whose data changed are redrawn, on the section's redraw
// clock (one frame for all of them, a few times a second). Each chart has a data table.
import { css_color } from '../../common/css_color.js';
import {
    Chart,
    Legend,
    LinearScale,
    LineController,
    LineElement,
    LogarithmicScale,
    PointElement,
    Tooltip,
} from 'chart.js';

import { format_number, language, t } from '../../i18n/i18n.js';
import { axis_title_lines } from '../../charts/axis_title.js';
import { line_sample_labels } from '../../charts/chart_legend.js';
import { chart_layer_names } from '../layer_names.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend);

const max_points = 300;
const smoothing = 0.95;
// Okabe-Ito, readable for the common colour-vision deficiencies, light and dark.
const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7F3C8D', '#999999'];

// Points {x, y}: when full, every other point goes and only every `stride`-th new one is
// kept (averaged over the stride), so the shape of a long run stays visible.
function decimated_series() {
    const points = [];
    let stride = 1;
    let pending = [];
    return {
        points,
        push(x, y) {
            pending.push(y);
            if (pending.length < stride) return;
            const mean = pending.reduce((a, b) => a + b, 0) / pending.length;
            pending = [];
            points.push({ x, y: mean });
            if (points.length > max_points) {
                let w = 0;
                for (let r = 0; r < points.length; r += 2) points[w++] = points[r];
                points.length = w;
                stride *= 2;
            }
        },
        clear() {
            points.length = 0;
            pending = [];
            stride = 1;
        },
    };
}

const divergence_marker = {
    id: 'divergence_marker',
    afterDatasetsDraw(chart, _args, options) {
        if (options.x === null || options.x === undefined) return;
        const { ctx, chartArea, scales } = chart;
        const px = scales.x.getPixelForValue(options.x);
        if (px < chartArea.left - 1 || px > chartArea.right + 1) return;
        ctx.save();
        ctx.strokeStyle = options.color;
        ctx.lineWidth = 2;
        ctx.setLineDash([5, 3]);
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        ctx.fillStyle = options.color;
        ctx.font = '12px system-ui, sans-serif';
        ctx.fillText(options.label, Math.min(px + 4, chartArea.right - 60), chartArea.top + 12);
        ctx.restore();
    },
};

function line_chart(
    canvas,
    { x_key, y_key, y_type = 'linear', y_min, y_max, plugins = [], whole_x = false, whole_y = false }
) {
    const text = css_color(canvas, '--text', '#222');
    const grid = css_color(canvas, '--grid', 'rgba(0,0,0,0.1)');
    return new Chart(canvas, {
        type: 'line',
        data: { datasets: [] },
        plugins,
        options: {
            animation: false,
            // Ticks and tooltips in the learner's number format (0,5 in German).
            locale: language(),
            parsing: false,
            normalized: true,
            maintainAspectRatio: false,
            spanGaps: true,
            interaction: { mode: 'nearest', axis: 'x', intersect: false },
            elements: { point: { radius: 0, hitRadius: 4 }, line: { borderWidth: 1.5 } },
            color: text,
            scales: {
                x: {
                    type: 'linear',
                    title: { display: true, text: t(x_key), color: text },
                    ticks: {
                        color: text,
                        maxTicksLimit: 8,
                        precision: whole_x ? 0 : undefined,
                        callback: (value) => format_number(value),
                    },
                    grid: { color: grid },
                },
                y: {
                    type: y_type,
                    min: y_min,
                    max: y_max,
                    title: { display: true, text: axis_title_lines(t(y_key)), color: text },
                    ticks: {
                        color: text,
                        maxTicksLimit: 6,
                        precision: whole_y ? 0 : undefined,
                        // Log axes keep Chart.js's choice of which ticks to label (in options.locale).
                        ...(y_type === 'linear' ? { callback: (value) => format_number(value) } : {}),
                    },
                    grid: { color: grid },
                },
            },
            plugins: {
                legend: { position: 'bottom', labels: line_sample_labels({ color: text }) },
                tooltip: {
                    callbacks: {
                        title: (items) => (items.length ? `${t(x_key)} ${format_number(items[0].parsed.x)}` : ''),
                        label: (item) => `${item.dataset.label}: ${format_number(item.parsed.y)}`,
                    },
                },
                divergence_marker: { x: null, color: css_color(canvas, '--error', '#b3261e'), label: '' },
            },
        },
    });
}

// Builds the five charts inside `root` (elements with data-chart="<name>"); they redraw
// on `redraw` (redraw_clock.js).
export function create_trainer_charts(root, { redraw }) {
    const figure = (name) => root.querySelector(`[data-chart="${name}"]`);
    const charts = {
        loss: line_chart(figure('loss').querySelector('canvas'), {
            x_key: 'trainer.axis_step',
            y_key: 'trainer.axis_loss',
            y_min: 0,
            plugins: [divergence_marker],
        }),
        accuracy: line_chart(figure('accuracy').querySelector('canvas'), {
            x_key: 'trainer.axis_epoch',
            y_key: 'trainer.axis_accuracy',
            y_min: 0,
            y_max: 100,
            whole_x: true,
        }),
        sparsity: line_chart(figure('sparsity').querySelector('canvas'), {
            x_key: 'trainer.axis_step',
            y_key: 'trainer.axis_zero_share',
            y_min: 0,
            y_max: 100,
        }),
        dead: line_chart(figure('dead').querySelector('canvas'), {
            x_key: 'trainer.axis_epoch',
            y_key: 'trainer.axis_dead_units',
            y_min: 0,
            whole_x: true,
            whole_y: true,
        }),
        gradients: line_chart(figure('gradients').querySelector('canvas'), {
            x_key: 'trainer.axis_step',
            y_key: 'trainer.axis_grad_norm',
            y_type: 'logarithmic',
            plugins: [divergence_marker],
        }),
    };

    // Series by chart, each { label, color, series, dashed }.
    const series = { loss: new Map(), accuracy: new Map(), sparsity: new Map(), dead: new Map(), gradients: new Map() };
    let smoothed_loss = null;
    // The model's layers as the core lists them, and their names as the editor shows them.
    let core_layers = [];
    let layer_names = new Map();
    const layer_label = (name) => layer_names.get(name) ?? name;

    function series_of(chart, key, label, dashed = false) {
        let s = series[chart].get(key);
        if (!s) {
            const color = palette[series[chart].size % palette.length];
            s = { key, label, data: decimated_series(), all: null };
            series[chart].set(key, s);
            charts[chart].data.datasets.push({
                label,
                data: s.data.points,
                borderColor: color,
                backgroundColor: color,
                borderDash: dashed ? [5, 3] : [],
                pointRadius: chart === 'accuracy' || chart === 'dead' ? 2 : 0,
            });
        }
        return s;
    }

    // Only charts on screen are redrawn; the others catch up when they scroll into view.
    const on_screen = new Set(Object.keys(charts));
    const stale = new Set();
    if (typeof IntersectionObserver === 'function') {
        const observer = new IntersectionObserver((entries) => {
            for (const entry of entries) {
                const name = entry.target.dataset.chart;
                if (entry.isIntersecting) {
                    on_screen.add(name);
                    if (stale.delete(name)) charts[name].update('none');
                } else on_screen.delete(name);
            }
        });
        for (const name of Object.keys(charts)) observer.observe(figure(name));
    }
    // While training plays, the loss changes with every progress message, sparsity and
    // gradient norms with every measured step, accuracy and dead units once an epoch.
    // Only those are redrawn: redrawing the others would be drawing for nothing.
    const changed = new Set();
    function draw_changed() {
        for (const name of changed) {
            if (on_screen.has(name)) charts[name].update('none');
            else stale.add(name);
            if (figure(name).querySelector('details').open) render_table(name);
        }
        changed.clear();
    }
    function schedule(names = Object.keys(charts)) {
        for (const name of names) changed.add(name);
        redraw.request('charts', draw_changed);
    }

    const is_activation_layer = (name) => !/^(conv2d|dense|max_pool2d|flatten|dropout)/.test(name);

    function add_progress(message) {
        const names = ['loss'];
        const raw = series_of('loss', 'batch', t('trainer.series_loss_batch'));
        const smooth = series_of('loss', 'smoothed', t('trainer.series_loss_smoothed'));
        for (const [step, loss] of message.batches) {
            if (!Number.isFinite(loss)) continue;
            raw.data.push(step, loss);
            smoothed_loss = smoothed_loss === null ? loss : smoothing * smoothed_loss + (1 - smoothing) * loss;
            smooth.data.push(step, smoothed_loss);
        }
        for (const layer of message.layers) {
            if (is_activation_layer(layer.name)) {
                series_of('sparsity', layer.name, layer_label(layer.name)).data.push(
                    message.step,
                    100 * layer.zero_fraction
                );
                names.push('sparsity');
            }
            if (layer.param_grad_norm > 0 && Number.isFinite(layer.param_grad_norm)) {
                series_of('gradients', layer.name, layer_label(layer.name)).data.push(
                    message.step,
                    layer.param_grad_norm
                );
                names.push('gradients');
            }
        }
        schedule(names);
    }

    function add_epoch(message) {
        series_of('accuracy', 'train', t('trainer.series_train_accuracy')).data.push(
            message.epoch,
            100 * message.train_accuracy
        );
        if (message.test_accuracy !== null)
            series_of('accuracy', 'test', t('trainer.series_test_accuracy'), true).data.push(
                message.epoch,
                100 * message.test_accuracy
            );
        for (const layer of message.layers) {
            if (is_activation_layer(layer.name))
                series_of('dead', layer.name, layer_label(layer.name)).data.push(message.epoch, layer.dead_units);
        }
        schedule(['accuracy', 'dead']);
    }

    function mark_divergence(step) {
        for (const name of ['loss', 'gradients']) {
            charts[name].options.plugins.divergence_marker.x = step;
            charts[name].options.plugins.divergence_marker.label = t('trainer.marker_diverged', { step });
        }
        schedule(['loss', 'gradients']);
    }

    function clear() {
        for (const [name, chart] of Object.entries(charts)) {
            chart.data.datasets = [];
            series[name].clear();
            chart.options.plugins.divergence_marker.x = null;
            chart.update('none');
        }
        smoothed_loss = null;
        refresh_open_tables();
    }

    // The data-table alternative: filled when its <details> is opened, refreshed while open.
    function render_table(name) {
        const details = figure(name).querySelector('details');
        const table = details.querySelector('table');
        const x_label = charts[name].options.scales.x.title.text;
        const columns = [...series[name].values()];
        const rows = new Map();
        columns.forEach((s, c) => {
            for (const p of s.data.points) {
                if (!rows.has(p.x)) rows.set(p.x, new Array(columns.length).fill(null));
                rows.get(p.x)[c] = p.y;
            }
        });
        table.replaceChildren();
        const head = table.createTHead().insertRow();
        for (const text of [x_label, ...columns.map((s) => s.label)]) {
            const th = document.createElement('th');
            th.scope = 'col';
            th.textContent = text;
            head.appendChild(th);
        }
        const body = table.createTBody();
        for (const [x, values] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
            const tr = body.insertRow();
            const th = document.createElement('th');
            th.scope = 'row';
            th.textContent = format_number(x);
            tr.appendChild(th);
            for (const v of values)
                tr.insertCell().textContent = v === null ? '' : format_number(v, { maximum_fraction_digits: 4 });
        }
        details.querySelector('.table-empty').hidden = rows.size > 0;
    }
    function refresh_open_tables() {
        for (const name of Object.keys(charts)) if (figure(name).querySelector('details').open) render_table(name);
    }
    for (const name of Object.keys(charts)) {
        figure(name)
            .querySelector('details')
            .addEventListener('toggle', (event) => {
                if (event.target.open) render_table(name);
            });
    }

    // layers: the model_changed message's list (network order).
    function set_layers(layers) {
        core_layers = layers ?? [];
        layer_names = chart_layer_names(core_layers);
    }

    function relabel() {
        layer_names = chart_layer_names(core_layers);
        for (const [name, chart] of Object.entries(charts)) {
            chart.options.locale = language();
            for (const s of series[name].values()) {
                if (layer_names.has(s.key)) s.label = layer_names.get(s.key);
                if (s.key === 'batch') s.label = t('trainer.series_loss_batch');
                if (s.key === 'smoothed') s.label = t('trainer.series_loss_smoothed');
                if (s.key === 'train') s.label = t('trainer.series_train_accuracy');
                if (s.key === 'test') s.label = t('trainer.series_test_accuracy');
            }
            chart.data.datasets.forEach((d, i) => {
                d.label = [...series[name].values()][i].label;
            });
        }
        charts.loss.options.scales.x.title.text = t('trainer.axis_step');
        charts.loss.options.scales.y.title.text = axis_title_lines(t('trainer.axis_loss'));
        charts.accuracy.options.scales.x.title.text = t('trainer.axis_epoch');
        charts.accuracy.options.scales.y.title.text = axis_title_lines(t('trainer.axis_accuracy'));
        charts.sparsity.options.scales.x.title.text = t('trainer.axis_step');
        charts.sparsity.options.scales.y.title.text = axis_title_lines(t('trainer.axis_zero_share'));
        charts.dead.options.scales.x.title.text = t('trainer.axis_epoch');
        charts.dead.options.scales.y.title.text = axis_title_lines(t('trainer.axis_dead_units'));
        charts.gradients.options.scales.x.title.text = t('trainer.axis_step');
        charts.gradients.options.scales.y.title.text = axis_title_lines(t('trainer.axis_grad_norm'));
        schedule();
    }

    // The labels Chart.js drew on an axis (for tests: ticks are pixels on a canvas).
    const tick_labels = (name, axis) => charts[name].scales[axis]?.ticks.map((tick) => tick.label) ?? [];

    return { add_progress, add_epoch, mark_divergence, clear, relabel, set_layers, tick_labels, charts };
}
