// The explorer's look in real Chromium: colours that stay apart in the chart and its
// legend (light and dark), dashed legend samples drawn as lines, the chart in view while
// its checkboxes change on a phone, navigation within reach, Leaky ReLU visible by
// default, the bound caption only with its lines, and special values behind a fold.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { launch_browser } from '../support/browser.js';
import { ciede2000, hex_to_lab } from '../support/colour_distance.js';
import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir } from '../support/browser.js';

const phone = { width: 360, height: 740 };
const desktop = { width: 1280, height: 900 };
const min_distance_ciede2000 = 10;
const visions = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

async function open_explorer(viewport, color_scheme = 'light', query = '') {
    const browser = await launch_browser({ viewport, color_scheme });
    const server = await start_static_server(dist_dir);
    const page = await browser.context.newPage();
    // Instant scrolling (the page scrolls smoothly otherwise), so positions are final.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${server.url}${query}`);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
    return {
        page,
        errors,
        async close() {
            await browser.close();
            await server.close();
        },
    };
}

const rgb_to_hex = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).map(Number);
    return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
};

// The box of `selector` lies inside the viewport (measured, in CSS px).
async function in_viewport(page, selector) {
    return page.evaluate((s) => {
        const box = document.querySelector(s).getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight && box.height > 0;
    }, selector);
}

async function tick_all(page) {
    await page.evaluate(() => {
        for (const details of document.querySelectorAll('.explorer-panel')) details.open = true;
    });
    for (const box of await page.$$('input[name="activation"]')) if (!(await box.isChecked())) await box.check();
    await page.waitForFunction(
        () => document.querySelectorAll('#explorer-legend li svg[data-activation]').length === 12
    );
}

