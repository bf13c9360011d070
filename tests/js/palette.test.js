// The activation palette: every pair of the twelve colours stays apart for normal vision
// and for simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009,
// severity 1.0), in light and dark mode; every colour has 3:1 contrast against the
// page and chart backgrounds; every function has its own dash pattern.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { activation_dashes, activation_palette } from '../../web/charts/palette.js';
import { ciede2000, contrast_ratio, hex_to_lab, min_pairwise_distance } from '../support/colour_distance.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const min_distance_ciede2000 = 10;
const min_contrast = 3;
const visions = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
const activation_names = [
    'relu',
    'leaky_relu',
    'prelu',
    'elu',
    'sigmoid',
    'tanh',
    'relu6',
    'selu',
    'gelu',
    'silu',
    'softplus',
    'mish',
];

// The page's own background colours (--bg and --surface) in each theme, read from main.css.
function theme_backgrounds() {
    const css = readFileSync(join(root, 'web', 'styles', 'main.css'), 'utf8');
    const dark_start = css.indexOf('@media (prefers-color-scheme: dark)');
    const read = (text, variable) => {
        const match = new RegExp(`${variable}:\\s*(#[0-9a-fA-F]{6})`).exec(text);
        assert.ok(match, `${variable} not found in main.css`);
        return match[1];
    };
    const light = css.slice(0, dark_start);
    const dark = css.slice(dark_start);
    return {
        light: [read(light, '--bg'), read(light, '--surface')],
        dark: [read(dark, '--bg'), read(dark, '--surface')],
    };
}

test('the colour maths reproduces published CIEDE2000 reference pairs', () => {
    // Pairs 1, 7 and 17 of Sharma, Wu & Dalal's test data.
    assert.ok(Math.abs(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485]) - 2.0425) < 1e-4);
    assert.ok(Math.abs(ciede2000([50, 0, 0], [50, -1, 2]) - 2.3669) < 1e-4);
    assert.ok(Math.abs(ciede2000([50, 2.5, 0], [73, 25, -18]) - 27.1492) < 1e-4);
    // White is L* = 100; a deuteranope sees pure red and a dark olive alike.
    assert.ok(Math.abs(hex_to_lab('#ffffff')[0] - 100) < 1e-3);
    assert.ok(ciede2000(hex_to_lab('#ff0000', 'deuteranopia'), hex_to_lab('#a09000', 'deuteranopia')) < 15);
});

test('both themes name all twelve activations', () => {
    for (const theme of ['light', 'dark']) {
        assert.deepEqual(Object.keys(activation_palette[theme]).sort(), [...activation_names].sort());
    }
    assert.deepEqual(Object.keys(activation_dashes).sort(), [...activation_names].sort());
});

for (const theme of ['light', 'dark']) {
    test(`${theme}: every pair of colours differs by CIEDE2000 >= ${min_distance_ciede2000} in all four visions`, () => {
        const report = [];
        for (const vision of visions) {
            const { distance, pair } = min_pairwise_distance(activation_palette[theme], vision);
            report.push(`${vision} ${distance.toFixed(2)} (${pair.join('/')})`);
            assert.ok(
                distance >= min_distance_ciede2000,
                `${theme}, ${vision}: ${pair.join(' and ')} differ by only ${distance.toFixed(2)}`
            );
        }
        console.log(`${theme} minimum pairwise CIEDE2000: ${report.join(', ')}`);
    });

    test(`${theme}: every colour has at least ${min_contrast}:1 contrast against the backgrounds`, () => {
        const backgrounds = theme_backgrounds()[theme];
        let worst = { ratio: Infinity };
        for (const [name, colour] of Object.entries(activation_palette[theme])) {
            for (const background of backgrounds) {
                const ratio = contrast_ratio(colour, background);
                if (ratio < worst.ratio) worst = { ratio, name, background };
                assert.ok(ratio >= min_contrast, `${theme} ${name} ${colour} on ${background}: ${ratio.toFixed(2)}:1`);
            }
        }
        console.log(`${theme} lowest contrast: ${worst.ratio.toFixed(2)}:1 (${worst.name} on ${worst.background})`);
    });
}

test('every activation has its own dash pattern', () => {
    const patterns = Object.values(activation_dashes).map((dash) => dash.join(','));
    assert.equal(new Set(patterns).size, patterns.length);
});
