// Chart.js legend entries drawn as short line samples in each dataset's own dash and
// width. Chart.js's default draws a box whose border takes the dash, and a 2-pixel-high
// dashed box reads as a zigzag, so a dashed series could not be told from a solid one.
import { Chart } from 'chart.js';

const sample_width_px = 28;

// Spread into a chart's options.plugins.legend.labels; `keep(item, data)` filters entries.
export function line_sample_labels({ color } = {}) {
    return {
        usePointStyle: true,
        pointStyle: 'line',
        pointStyleWidth: sample_width_px,
        boxWidth: sample_width_px,
        boxHeight: 8,
        ...(color ? { color } : {}),
        generateLabels(chart) {
            return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
                const dataset = chart.data.datasets[item.datasetIndex] ?? {};
                return {
                    ...item,
                    pointStyle: 'line',
                    lineDash: dataset.borderDash ?? [],
                    lineWidth: typeof dataset.borderWidth === 'number' ? dataset.borderWidth : 2,
                    strokeStyle: dataset.borderColor ?? item.strokeStyle,
                };
            });
        },
    };
}