describe('explorer look', () => {
    for (const scheme of ['light', 'dark']) {
        test(`${scheme}: the chart's and the legend's colours stay apart in all four visions`, async () => {
            const { page, errors, close } = await open_explorer(desktop, scheme);
            await tick_all(page);
            const seen = await page.evaluate(() => {
                const legend = [...document.querySelectorAll('#explorer-legend li svg[data-activation] line')].map(
                    (line) => ({
                        name: line.closest('svg').dataset.activation,
                        stroke: getComputedStyle(line).stroke,
                        dasharray: getComputedStyle(line).strokeDasharray,
                    })
                );
                const chart = globalThis.relu_lab.explorer.chart;
                return {
                    legend,
                    chart_colors: chart.data.datasets.map((d) => ({ label: d.label, color: d.borderColor })),
                    chart_legend_shown: chart.options.plugins.legend.display,
                };
            });
            const legend_colours = Object.fromEntries(seen.legend.map((l) => [l.name, rgb_to_hex(l.stroke)]));
            assert.equal(Object.keys(legend_colours).length, 12);
            // The chart draws each function in its legend colour.
            for (const { label, color } of seen.chart_colors.filter((c) => / f(′)?\(x\)$/.test(c.label))) {
                assert.ok(
                    Object.values(legend_colours).includes(color.toLowerCase()),
                    `${label}: ${color} not in the legend`
                );
            }
            const names = Object.keys(legend_colours);
            const minimum = {};
            for (const vision of visions) {
                minimum[vision] = Infinity;
                for (let i = 0; i < names.length; i++)
                    for (let j = i + 1; j < names.length; j++) {
                        const d = ciede2000(
                            hex_to_lab(legend_colours[names[i]], vision),
                            hex_to_lab(legend_colours[names[j]], vision)
                        );
                        minimum[vision] = Math.min(minimum[vision], d);
                        assert.ok(d >= min_distance_ciede2000, `${vision}: ${names[i]}/${names[j]} ${d.toFixed(2)}`);
                    }
            }
            console.log(
                `${scheme} page colours, minimum CIEDE2000: ${visions.map((v) => `${v} ${minimum[v].toFixed(2)}`).join(', ')}`
            );
            // Dashed functions show a dashed line in the legend (Chart.js' own legend,
            // which drew dashed boxes as zigzags, is off), each with its own pattern.
            assert.equal(seen.chart_legend_shown, false);
            const dashed = seen.legend.filter((l) => l.name !== 'relu');
            assert.ok(dashed.every((l) => l.dasharray !== 'none'));
            assert.equal(new Set(seen.legend.map((l) => l.dasharray)).size, 12);
            assert.deepEqual(errors, []);
            await close();
        });
    }

    test('phone 360x740: the chart stays in view while checkboxes change; panels start closed', async () => {
        const { page, errors, close } = await open_explorer(phone);
        // Secondary panels are closed on a phone.
        const open_panels = await page.$$eval('.explorer-panel', (all) => all.filter((d) => d.open).length);
        assert.equal(open_panels, 0);
        // Toggle a core checkbox by keyboard, as a learner scrolled to it would.
        const prelu = page.locator('input[name="activation"][value="prelu"]');
        await prelu.focus();
        await page.keyboard.press('Space');
        await page.waitForFunction(() =>
            globalThis.relu_lab.explorer.chart.data.datasets.some((d) => d.label.startsWith('PReLU'))
        );
        await page.waitForFunction(() => {
            const box = document.querySelector('input[name="activation"][value="prelu"]').getBoundingClientRect();
            return box.top >= 0 && box.bottom <= innerHeight;
        });
        assert.ok(await in_viewport(page, '#explorer-chart'), 'chart out of view after ticking PReLU');
        assert.ok(await in_viewport(page, 'input[name="activation"][value="prelu"]'));
        // The last checkbox of the opened "Beyond the core" panel, far below the chart.
        await page.locator('.explorer-panel summary').first().click();
        const mish = page.locator('input[name="activation"][value="mish"]');
        await mish.focus();
        await page.keyboard.press('Space');
        await page.waitForFunction(() =>
            globalThis.relu_lab.explorer.chart.data.datasets.some((d) => d.label.startsWith('Mish'))
        );
        await page.waitForFunction(() => {
            const box = document.querySelector('input[name="activation"][value="mish"]').getBoundingClientRect();
            return box.top >= 0 && box.bottom <= innerHeight;
        });
        const boxes = await page.evaluate(() => {
            const box = (s) => document.querySelector(s).getBoundingClientRect().toJSON();
            return {
                chart: box('#explorer-chart'),
                mish: box('input[name="activation"][value="mish"]'),
                scroll_y: scrollY,
            };
        });
        console.log(`phone: after ticking Mish chart ${JSON.stringify(boxes)}`);
        assert.ok(boxes.chart.top >= 0 && boxes.chart.bottom <= phone.height, 'chart out of view after Mish');
        // The focused checkbox is not hidden under the sticky chart.
        assert.ok(boxes.mish.top >= boxes.chart.bottom, 'Mish checkbox under the chart');
        assert.deepEqual(errors, []);
        await close();
    });

    test('phone 360x740: the navigation stays reachable far down the page, by keyboard', async () => {
        const { page, close } = await open_explorer(phone);
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForFunction(() => scrollY > 3000);
        assert.ok(await in_viewport(page, '.section-nav'), 'navigation scrolled away');
        // Its links work from there: Enter on "Activation explorer" brings the section back.
        await page.locator('.section-nav a[href="#explorer"]').focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => {
            const title = document.getElementById('explorer-title').getBoundingClientRect();
            const nav = document.querySelector('.section-nav').getBoundingClientRect();
            return title.top >= nav.bottom - 1 && title.bottom <= innerHeight;
        });
        await close();
    });

    test('desktop 1280: controls beside the chart, panels open, the chart in view', async () => {
        const { page, close } = await open_explorer(desktop, 'light', '#explorer');
        const layout = await page.evaluate(() => {
            const box = (s) => document.querySelector(s).getBoundingClientRect().toJSON();
            return {
                controls: box('.explorer-controls'),
                chart: box('.explorer .chart-box'),
                open: [...document.querySelectorAll('.explorer-panel')].every((d) => d.open),
                nav_position: getComputedStyle(document.querySelector('.section-nav')).position,
            };
        });
        assert.ok(layout.chart.left >= layout.controls.right, JSON.stringify(layout));
        assert.ok(Math.abs(layout.chart.top - layout.controls.top) < 2, 'chart and controls start together');
        assert.equal(layout.open, true);
        assert.equal(layout.nav_position, 'static');
        await close();
    });

    test('Leaky ReLU stands apart from ReLU by default, with the frameworks named', async () => {
        const { page, close } = await open_explorer(desktop);
        const gap_px = await page.evaluate(() => {
            const chart = globalThis.relu_lab.explorer.chart;
            const at = (label) => chart.data.datasets.find((d) => d.label === label).data.find((p) => p.x === -5).y;
            const y = chart.scales.y;
            return Math.abs(y.getPixelForValue(at('Leaky ReLU: f(x)')) - y.getPixelForValue(at('ReLU: f(x)')));
        });
        console.log(`Leaky ReLU f(-5) is ${gap_px.toFixed(1)} px from ReLU's at the default slope`);
        assert.ok(gap_px >= 20, `only ${gap_px} px apart`);
        const note = await page.textContent('.param-row[data-activation="leaky_relu"] .param-note');
        assert.match(note, /0\.3/);
        assert.match(note, /0\.01/);
        await close();
    });

    test('the bound caption follows the bound lines; special values sit behind a fold', async () => {
        const { page, close } = await open_explorer(desktop);
        await page.waitForSelector('#explorer-bounds-caption', { state: 'visible' });
        await page.uncheck('input[name="activation"][value="sigmoid"]');
        await page.uncheck('input[name="activation"][value="tanh"]');
        await page.waitForSelector('#explorer-bounds-caption', { state: 'hidden' });
        await page.check('input[name="activation"][value="tanh"]');
        await page.waitForSelector('#explorer-bounds-caption', { state: 'visible' });

        assert.equal(await page.isVisible('#explorer-special-table'), false);
        await page.click('.explorer-curious > summary');
        await page.waitForSelector('#explorer-special-table', { state: 'visible' });
        await close();
    });

    for (const viewport of [phone, desktop]) {
        test(`German at ${viewport.width} px: group titles stay inside their borders`, async () => {
            const { page, close } = await open_explorer(viewport, 'light', '?lang=de');
            await page.evaluate(() => {
                for (const details of document.querySelectorAll('.explorer-panel')) details.open = true;
            });
            const crossings = await page.evaluate(() => {
                const bad = [];
                const titles = document.querySelectorAll(
                    '.explorer-controls legend:not(.explorer-visually-hidden), .explorer-panel > summary'
                );
                for (const title of titles) {
                    const box = title.parentElement;
                    const border = parseFloat(getComputedStyle(box).borderTopWidth);
                    const t = title.getBoundingClientRect();
                    const b = box.getBoundingClientRect();
                    if (t.top < b.top + border || t.right > b.right - border) bad.push(title.textContent);
                }
                return bad;
            });
            assert.deepEqual(crossings, []);
            await close();
        });
    }
});
