// Painting small images (digits, filters, feature maps) onto canvases, crisp when
// enlarged, in the page's light or dark colours.
import { parse_css_colour } from './digit_pixels.js';

// The colours images use, read from the page's CSS variables so dark mode follows.
export function theme_colours(element) {
    const style = getComputedStyle(element);
    const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    return {
        ink: parse_css_colour(style.getPropertyValue('--text'), dark ? [232, 234, 238] : [29, 31, 35]),
        paper: parse_css_colour(style.getPropertyValue('--surface'), dark ? [29, 32, 38] : [255, 255, 255]),
        // Diverging scale for signed values (colour-blind safe blue / vermilion).
        negative: dark ? [86, 180, 233] : [0, 114, 178],
        positive: dark ? [240, 140, 70] : [213, 94, 0],
        accent: parse_css_colour(style.getPropertyValue('--accent'), [10, 95, 180]),
        mark: dark ? [255, 196, 64] : [204, 0, 102],
    };
}

export const rgb_css = (rgb) => `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;

// rgba [height * width * 4] -> the canvas, each pixel a scale x scale block.
export function paint_pixels(canvas, rgba, width, height, scale) {
    const source = document.createElement('canvas');
    source.width = Math.max(1, width);
    source.height = Math.max(1, height);
    if (width > 0 && height > 0) source.getContext('2d').putImageData(new ImageData(rgba, width, height), 0, 0);
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    context.imageSmoothingEnabled = false;
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    return context;
}

// A small cross at (x, y) in canvas pixels.
export function draw_cross(context, x, y, size, colour, line_width = 2) {
    context.strokeStyle = colour;
    context.lineWidth = line_width;
    context.beginPath();
    context.moveTo(x - size, y);
    context.lineTo(x + size, y);
    context.moveTo(x, y - size);
    context.lineTo(x, y + size);
    context.stroke();
}
