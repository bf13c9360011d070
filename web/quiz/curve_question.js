// "Which curve is this?": one activation (or its derivative) computed by the kernels and
// plotted without a name, legend or tooltip, with a table of sampled values as the text
// alternative. Nothing in the plot, its label or the table names the function.
import { Chart, LinearScale, LineController, LineElement, PointElement } from 'chart.js';

import { format_number, language, t } from '../i18n/i18n.js';

Chart.register(LineController, LineElement, PointElement, LinearScale);

const plot_points = 241;
const table_rows = 13;

export function curve_values(curve, relu_lab, count) {
    const xs = new Float32Array(count);
    for (let i = 0; i < count; i++) xs[i] = curve.x_min + ((curve.x_max - curve.x_min) * i) / (count - 1);
    const kernel = curve.show === 'f' ? relu_lab.forward : relu_lab.derivative;
    return { xs, ys: kernel(curve.activation, xs, curve.param) };
}

// Builds the figure inside container; returns { destroy }.
export function render_curve_figure(container, curve, relu_lab) {
    const doc = container.ownerDocument;
    const figure = doc.createElement('figure');
    figure.className = 'quiz-curve';
    const box = doc.createElement('div');
    box.className = 'quiz-curve-box';
    const canvas = doc.createElement('canvas');
    canvas.setAttribute('role', 'img');
    const what = t(curve.show === 'f' ? 'quiz.curve_what_f' : 'quiz.curve_what_df');
    canvas.setAttribute('aria-label', t('quiz.curve_chart_label', { what, x_min: curve.x_min, x_max: curve.x_max }));
    box.appendChild(canvas);
    figure.appendChild(box);

    const details = doc.createElement('details');
    details.className = 'data-table';
    const summary = doc.createElement('summary');
    summary.textContent = t('quiz.curve_table_summary');
    details.appendChild(summary);
    const { xs: table_x, ys: table_y } = curve_values(curve, relu_lab, table_rows);
    details.appendChild(values_table(doc, what, table_x, table_y));
    figure.appendChild(details);
    container.appendChild(figure);

    const style = getComputedStyle(container);
    const color = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    const { xs, ys } = curve_values(curve, relu_lab, plot_points);
    const data = Array.from(xs, (x, i) => ({ x, y: ys[i] }));
    const chart = new Chart(canvas, {
        type: 'line',
        data: {
            datasets: [
                {
                    label: '',
                    data,
                    borderColor: color('--accent', '#0a5fb4'),
                    borderWidth: 2.5,
                    pointRadius: 0,
                    fill: false,
                },
            ],
        },
        options: {
            animation: false,
            parsing: false,
            normalized: true,
            maintainAspectRatio: false,
            locale: language(),
            events: [],
            scales: {
                x: {
                    type: 'linear',
                    min: curve.x_min,
                    max: curve.x_max,
                    title: { display: true, text: 'x', color: color('--text', '#222') },
                    ticks: { color: color('--text', '#222') },
                    grid: { color: color('--grid', 'rgba(0,0,0,0.1)') },
                },
                y: {
                    type: 'linear',
                    title: { display: true, text: what, color: color('--text', '#222') },
                    ticks: { color: color('--text', '#222') },
                    grid: { color: color('--grid', 'rgba(0,0,0,0.1)') },
                },
            },
            plugins: { legend: { display: false }, tooltip: { enabled: false } },
        },
    });
    return { destroy: () => chart.destroy() };
}

function values_table(doc, what, xs, ys) {
    const table = doc.createElement('table');
    const head = doc.createElement('tr');
    for (const text of ['x', what]) {
        const th = doc.createElement('th');
        th.scope = 'col';
        th.textContent = text;
        head.appendChild(th);
    }
    const thead = doc.createElement('thead');
    thead.appendChild(head);
    const tbody = doc.createElement('tbody');
    xs.forEach((x, i) => {
        const tr = doc.createElement('tr');
        const th = doc.createElement('th');
        th.scope = 'row';
        th.textContent = format_number(x);
        const td = doc.createElement('td');
        td.textContent = format_number(ys[i] + 0);
        tr.append(th, td);
        tbody.appendChild(tr);
    });
    table.append(thead, tbody);
    return table;
}
