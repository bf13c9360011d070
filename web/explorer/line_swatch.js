// A short sample of a plotted line (colour, dash pattern and width) for legends and
// checkboxes, drawn as an SVG line so a dashed swatch looks like the dashed curve.
import { activation_color, activation_dash } from '../charts/palette.js';

const swatch_width_px = 34;
const swatch_height_px = 10;

export function line_swatch_svg({ color, dash = [], width_px = 3, activation = '' }) {
    const y = swatch_height_px / 2;
    const dasharray = dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : '';
    const data = activation ? ` data-activation="${activation}"` : '';
    return `<svg class="line-swatch" width="${swatch_width_px}" height="${swatch_height_px}" viewBox="0 0 ${swatch_width_px} ${swatch_height_px}" aria-hidden="true" focusable="false"${data}>
        <line x1="0" y1="${y}" x2="${swatch_width_px}" y2="${y}" stroke="${color}" stroke-width="${width_px}"${dasharray}/></svg>`;
}

export function activation_swatch_svg(name) {
    return line_swatch_svg({ color: activation_color(name), dash: activation_dash(name), activation: name });
}

// The palette differs between light and dark mode: repaint swatches after a switch.
export function repaint_activation_swatches(root) {
    for (const svg of root.querySelectorAll('svg.line-swatch[data-activation]'))
        svg.querySelector('line').setAttribute('stroke', activation_color(svg.dataset.activation));
}
