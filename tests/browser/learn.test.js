// The Learn section in real Chromium: every chapter in five languages at 320 and 1280 px,
// keyboard only, every live example against the kernels (the page's globalThis.relu_lab),
// every Try-it link and every quiz "learn more" target after navigation, flashcards into
// the quiz's review schedule, reading progress and resuming, embeddings, print, file://,
// and axe-core. Every wait is for the state an action produces.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { dist_dir, foreign_requests, open_page, use_browser_and_server } from '../support/browser.js';
import { fill_numeric_answer } from '../support/quiz_answer.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bank = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));
const axe_source = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const chapter_ids = [
    'definition',
    'derivative',
    'why_relu',
    'sigmoid_tanh',
    'problems',
    'variants',
    'cnn',
    'initialisation',
    'history',
];
const languages = ['en', 'de', 'zh-Hans', 'es', 'it'];

async function ready(page) {
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
}

// The tests of a describe share one browser profile: each starts from empty storage
// (no chapters read, no quiz progress) so none depends on another.
async function open_fresh(context, url) {
    const opened = await open_page(context, url);
    await ready(opened.page);
    await opened.page.evaluate(() => localStorage.clear());
    await opened.page.reload();
    await ready(opened.page);
    return opened;
}

// Opens a chapter through its link in the table of contents, as a learner would.
// A section opened just before (a lab, the trainer) may still move the page when its charts
// or model arrive, and a click can then land beside the link: one more click, never a pass
// without the chapter on screen.
async function open_chapter(page, id) {
    const opened = (wanted) => document.querySelector('.learn-chapter')?.dataset.chapter === wanted;
    const link = `.learn-toc-list li[data-chapter="${id}"] a`;
    await page.click(link);
    try {
        await page.waitForFunction(opened, id, { timeout: 10_000 });
    } catch {
        await page.click(link);
        await page.waitForFunction(opened, id);
    }
}

// Whether an element is rendered and at least partly inside the viewport.
const in_view = (selector) => {
    const element = typeof selector === 'string' ? document.querySelector(selector) : selector;
    if (!element || !element.checkVisibility()) return false;
    const rect = element.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < innerHeight && rect.height > 0;
};

async function wait_in_view(page, selector) {
    await page.waitForFunction(in_view, selector, { timeout: 10_000 });
}

// Until the page's smooth scroll has come to rest: the scroll position is unchanged over
// three animation frames in a row. (A jump made while it still runs can be undone by it.)
async function wait_scroll_settled(page) {
    await page.evaluate(
        () =>
            new Promise((done) => {
                let last = scrollY;
                let still = 0;
                const frame = () => {
                    still = scrollY === last ? still + 1 : 0;
                    last = scrollY;
                    if (still >= 3) done();
                    else requestAnimationFrame(frame);
                };
                requestAnimationFrame(frame);
            })
    );
}

// What a target must show once navigated to: checked inside the page.
async function wait_for_target(page, target) {
    const [section, name, setup] = target.split('/');
    if (section === 'learn') {
        await page.waitForFunction((id) => document.querySelector('.learn-chapter')?.dataset.chapter === id, name);
        await wait_in_view(page, '#learn-chapter-title');
    } else if (section === 'labs') {
        await page.waitForFunction(
            (lab) => document.getElementById(`lab-tab-${lab}`)?.getAttribute('aria-selected') === 'true',
            name
        );
        await wait_in_view(page, `#lab-panel-${name}`);
        const expected = {
            undefined: {},
            tanh_vs_relu: {
                'same_seed_ab-copy-0': 'tanh',
                'same_seed_ab-copy-1': 'relu',
                'same_seed_ab-copy-2': '',
                'same_seed_ab-copy-3': '',
            },
            negative_bias: { 'dying_relu-scenario': 'negative_bias', 'dying_relu-bias': '-0.5' },
        }[setup];
        if (name === 'dying_relu' && !setup) expected['dying_relu-scenario'] = 'large_learning_rate';
        const values = await page.evaluate(
            (ids) => Object.fromEntries(ids.map((id) => [id, document.getElementById(id).value])),
            Object.keys(expected)
        );
        assert.deepEqual(values, expected, target);
    } else if (section === 'trainer') {
        await page.waitForFunction(
            (preset) => document.querySelector('[data-control="trainer_preset"]')?.value === preset,
            name
        );
        await wait_in_view(page, '#trainer');
    } else if (section === 'explorer') {
        const names = name.split(',');
        await page.waitForFunction((wanted) => {
            const checked = [...document.querySelectorAll('input[name="activation"]')]
                .filter((b) => b.checked)
                .map((b) => b.value);
            return (
                checked.length === wanted.length &&
                wanted.every((n) => checked.includes(n)) &&
                document.getElementById('explorer-focus').value === wanted[0]
            );
        }, names);
        await wait_in_view(page, '#explorer');
    } else {
        throw new Error(`no check for ${target}`);
    }
}

// In the page: every live example of the open chapter against the kernels, through
// globalThis.relu_lab only. Returns a list of mismatches (empty when all agree).
function check_examples_in_page() {
    const lab = globalThis.relu_lab;
    const problems = [];
    const same = (got, expected, what) => {
        if (!(
            got === expected ||
            (Number.isNaN(got) && Number.isNaN(expected)) ||
            Math.abs(got - expected) <= 1e-12 * Math.max(1, Math.abs(expected))
        ))
            problems.push(`${what}: shows ${got}, kernels give ${expected}`);
    };
    const values = (row) => [...row.querySelectorAll('td')].map((c) => Number(c.dataset.value));
    const rows = (selector) => [...document.querySelectorAll(`${selector} tbody tr`)];
    const relu = (x) => lab.forward('relu', [x])[0];
    const checks = {
        relu_vector(ex) {
            const { x } = ex.inputs();
            const [xs, ys] = rows('#learn-relu-vector-table').map(values);
            const expected = lab.forward('relu', x);
            if (xs.length !== x.length || ys.length !== x.length) problems.push('relu_vector: lengths');
            expected.forEach((e, i) => same(ys[i], e, `relu(${x[i]})`));
        },
        linear_collapse(ex) {
            const { x, w, b, v, c, table_every } = ex.inputs();
            rows('#learn-collapse-chart-table').forEach((row, r) => {
                const xi = x[r * table_every];
                let linear = c;
                let bent = c;
                for (let k = 0; k < w.length; k++) {
                    const z = Math.fround(w[k] * xi + b[k]);
                    linear += v[k] * z;
                    bent += v[k] * relu(z);
                }
                const [shown_linear, shown_relu] = values(row);
                same(shown_linear, linear, `collapse linear at ${xi}`);
                same(shown_relu, bent, `collapse relu at ${xi}`);
            });
        },
        kink_conventions(ex) {
            const { kinks } = ex.inputs();
            rows('#learn-kinks-table').forEach((row, i) =>
                same(
                    values(row)[0],
                    lab.derivative(kinks[i].name, [kinks[i].x], kinks[i].param)[0],
                    `${kinks[i].name}'(${kinks[i].x})`
                )
            );
        },
        derivative_mask(ex) {
            const { x, dy } = ex.inputs();
            const [, mask, , dx] = rows('#learn-mask-table').map(values);
            const d = lab.derivative('relu', x);
            d.forEach((e, i) => {
                same(mask[i], e, `relu'(${x[i]})`);
                same(dx[i], e * dy[i], `dx[${i}]`);
            });
        },
        gradient_depth(ex) {
            const { depth, x } = ex.inputs();
            const shown = rows('#learn-depth-chart-table').map(values);
            if (shown.length !== depth) problems.push(`gradient_depth: ${shown.length} rows for ${depth} layers`);
            ['sigmoid', 'tanh', 'relu'].forEach((name, column) => {
                const factors = lab.derivative(name, new Array(depth).fill(x));
                let product = 1;
                factors.forEach((f, k) => {
                    product *= f;
                    same(shown[k][column], product, `${name} product after ${k + 1} layers`);
                });
            });
        },
        sparsity_count(ex) {
            const { x } = ex.inputs();
            const zeros = lab.forward('relu', x).filter((y) => y === 0).length;
            same(Number(document.querySelector('#learn-sparsity-text .learn-value').dataset.value), zeros, 'zeros');
        },
        sigmoid_tanh_curves(ex) {
            const { x, table_every } = ex.inputs();
            rows('#learn-squash-chart-table').forEach((row, r) => {
                const xi = x[r * table_every];
                const shown = values(row);
                same(shown[0], lab.forward('sigmoid', [xi])[0], `sigmoid(${xi})`);
                same(shown[1], lab.derivative('sigmoid', [xi])[0], `sigmoid'(${xi})`);
                same(shown[2], lab.forward('tanh', [xi])[0], `tanh(${xi})`);
                same(shown[3], lab.derivative('tanh', [xi])[0], `tanh'(${xi})`);
            });
        },
        dead_units(ex) {
            const { units, inputs, shift, bias_offsets, noise, leaky_slope } = ex.inputs();
            const dead = (name, param, s) => {
                const pre = noise.map((e, i) => Math.fround(s + bias_offsets[Math.floor(i / inputs)] + e));
                const d = lab.derivative(name, pre, param);
                let count = 0;
                for (let u = 0; u < units; u++)
                    if (d.slice(u * inputs, (u + 1) * inputs).every((g) => g === 0)) count++;
                return count;
            };
            // Every fourth row of the table, and the sentence at the slider's mean bias.
            rows('#learn-dead-chart-table').forEach((row, r) => {
                if (r % 4 !== 0) return;
                const s = Number(row.querySelector('th').dataset.value);
                const [relu_share, leaky_share] = values(row);
                same(relu_share, dead('relu', undefined, s) / units, `dead ReLU share at ${s}`);
                same(leaky_share, dead('leaky_relu', leaky_slope, s) / units, `dead Leaky ReLU share at ${s}`);
            });
            const [relu_dead, leaky_dead] = [...document.querySelectorAll('#learn-dead-summary .learn-value')].map(
                (e) => Number(e.dataset.value)
            );
            same(relu_dead, dead('relu', undefined, shift), `dead ReLU units at ${shift}`);
            same(leaky_dead, dead('leaky_relu', leaky_slope, shift), `dead Leaky ReLU units at ${shift}`);
        },
        relu_mean(ex) {
            const { x } = ex.inputs();
            const mean = lab.forward('relu', x).reduce((a, b) => a + b, 0) / x.length;
            same(Number(document.querySelector('#learn-mean-text .learn-value').dataset.value), mean, 'mean');
        },
        variants_curves(ex) {
            const { points, functions, params } = ex.inputs();
            rows('#learn-variants-table').forEach((row, i) => {
                const expected = lab.forward(functions[i], points, params[functions[i]]);
                values(row).forEach((v, j) => same(v, expected[j], `${functions[i]}(${points[j]})`));
            });
        },
        conv_patch(ex) {
            const { image, filter, bias } = ex.inputs();
            const pre = [];
            for (let r = 0; r < 4; r++) {
                for (let c = 0; c < 4; c++) {
                    let sum = bias;
                    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) sum += image[r + i][c + j] * filter[i][j];
                    pre.push(Math.fround(sum));
                }
            }
            const post = lab.forward('relu', pre);
            const cells = (id) => [...document.querySelectorAll(`#${id} td`)].map((td) => Number(td.dataset.value));
            cells('learn-conv-before').forEach((v, i) => same(v, pre[i], `pre-activation ${i}`));
            cells('learn-conv-after').forEach((v, i) => same(v, post[i], `relu ${i}`));
            const pooled = [0, 2, 8, 10].map((k) => Math.max(post[k], post[k + 1], post[k + 4], post[k + 5]));
            cells('learn-conv-pooled').forEach((v, i) => same(v, pooled[i], `pooled ${i}`));
        },
        cnn_shapes() {
            const table = [...document.querySelectorAll('#learn-shapes-table tbody tr')].map((row) =>
                [...row.children].map((c) => c.dataset.value ?? c.textContent)
            );
            const shapes = table.map((r) => r[1]);
            const parameters = table.map((r) => r[2]);
            if (JSON.stringify(parameters.slice(1)) !== JSON.stringify(['640', '0', '0', '1384576', '1290', '1386506']))
                problems.push(`cnn parameters ${parameters}`);
            if (
                JSON.stringify(shapes.slice(0, 6)) !==
                JSON.stringify(['28×28×1', '26×26×64', '13×13×64', '10,816', '128', '10'])
            )
                problems.push(`cnn shapes ${shapes}`);
        },
        init_signal(ex) {
            const { x, weights, stds, width, batch, depth } = ex.inputs();
            const shown = rows('#learn-init-chart-table').map(values);
            ['he', 'lecun', 'small'].forEach((scheme, column) => {
                let h = x;
                for (let l = 0; l < depth; l++) {
                    const z = new Array(batch * width);
                    for (let b = 0; b < batch; b++) {
                        for (let j = 0; j < width; j++) {
                            let sum = 0;
                            for (let i = 0; i < width; i++) sum += h[b * width + i] * weights[l][i * width + j];
                            z[b * width + j] = Math.fround(sum * stds[scheme]);
                        }
                    }
                    h = lab.forward('relu', z);
                    const rms = Math.sqrt(h.reduce((a, v) => a + v * v, 0) / h.length);
                    same(shown[l][column], rms, `${scheme} rms after layer ${l + 1}`);
                }
            });
        },
        stepped_sigmoids(ex) {
            const { x, copies, table_every } = ex.inputs();
            rows('#learn-stepped-chart-table').forEach((row, r) => {
                const xi = x[r * table_every];
                let sum = 0;
                for (let k = 1; k <= copies; k++) sum += lab.forward('sigmoid', [Math.fround(xi - k + 0.5)])[0];
                const shown = values(row);
                same(shown[0], sum, `sum of ${copies} sigmoids at ${xi}`);
                same(shown[1], lab.forward('softplus', [xi])[0], `softplus(${xi})`);
                same(shown[2], relu(xi), `relu(${xi})`);
            });
        },
    };
    const names = [...document.querySelectorAll('.learn-example')].map((e) => e.dataset.example);
    for (const name of names) {
        const example = lab.learn.example(name);
        if (!example || !checks[name]) problems.push(`${name}: no example or no check`);
        else checks[name](example);
    }
    return { names, problems };
}

describe('Learn in Chromium, served', () => {
    const shared = use_browser_and_server();

    test('the path: Learn first in the page and in the navigation, then Explorer, Labs, Trainer, Quiz', async () => {
        const { page, errors, requests } = await open_fresh(shared.browser.context, shared.server.url);
        assert.deepEqual(await page.$$eval('main > section.page-section', (s) => s.map((e) => e.id)), [
            'learn',
            'explorer',
            'labs',
            'trainer',
            'quiz',
        ]);
        assert.deepEqual(await page.$$eval('.section-nav a', (a) => a.map((e) => e.getAttribute('href'))), [
            '#learn',
            '#explorer',
            '#labs',
            '#trainer',
            '#quiz',
        ]);
        // A first visit starts at chapter 1 and does not scroll the page away from its top.
        assert.equal(await page.evaluate(() => relu_lab.learn.current()), 'definition');
        assert.equal(await page.evaluate(() => scrollY), 0);
        // The last chapter's "next" leads on to the explorer.
        await open_chapter(page, 'history');
        assert.equal(await page.getAttribute('.learn-next', 'href'), '#explorer');
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign_requests(requests, shared.server.url), []);
        await page.close();
    });

    test('every chapter renders in all five languages at 320 px (German also at 1280), with no raw key and no overflow', async () => {
        for (const tag of languages) {
            const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?lang=${tag}`);
            await ready(page);
            // Raw keys and placeholders do not depend on the width, and the narrow screen is where
            // text overflows; the wide layout is checked once, in the language with the longest words.
            for (const width of tag === 'de' ? [320, 1280] : [320]) {
                await page.setViewportSize({ width, height: 800 });
                for (const id of chapter_ids) {
                    await page.evaluate((c) => relu_lab.learn.open(c), id);
                    await page.waitForFunction(
                        (c) => document.querySelector('.learn-chapter')?.dataset.chapter === c,
                        id
                    );
                    const state = await page.evaluate(() => {
                        const chapter = document.querySelector('.learn-chapter');
                        const text = document.getElementById('learn').innerText;
                        return {
                            title: document.getElementById('learn-chapter-title').textContent.trim(),
                            paragraphs: [...chapter.querySelectorAll('.learn-paragraph')].map(
                                (p) => p.textContent.trim().length
                            ),
                            examples: chapter.querySelectorAll('.learn-example').length,
                            canvases_drawn: [...chapter.querySelectorAll('canvas')].every(
                                (c) => c.width > 0 && c.height > 0
                            ),
                            cards: chapter.querySelectorAll('.learn-card').length,
                            raw_keys:
                                text.match(/\b(learn|explorer|quiz|labs|trainer|common)\.[a-z0-9_]+\.[a-z0-9_.]+/g) ??
                                [],
                            placeholders: text.match(/\{[a-z_]+\}/g) ?? [],
                            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                            lang: document.documentElement.lang,
                        };
                    });
                    const where = `${tag} ${width} px ${id}`;
                    assert.equal(state.lang, tag, where);
                    assert.ok(state.title.length > 0, where);
                    assert.ok(
                        state.paragraphs.length >= 2 && state.paragraphs.every((n) => n > 50),
                        `${where}: ${state.paragraphs}`
                    );
                    assert.ok(state.examples >= 1 && state.canvases_drawn, where);
                    assert.ok(state.cards >= 2 && state.cards <= 4, where);
                    assert.deepEqual(state.raw_keys, [], where);
                    assert.deepEqual(state.placeholders, [], where);
                    assert.ok(state.overflow <= 0, `${where}: ${state.overflow} px too wide`);
                }
            }
            assert.deepEqual(errors, [], tag);
            await page.close();
        }
    });

    test('every live example shows the numbers the kernels compute, also after the learner changes it', async () => {
        const { page, errors } = await open_fresh(shared.browser.context, shared.server.url);
        const seen = [];
        for (const id of chapter_ids) {
            await open_chapter(page, id);
            const { names, problems } = await page.evaluate(check_examples_in_page);
            assert.deepEqual(problems, [], id);
            seen.push(...names);
        }
        assert.equal(seen.length, 14, seen.join());
        // Changed by the learner: a new vector, another depth, another draw, another patch.
        await open_chapter(page, 'definition');
        await page.fill('#learn-relu-vector-input', '3, -0.5, 7, -1e-3');
        await page.waitForFunction(
            () => document.querySelectorAll('#learn-relu-vector-table tr:first-child td').length === 4
        );
        await page.click('#learn-collapse-redraw');
        await page.waitForFunction(() => relu_lab.learn.example('linear_collapse').inputs().seed === 2);
        assert.deepEqual((await page.evaluate(check_examples_in_page)).problems, []);
        await open_chapter(page, 'why_relu');
        await page.focus('#learn-depth-layers');
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
        await page.waitForFunction(() => document.querySelectorAll('#learn-depth-chart-table tbody tr').length === 15);
        await page.click('#learn-sparsity-redraw');
        await page.waitForFunction(() => relu_lab.learn.example('sparsity_count').inputs().seed === 2);
        assert.deepEqual((await page.evaluate(check_examples_in_page)).problems, []);
        await open_chapter(page, 'cnn');
        await page.click('#learn-conv-next');
        await page.waitForFunction(() => relu_lab.learn.example('conv_patch').inputs().position === 3);
        assert.equal(await page.textContent('#learn-conv-position'), 'Patch at row 1, column 4');
        assert.deepEqual((await page.evaluate(check_examples_in_page)).problems, []);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('every Try-it link lands on its lab, preset or curves with the stated set-up, in the page and as an address', async () => {
        const expected_targets = {
            definition: 'explorer/relu',
            derivative: 'labs/backprop_worked_example',
            why_relu: 'labs/vanishing_gradients',
            sigmoid_tanh: 'explorer/sigmoid,tanh',
            problems: 'labs/dying_relu',
            variants: 'explorer/relu,leaky_relu,prelu,elu',
            cnn: 'trainer/seed-keras',
            initialisation: 'labs/initialisation',
            history: 'labs/same_seed_ab/tanh_vs_relu',
        };
        const { page, errors } = await open_fresh(shared.browser.context, shared.server.url);
        // Disturb the set-ups first: a Try-it link must restore what it promises.
        await page.evaluate(() => {
            relu_lab.explorer.show_activations(['gelu']);
            document.getElementById('same_seed_ab-copy-0').value = 'elu';
            const scenario = document.getElementById('dying_relu-scenario');
            scenario.value = 'negative_bias';
            scenario.dispatchEvent(new Event('change'));
            relu_lab.trainer.set_plan(relu_lab.trainer.presets().small);
        });
        for (const id of chapter_ids) {
            await open_chapter(page, id);
            const target = await page.getAttribute('.learn-try-link', 'data-target');
            assert.equal(target, expected_targets[id], id);
            await page.click('.learn-try-link');
            await wait_for_target(page, target);
            assert.equal(await page.evaluate(() => decodeURIComponent(location.hash)), `#${target}`);
        }
        // Back returns to the chapter of the last link.
        await page.goBack();
        await wait_for_target(page, 'learn/history');
        assert.deepEqual(errors, []);
        await page.close();
        // The same targets opened as addresses: one of each kind (curves, a lab, a preset, a lab's variant).
        for (const target of [
            'explorer/sigmoid,tanh',
            'labs/dying_relu',
            'trainer/seed-keras',
            'labs/same_seed_ab/tanh_vs_relu',
        ]) {
            const fresh = await open_page(shared.browser.context, `${shared.server.url}#${target}`);
            await ready(fresh.page);
            await wait_for_target(fresh.page, target);
            assert.deepEqual(fresh.errors, [], target);
            await fresh.page.close();
        }
    });

    test('every quiz question\'s "learn more" target resolves, and a click shows it on screen', async () => {
        const { page, errors } = await open_fresh(shared.browser.context, shared.server.url);
        const targets = [...new Set(bank.questions.map((q) => q.learn_more))];
        assert.ok(targets.length >= 15, String(targets.length));
        for (const target of targets) {
            // The link the quiz's feedback shows, clicked where the feedback is.
            const made = await page.evaluate((t) => {
                const link = relu_lab.targets.link(t);
                if (!link) return null;
                link.id = 'test-learn-more';
                document.getElementById('test-learn-more')?.remove();
                document.getElementById('quiz').appendChild(link);
                return { href: link.getAttribute('href'), text: link.textContent };
            }, target);
            assert.ok(made, `${target} does not resolve`);
            assert.equal(made.href, `#${target}`);
            assert.match(made.text, /^Learn more: \S/, target);
            await page.evaluate(() => document.getElementById('quiz').scrollIntoView({ behavior: 'instant' }));
            await page.click('#test-learn-more');
            await wait_for_target(page, target);
        }
        // And a real feedback link: answer one question and follow its link.
        await page.evaluate(() => document.getElementById('quiz').scrollIntoView({ behavior: 'instant' }));
        await page.click('#quiz-start button[type="submit"]');
        await page.waitForSelector('#quiz-question:not([hidden])');
        const choice = await page.$('#quiz-answer-body input[type="radio"], #quiz-answer-body input[type="checkbox"]');
        if (choice) await choice.check();
        else await fill_numeric_answer(page, '0');
        await page.click('#quiz-check');
        await page.waitForSelector('#quiz-feedback .learn-more-link');
        const asked = await page.evaluate(() => relu_lab.quiz.snapshot().session.ids[0]);
        const question = bank.questions.find((q) => q.id === asked);
        assert.equal(await page.getAttribute('#quiz-feedback .learn-more-link', 'href'), `#${question.learn_more}`);
        await page.click('#quiz-feedback .learn-more-link');
        await wait_for_target(page, question.learn_more);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test("flashcards graded in Learn join the quiz's review schedule and come back in its session", async () => {
        const { page, errors } = await open_fresh(shared.browser.context, shared.server.url);
        await open_chapter(page, 'derivative');
        const card = '.learn-card[data-card="learn.derivative.1"]';
        await page.click(`${card} .learn-card-show`);
        await page.waitForSelector(`${card} .learn-card-back:not([hidden])`);
        await page.click(`${card} [data-grade="not_yet"]`);
        await page.waitForFunction(
            (c) => document.querySelector(`${c} [data-grade="not_yet"]`).getAttribute('aria-pressed') === 'true',
            card
        );
        assert.match(await page.textContent(`${card} .learn-card-status`), /due in the quiz’s review now/);
        const second = '.learn-card[data-card="learn.derivative.2"]';
        await page.click(`${second} .learn-card-show`);
        await page.click(`${second} [data-grade="knew"]`);
        await page.waitForFunction(
            (c) => document.querySelector(`${c} [data-grade="knew"]`).getAttribute('aria-pressed') === 'true',
            second
        );
        const cards = await page.evaluate(
            () => relu_lab.quiz.snapshot().progress.banks['relu-lab-core'].schedule.cards
        );
        assert.equal(cards['learn.derivative.1'].box, 1);
        assert.ok(cards['learn.derivative.1'].due_ms <= Date.now());
        assert.equal(cards['learn.derivative.2'].box, 2);
        // The quiz's schedule counts them: one card in box 1 (due now), one in box 2.
        await page.waitForFunction(
            () =>
                document.querySelector('#quiz-schedule tr[data-box="1"] td')?.textContent === '1' &&
                document.querySelector('#quiz-schedule tr[data-box="2"] td')?.textContent === '1'
        );
        assert.match(await page.textContent('#quiz-due'), /1/);
        // A session starts with the due card, shown as a flashcard.
        await page.evaluate(() => document.getElementById('quiz').scrollIntoView({ behavior: 'instant' }));
        await page.click('#quiz-start button[type="submit"]');
        await page.waitForSelector('#quiz-question:not([hidden])');
        assert.equal(await page.evaluate(() => relu_lab.quiz.snapshot().session.ids[0]), 'learn.derivative.1');
        assert.equal(await page.textContent('#quiz-prompt'), 'What is relu′(x) for x > 0, for x < 0, and at x = 0?');
        await page.click('#quiz-answer-body details summary');
        await page.check('#quiz-answer-body input[value="knew"]');
        await page.click('#quiz-check');
        await page.waitForSelector('#quiz-feedback .quiz-verdict');
        assert.match(await page.textContent('#quiz-feedback'), /Flashcard from chapter 2/);
        assert.equal(await page.getAttribute('#quiz-feedback .learn-more-link', 'href'), '#learn/derivative');
        await page.waitForFunction(
            () =>
                relu_lab.quiz.snapshot().progress.banks['relu-lab-core'].schedule.cards['learn.derivative.1'].box === 2
        );
        // Kept in storage: after a reload the cards are still in the schedule.
        await page.reload();
        await ready(page);
        const after = await page.evaluate(() =>
            Object.keys(relu_lab.quiz.snapshot().progress.banks['relu-lab-core'].schedule.cards)
        );
        assert.ok(after.includes('learn.derivative.1') && after.includes('learn.derivative.2'), after.join());
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('chapters read are marked and remembered; a load without a target resumes at the last chapter', async () => {
        const { page, errors } = await open_fresh(shared.browser.context, shared.server.url);
        await open_chapter(page, 'cnn');
        // The page scrolls smoothly to the chapter's title: a chapter counts as read only once
        // its title has been on screen, so wait for that before jumping to the end.
        await wait_in_view(page, '#learn-chapter-title');
        await wait_scroll_settled(page);
        // Read to the end: the chapter is marked in the table of contents.
        await page.evaluate(() => document.querySelector('.learn-chapter-end').scrollIntoView({ behavior: 'instant' }));
        await page.waitForFunction(
            () => document.querySelector('.learn-toc-list li[data-chapter="cnn"]').dataset.read === 'true'
        );
        assert.match(await page.textContent('.learn-progress'), /^1 of 9 chapters read$/);
        // "Next" marks the chapter it ends as read too.
        await open_chapter(page, 'problems');
        await page.click('.learn-next');
        await page.waitForFunction(() => document.querySelector('.learn-chapter').dataset.chapter === 'variants');
        await page.waitForFunction(
            () => document.querySelector('.learn-toc-list li[data-chapter="problems"]').dataset.read === 'true'
        );
        await page.evaluate(() => scrollTo({ top: document.body.scrollHeight, behavior: 'instant' }));
        // A fresh load of the plain address opens the last chapter and scrolls to it.
        await page.goto(shared.server.url);
        await ready(page);
        assert.equal(await page.evaluate(() => relu_lab.learn.current()), 'variants');
        await wait_in_view(page, '#learn-chapter-title');
        assert.deepEqual(
            await page.$$eval('.learn-toc-list li[data-read="true"]', (li) => li.map((e) => e.dataset.chapter)),
            ['problems', 'cnn']
        );
        // Storage holding rubbish: the section starts clean instead of failing.
        await page.evaluate(() =>
            localStorage.setItem(
                'relu-lab.learn.progress',
                '{"format":"relu-lab-learn-progress","version":1,"read":["__proto__",{}],"last":"<img>"}'
            )
        );
        await page.reload();
        await ready(page);
        assert.equal(await page.evaluate(() => relu_lab.learn.current()), 'definition');
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('keyboard only: Tab reaches chapters, examples, Try-it and flashcards; Enter and Space operate them', async () => {
        const { page, errors } = await open_fresh(shared.browser.context, shared.server.url);
        const tab_to = async (selector, limit = 120) => {
            for (let i = 0; i < limit; i++) {
                await page.keyboard.press('Tab');
                if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
            }
            assert.fail(`Tab never reached ${selector}`);
        };
        await tab_to('.learn-toc-list li[data-chapter="derivative"] a');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.querySelector('.learn-chapter').dataset.chapter === 'derivative');
        // The chapter's heading has the focus, so reading goes on from there.
        await page.waitForFunction(() => document.activeElement?.id === 'learn-chapter-title');
        await tab_to('#learn-mask-x');
        await page.keyboard.press('Control+A');
        await page.keyboard.type('1, -1');
        await tab_to('#learn-mask-dy');
        await page.keyboard.press('Control+A');
        await page.keyboard.type('5, 5');
        await page.waitForFunction(
            () =>
                [...document.querySelectorAll('#learn-mask-table tr:last-child td')]
                    .map((c) => c.dataset.value)
                    .join() === '5,0'
        );
        await tab_to('.learn-card[data-card="learn.derivative.1"] .learn-card-show');
        await page.keyboard.press('Space');
        await page.waitForSelector('.learn-card[data-card="learn.derivative.1"] .learn-card-back:not([hidden])');
        await page.waitForFunction(() => document.activeElement?.dataset.grade === 'knew');
        await page.keyboard.press('Enter');
        await page.waitForFunction(
            () =>
                document
                    .querySelector('.learn-card[data-card="learn.derivative.1"] [data-grade="knew"]')
                    .getAttribute('aria-pressed') === 'true'
        );
        // Back to the Try-it link (Shift+Tab), then follow it.
        for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.matches('.learn-try-link'))); i++)
            await page.keyboard.press('Shift+Tab');
        assert.ok(await page.evaluate(() => document.activeElement?.matches('.learn-try-link')));
        await page.keyboard.press('Enter');
        await wait_for_target(page, 'labs/backprop_worked_example');
        await page.waitForFunction(() => document.activeElement?.id === 'lab-panel-backprop_worked_example');
        // In the CNN chapter the patch steps with the keyboard.
        await page.evaluate(() => relu_lab.learn.open('cnn'));
        await page.focus('#learn-chapter-title');
        await tab_to('#learn-conv-next');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => relu_lab.learn.example('conv_patch').inputs().position === 3);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('print: "Print this chapter" prints the chapter alone, without controls, charts as images', async () => {
        const { page, errors } = await open_fresh(shared.browser.context, shared.server.url);
        await open_chapter(page, 'why_relu');
        // The browser's print dialog would block a headless run: count the calls instead.
        await page.evaluate(() => {
            globalThis.print_calls = 0;
            globalThis.print = () => {
                globalThis.print_calls++;
            };
        });
        await page.click('.learn-print');
        await page.waitForFunction(
            () => globalThis.print_calls === 1 && document.documentElement.dataset.print === 'learn-chapter'
        );
        await page.emulateMedia({ media: 'print' });
        const shown = await page.evaluate(() => {
            const visible = (s) => [...document.querySelectorAll(s)].some((e) => e.checkVisibility());
            return {
                chapter: visible('.learn-chapter'),
                paragraphs: visible('.learn-paragraph'),
                canvas: visible('.learn-chapter canvas'),
                toc: visible('.learn-toc'),
                buttons: visible('.learn-chapter button'),
                sliders: visible('.learn-chapter input'),
                other_sections: visible('#explorer, #labs, #trainer, #quiz'),
                header: visible('.site-header'),
                card_backs: visible('.learn-card-back'),
            };
        });
        assert.deepEqual(shown, {
            chapter: true,
            paragraphs: true,
            canvas: true,
            toc: false,
            buttons: false,
            sliders: false,
            other_sections: false,
            header: false,
            card_backs: true,
        });
        await page.screenshot({ path: join(root, 'build', 'screenshots', 'learn-print.png'), fullPage: true });
        const pdf = await page.pdf({ format: 'A4' });
        assert.ok(pdf.byteLength > 20_000, `${pdf.byteLength} bytes`);
        await page.evaluate(() => dispatchEvent(new Event('afterprint')));
        await page.waitForFunction(() => document.documentElement.dataset.print === undefined);
        await page.emulateMedia({ media: 'screen' });
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('embedded: Learn alone, or hidden; links never lead to a hidden section', async () => {
        const alone = await open_page(shared.browser.context, `${shared.server.url}?sections=learn`);
        await ready(alone.page);
        assert.equal(await alone.page.isVisible('#learn'), true);
        assert.equal(await alone.page.isVisible('#explorer'), false);
        // Try-it targets live in hidden sections here: no link to nowhere.
        assert.equal(await alone.page.isVisible('.learn-try-it'), false);
        assert.equal(await alone.page.evaluate(() => relu_lab.targets.available('labs/dying_relu')), false);
        assert.equal(await alone.page.evaluate(() => relu_lab.targets.available('learn/cnn')), true);
        assert.deepEqual(alone.errors, []);
        await alone.page.close();

        const quiz_only = await open_page(shared.browser.context, `${shared.server.url}?sections=quiz`);
        await ready(quiz_only.page);
        assert.equal(await quiz_only.page.isVisible('#learn'), false);
        assert.equal(await quiz_only.page.evaluate(() => relu_lab.targets.available('learn/definition')), false);
        assert.equal(await quiz_only.page.evaluate(() => relu_lab.targets.link('learn/definition')), null);
        assert.deepEqual(quiz_only.errors, []);
        await quiz_only.page.close();

        // A course that locked the lab picker and the trainer preset: links do not unlock them.
        const locked = await open_page(shared.browser.context, `${shared.server.url}?lock=labs_lab,trainer_preset`);
        await ready(locked.page);
        assert.deepEqual(
            await locked.page.evaluate(() =>
                ['labs/dying_relu', 'labs/vanishing_gradients', 'trainer/small', 'trainer/seed-keras', 'learn/cnn'].map(
                    (t) => relu_lab.targets.available(t)
                )
            ),
            [false, true, false, true, true]
        );
        assert.deepEqual(locked.errors, []);
        await locked.page.close();
    });

    test('axe-core finds no serious or critical violation in any chapter, flashcards open', async () => {
        const { page, errors } = await open_page(shared.browser.context, `${shared.server.url}?sections=learn`);
        await ready(page);
        await page.evaluate(axe_source);
        const found = {};
        // On a phone wide formulas and tables scroll sideways: those must take the focus.
        for (const width of [1280, 320]) {
            await page.setViewportSize({ width, height: 800 });
            for (const id of chapter_ids) {
                await page.evaluate((c) => relu_lab.learn.open(c), id);
                await page.waitForFunction((c) => document.querySelector('.learn-chapter')?.dataset.chapter === c, id);
                await page.click('.learn-card .learn-card-show');
                await page.evaluate(() => {
                    for (const d of document.querySelectorAll('.learn-data-table')) d.open = true;
                });
                // Opened tables change size: wait until every scrolling region is focusable.
                await page.waitForFunction(() =>
                    [...document.querySelectorAll('.learn-chapter .learn-formula, .learn-chapter .table-scroll')].every(
                        (e) => e.scrollWidth <= e.clientWidth + 1 || e.tabIndex === 0
                    )
                );
                const violations = await page.evaluate(async () => {
                    const r = await globalThis.axe.run(document.getElementById('learn'), {
                        resultTypes: ['violations'],
                    });
                    return r.violations
                        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                        .map(
                            (v) =>
                                `${v.id}: ${v.nodes
                                    .slice(0, 3)
                                    .map((n) => n.target.join(' '))
                                    .join(', ')}`
                        );
                });
                if (violations.length) found[`${id} at ${width} px`] = violations;
            }
        }
        assert.deepEqual(found, {});
        assert.deepEqual(errors, []);
        await page.close();
    });
});

describe('Learn opened from file://', () => {
    const shared = use_browser_and_server();

    test('chapters, live examples and a Try-it link work from disk, requesting nothing else', async () => {
        const url = pathToFileURL(join(dist_dir, 'index.html')).href;
        const { page, errors, requests } = await open_page(shared.browser.context, url);
        await ready(page);
        for (const id of ['definition', 'cnn', 'initialisation']) {
            await open_chapter(page, id);
            assert.deepEqual((await page.evaluate(check_examples_in_page)).problems, [], id);
        }
        await open_chapter(page, 'problems');
        await page.click('.learn-try-link');
        await wait_for_target(page, 'labs/dying_relu');
        assert.equal(await page.evaluate(() => location.hash), '#labs/dying_relu');
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign_requests(requests, url), []);
        await page.close();
    });
});
