// What the network sees: the first layer's filters, feature maps before and after each
// activation for a chosen digit (a map opens "inside one unit", unit_drill_down.js), a confusion matrix on the held-out digits whose cells
// open the images behind them, and a gallery of the misclassified digits. Everything is
// asked of the trainer worker's current model (web/workers/model_inspection.js) and
// refreshed when the model changes or an epoch ends, while the section is on screen.
//
// mount_insight(element, { client, draw_pad }) -> { ready, refresh, show_digit }
//   client: trainer_client.js; draw_pad (optional): mount_draw_pad's result, whose
//   drawn or picked digit becomes the chosen digit.
import { apply_translations, format_number, on_language_change, t } from '../../i18n/i18n.js';
import {
    confusion_examples,
    diverging_rgba,
    grey_rgba,
    max_abs,
    misclassified_examples,
    negative_fraction,
    top_classes,
    zero_fraction,
} from '../pixels/digit_pixels.js';
import { paint_pixels, theme_colours } from '../pixels/paint.js';
import { percent_text } from '../pixels/percent_text.js';
import { refusal_text } from '../refusal_text.js';
import { can_drill_down, create_unit_drill_down, dense_grid } from './unit_drill_down.js';

const digit_side = 28;
const gallery_size = 24;
const cell_examples_limit = 60;
const map_target_px = 56; // a feature map is drawn about this wide
const filter_target_px = 48;

export function mount_insight(element, { client, draw_pad = null }) {
    const root = document.createElement('div');
    root.className = 'insight';
    root.innerHTML = template();
    element.appendChild(root);
    apply_translations(root);
    const $ = (selector) => root.querySelector(selector);
    let colours = theme_colours(root);
    const drill_down = create_unit_drill_down($('.insight-unit-slot'), { client, colours: () => colours });

    const state = {
        digit: null, // { pixels: Float32Array | Uint8Array [784], source: 'drawing' | { sample, label } | { eval_index, label } }
        outputs: null, // the last layer_outputs answer
        pair: 0, // which activation's before/after is shown
        details: null, // the last evaluate_details answer
        cells: null, // confusion_examples of details
        open_cell: null, // [true, predicted] whose examples are shown
        dirty: true,
        visible: false,
    };

    const pf = (p) => format_number(100 * p, { maximum_fraction_digits: 1 });
    const fmt = (v) => format_number(v, { maximum_fraction_digits: 3 });

    // --- refreshing ---------------------------------------------------------------------------
    let refreshing = null;
    async function refresh() {
        if (refreshing) {
            // Asked again mid-way (say, an epoch ended): go once more when this one ends.
            state.dirty = true;
            return refreshing;
        }
        refreshing = (async () => {
            state.dirty = false;
            colours = theme_colours(root);
            set_status('trainer_insight.status_updating');
            const status = await client.request('status');
            if (!status?.has_model) {
                set_status('trainer_insight.status_no_model');
                return;
            }
            await Promise.all([render_filters(), render_feature_maps(), render_evaluation()]);
            set_status('trainer_insight.status_updated', { epochs: status.epoch ?? 0 });
            root.dataset.updated = String(Number(root.dataset.updated ?? 0) + 1);
        })()
            .catch((error) => {
                set_status('trainer_insight.status_failed', { detail: error?.message ?? String(error) });
            })
            .finally(() => {
                refreshing = null;
                if (state.dirty && state.visible) refresh();
            });
        return refreshing;
    }

    function request_refresh() {
        state.dirty = true;
        if (state.visible) refresh();
    }

    function set_status(key, params = {}) {
        $('.insight-status').textContent = t(key, params);
    }

    // Work only while the section is on screen; catch up when it comes into view.
    if (typeof IntersectionObserver === 'function') {
        new IntersectionObserver((entries) => {
            state.visible = entries.some((e) => e.isIntersecting);
            if (state.visible && state.dirty) refresh();
        }).observe(root);
    } else state.visible = true;

    client.on('model_changed', request_refresh);
    client.on('epoch_end', request_refresh);
    client.on('fine_tuned', request_refresh);
    $('[data-control="insight_refresh"]').addEventListener('click', () => refresh());

    // --- first-layer filters ------------------------------------------------------------------
    async function render_filters() {
        const answer = await client.request('first_layer_filters');
        const grid = $('.insight-filters');
        grid.replaceChildren();
        const caption = $('.insight-filters-caption');
        if (!answer?.ok) {
            caption.textContent = refusal_text(answer);
            return;
        }
        const { filters, channels, kernel_size: k, weights } = answer;
        const scale = Math.max(4, Math.floor(filter_target_px / k));
        for (let f = 0; f < filters; f++) {
            // The first input channel of each filter (digits have one channel).
            const begin = f * channels * k * k;
            const values = weights.subarray(begin, begin + k * k);
            const limit = max_abs(values);
            const figure = document.createElement('figure');
            figure.className = 'insight-filter';
            const canvas = document.createElement('canvas');
            canvas.setAttribute('role', 'img');
            canvas.setAttribute(
                'aria-label',
                t('trainer_insight.filter_label', {
                    number: f + 1,
                    min: fmt(Math.min(...values)),
                    max: fmt(Math.max(...values)),
                })
            );
            paint_pixels(
                canvas,
                diverging_rgba(values, limit, colours.negative, colours.paper, colours.positive),
                k,
                k,
                scale
            );
            const label = document.createElement('figcaption');
            label.textContent = String(f + 1);
            figure.append(canvas, label);
            grid.appendChild(figure);
        }
        caption.textContent = t('trainer_insight.filters_caption', { filters, size: k });
    }

    // --- feature maps ---------------------------------------------------------------------------
    function chosen_digit() {
        return state.digit ?? (draw_pad?.current_image() ? { ...draw_pad.current_image() } : null);
    }

    async function render_feature_maps() {
        const digit = chosen_digit();
        const maps = $('.insight-maps');
        render_chosen_digit(digit);
        if (!digit) {
            maps.replaceChildren();
            $('.insight-maps-empty').hidden = false;
            $('.insight-pair-picker').hidden = true;
            return;
        }
        $('.insight-maps-empty').hidden = true;
        const answer = await client.request('layer_outputs', { pixels: digit.pixels });
        if (!answer?.ok) {
            maps.textContent = refusal_text(answer);
            return;
        }
        state.outputs = answer;
        const pairs = activation_pairs(answer.layers);
        const select = $('[data-control="insight_layer"]');
        const previous = select.value;
        select.replaceChildren(
            ...pairs.map(
                (p, i) =>
                    new Option(
                        t('trainer_insight.pair_option', { before: p.before.name, after: p.after.name }),
                        String(i)
                    )
            )
        );
        $('.insight-pair-picker').hidden = pairs.length === 0;
        if (previous && Number(previous) < pairs.length) select.value = previous;
        state.pair = Number(select.value || 0);
        draw_pair(pairs[state.pair]);
        drill_down.refresh(answer, pairs[state.pair]);
        const best = top_classes(answer.probabilities, 1)[0];
        $('.insight-digit-verdict').textContent = t('trainer_insight.digit_verdict', {
            digit: best.label,
            percent: percent_text(best.probability),
        });
    }

    $('[data-control="insight_layer"]').addEventListener('change', (event) => {
        state.pair = Number(event.target.value);
        if (!state.outputs) return;
        const pair = activation_pairs(state.outputs.layers)[state.pair];
        draw_pair(pair);
        drill_down.refresh(state.outputs, pair);
    });

    function activation_pairs(layers) {
        return layers
            .filter((l) => l.pre_activation_of >= 0)
            .map((after) => ({ before: layers[after.pre_activation_of], after }));
    }

    function draw_pair(pair) {
        const maps = $('.insight-maps');
        maps.replaceChildren();
        if (!pair) return;
        const limit = max_abs(pair.before.values);
        const negative = negative_fraction(pair.before.values);
        const zeros = zero_fraction(pair.after.values);
        maps.append(
            map_block(
                pair,
                pair.before,
                limit,
                t('trainer_insight.maps_before', { name: pair.before.name }),
                t('trainer_insight.maps_before_stat', { percent: pf(negative) })
            ),
            map_block(
                pair,
                pair.after,
                limit,
                t('trainer_insight.maps_after', { name: pair.after.name }),
                t('trainer_insight.maps_after_stat', { percent: pf(zeros) })
            )
        );
        $('.insight-maps-caption').textContent = t('trainer_insight.maps_caption', { limit: fmt(limit) });
    }

    // A map (or a dense layer's row of units) opens "inside one unit" when its layer can be
    // recomputed there; the click's position picks the unit of a dense layer.
    function openable(canvas, pair, channel, label) {
        if (!can_drill_down(pair.before)) return canvas;
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'insight-map-button';
        button.dataset.channel = String(channel);
        button.setAttribute('aria-label', label);
        canvas.removeAttribute('role');
        canvas.setAttribute('aria-hidden', 'true');
        button.appendChild(canvas);
        button.addEventListener('click', (event) => {
            let unit = null;
            if (pair.before.type === 'dense' && event.detail > 0) {
                // A pointer click: the unit under it (a keyboard press has no position).
                const box = canvas.getBoundingClientRect();
                const { width: cols, height: rows } = dense_grid(pair.before.channels);
                const column = Math.floor(((event.clientX - box.left) / box.width) * cols);
                const row = Math.floor(((event.clientY - box.top) / box.height) * rows);
                const index = row * cols + column;
                if (column >= 0 && column < cols && index >= 0 && index < pair.before.channels) unit = index;
            }
            drill_down.open({ outputs: state.outputs, pair, channel, unit, return_focus: button });
        });
        return button;
    }

    function map_block(pair, layer, limit, title, stat) {
        const block = document.createElement('section');
        block.className = 'insight-map-block';
        const heading = document.createElement('h5');
        heading.textContent = title;
        const note = document.createElement('p');
        note.className = 'insight-map-stat';
        note.textContent = stat;
        const grid = document.createElement('div');
        grid.className = 'insight-map-grid';
        const per_map = layer.height * layer.width;
        if (per_map === 1) {
            // A dense layer: its units as rows of cells.
            const { width: cols, height: rows } = dense_grid(layer.channels);
            const padded = new Float32Array(rows * cols);
            padded.set(layer.values);
            const canvas = document.createElement('canvas');
            canvas.setAttribute('role', 'img');
            canvas.setAttribute(
                'aria-label',
                t('trainer_insight.dense_label', { units: layer.channels, name: layer.name })
            );
            paint_pixels(
                canvas,
                diverging_rgba(padded, limit, colours.negative, colours.paper, colours.positive),
                cols,
                rows,
                9
            );
            canvas.className = 'insight-dense';
            grid.appendChild(
                openable(
                    canvas,
                    pair,
                    0,
                    t('trainer_insight.unit_open_dense', { units: layer.channels, name: layer.name })
                )
            );
        } else {
            const scale = Math.max(1, Math.floor(map_target_px / layer.width));
            for (let c = 0; c < layer.channels; c++) {
                const values = layer.values.subarray(c * per_map, (c + 1) * per_map);
                const canvas = document.createElement('canvas');
                canvas.setAttribute('role', 'img');
                canvas.setAttribute(
                    'aria-label',
                    t('trainer_insight.map_label', {
                        channel: c + 1,
                        min: fmt(Math.min(...values)),
                        max: fmt(Math.max(...values)),
                    })
                );
                paint_pixels(
                    canvas,
                    diverging_rgba(values, limit, colours.negative, colours.paper, colours.positive),
                    layer.width,
                    layer.height,
                    scale
                );
                grid.appendChild(
                    openable(
                        canvas,
                        pair,
                        c,
                        `${canvas.getAttribute('aria-label')}. ${t('trainer_insight.unit_open_map', { channel: c + 1 })}`
                    )
                );
            }
        }
        block.append(heading, note, grid);
        return block;
    }

    function render_chosen_digit(digit) {
        const canvas = $('.insight-digit canvas');
        const text = $('.insight-digit-source');
        if (!digit) {
            paint_pixels(
                canvas,
                grey_rgba(new Float32Array(digit_side * digit_side), colours.ink, colours.paper),
                digit_side,
                digit_side,
                2
            );
            text.textContent = t('trainer_insight.digit_none');
            canvas.setAttribute('aria-label', t('trainer_insight.digit_none'));
            $('.insight-digit-verdict').textContent = '';
            return;
        }
        const values =
            digit.pixels instanceof Float32Array ? digit.pixels : Float32Array.from(digit.pixels, (v) => v / 255);
        paint_pixels(canvas, grey_rgba(values, colours.ink, colours.paper), digit_side, digit_side, 2);
        const s = digit.source;
        let source_text;
        if (s?.eval_index !== undefined)
            source_text = t('trainer_insight.digit_from_eval', { number: s.eval_index + 1, label: s.label });
        else if (s && s !== 'drawing' && s.label !== null && s.label !== undefined)
            source_text = t('trainer_insight.digit_from_sample', { label: s.label });
        else source_text = t('trainer_insight.digit_from_pad');
        text.textContent = source_text;
        canvas.setAttribute('aria-label', source_text);
    }

    // Shows the feature maps of a given digit (from the gallery or a confusion cell).
    function show_digit(pixels, source) {
        state.digit = { pixels, source };
        render_feature_maps().catch(() => {});
        $('.insight-maps-section').scrollIntoView?.({ block: 'start' });
        $('.insight-maps-title').focus({ preventScroll: true });
    }

    draw_pad?.on_image((image) => {
        state.digit = null; // the pad's newest digit takes over
        if (image && state.visible) render_feature_maps().catch(() => {});
        else if (image) state.dirty = true;
    });
    $('[data-control="insight_use_pad"]').addEventListener('click', () => {
        state.digit = null;
        render_feature_maps().catch(() => {});
    });

    // --- evaluation: confusion matrix and misclassified digits --------------------------------------
    async function render_evaluation() {
        const details = await client.request('evaluate_details');
        if (!details?.ok) {
            state.details = null;
            $('.insight-confusion').replaceChildren();
            $('.insight-gallery').replaceChildren();
            $('.insight-eval-summary').textContent = refusal_text(details);
            return;
        }
        state.details = details;
        state.cells = confusion_examples(details.labels, details.predicted, details.classes);
        $('.insight-eval-summary').textContent = t('trainer_insight.eval_summary', {
            count: details.count,
            percent: pf(details.accuracy),
            wrong: details.count - Math.round(details.accuracy * details.count),
        });
        render_confusion();
        await render_gallery();
        if (state.open_cell) await open_cell(...state.open_cell, { focus: false });
    }

    function render_confusion() {
        const d = state.details;
        const n = d.classes;
        const table = document.createElement('table');
        table.className = 'confusion-table';
        const caption = document.createElement('caption');
        caption.textContent = t('trainer_insight.confusion_caption');
        table.appendChild(caption);
        const head = table.createTHead().insertRow();
        const corner = document.createElement('th');
        corner.scope = 'col';
        corner.textContent = t('trainer_insight.confusion_corner');
        head.appendChild(corner);
        for (let p = 0; p < n; p++) {
            const th = document.createElement('th');
            th.scope = 'col';
            th.textContent = String(p);
            th.setAttribute('aria-label', t('trainer_insight.confusion_predicted', { digit: p }));
            head.appendChild(th);
        }
        const body = table.createTBody();
        for (let r = 0; r < n; r++) {
            const row = body.insertRow();
            const th = document.createElement('th');
            th.scope = 'row';
            th.textContent = String(r);
            th.setAttribute('aria-label', t('trainer_insight.confusion_true', { digit: r }));
            row.appendChild(th);
            let row_total = 0;
            for (let p = 0; p < n; p++) row_total += d.confusion[r * n + p];
            for (let p = 0; p < n; p++) {
                const count = d.confusion[r * n + p];
                const cell = row.insertCell();
                const share = row_total ? count / row_total : 0;
                cell.className = `confusion-cell ${r === p ? 'is-diagonal' : 'is-off'}${share >= 0.5 ? ' is-strong' : ''}`;
                // Colour strength: the share of the row (its true digit) in this cell; the
                // square root and a floor keep a single mistake visible.
                cell.style.setProperty('--share', String(count ? Math.max(r === p ? 0.12 : 0.4, Math.sqrt(share)) : 0));
                if (count === 0) {
                    cell.textContent = '0';
                    continue;
                }
                const button = document.createElement('button');
                button.type = 'button';
                button.className = 'confusion-button';
                button.dataset.true = String(r);
                button.dataset.predicted = String(p);
                button.textContent = String(count);
                button.setAttribute(
                    'aria-label',
                    t(count === 1 ? 'trainer_insight.confusion_cell_one' : 'trainer_insight.confusion_cell', {
                        count,
                        label: r,
                        predicted: p,
                    })
                );
                button.addEventListener('click', () => open_cell(r, p));
                cell.appendChild(button);
            }
        }
        $('.insight-confusion').replaceChildren(table);
    }

    async function fetch_images(indices) {
        const answer = await client.request('eval_images', { indices });
        return answer?.ok ? answer : null;
    }

    function thumbnail(pixels, k, { label, predicted, index }, caption_text, on_click) {
        const figure = document.createElement('figure');
        figure.className = 'insight-thumb';
        const canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        const values = Float32Array.from(pixels.subarray(k * 784, (k + 1) * 784), (v) => v / 255);
        paint_pixels(canvas, grey_rgba(values, colours.ink, colours.paper), digit_side, digit_side, 2);
        canvas.setAttribute('aria-label', t('trainer_insight.thumb_label', { number: index + 1, label, predicted }));
        const caption = document.createElement('figcaption');
        caption.textContent = caption_text;
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'insight-thumb-button';
        button.textContent = t('trainer_insight.thumb_show_maps');
        button.addEventListener('click', on_click);
        figure.append(canvas, caption, button);
        return figure;
    }

    function probability_text(index) {
        const d = state.details;
        const p = d.probabilities.subarray(index * d.classes, (index + 1) * d.classes);
        return top_classes(p, 3)
            .map((c) => t('trainer_insight.prob_pair', { digit: c.label, percent: percent_text(c.probability) }))
            .join(', ');
    }

    async function open_cell(r, p, { focus = true } = {}) {
        state.open_cell = [r, p];
        const panel = $('.insight-cell');
        const indices = state.cells?.[r]?.[p] ?? [];
        panel.hidden = false;
        const title_key = `trainer_insight.cell_title_${r === p ? 'right' : 'wrong'}${indices.length === 1 ? '_one' : ''}`;
        $('.insight-cell-title').textContent = t(title_key, { label: r, predicted: p, count: indices.length });
        const list = $('.insight-cell-examples');
        list.replaceChildren();
        const shown = indices.slice(0, cell_examples_limit);
        $('.insight-cell-more').textContent =
            indices.length > shown.length
                ? t('trainer_insight.cell_more', { shown: shown.length, count: indices.length })
                : '';
        if (focus) $('.insight-cell-title').focus();
        const images = await fetch_images(shown);
        if (!images) return;
        images.indices.forEach((index, k) => {
            list.appendChild(
                thumbnail(images.pixels, k, { label: r, predicted: p, index }, probability_text(index), () => {
                    show_digit(images.pixels.slice(k * 784, (k + 1) * 784), { eval_index: index, label: r });
                })
            );
        });
    }

    $('[data-control="insight_cell_close"]').addEventListener('click', () => {
        const [r, p] = state.open_cell ?? [];
        state.open_cell = null;
        $('.insight-cell').hidden = true;
        root.querySelector(`.confusion-button[data-true="${r}"][data-predicted="${p}"]`)?.focus();
    });

    async function render_gallery() {
        const d = state.details;
        const wrong = misclassified_examples(d.labels, d.predicted, d.probabilities, d.classes, gallery_size);
        const gallery = $('.insight-gallery');
        gallery.replaceChildren();
        $('.insight-gallery-empty').hidden = wrong.length > 0;
        if (wrong.length === 0) return;
        const images = await fetch_images(wrong.map((w) => w.index));
        if (!images) return;
        wrong.forEach((w, k) => {
            const caption = `${t('trainer_insight.gallery_item', { label: w.label, predicted: w.predicted })} ${probability_text(w.index)}`;
            gallery.appendChild(
                thumbnail(images.pixels, k, w, caption, () => {
                    show_digit(images.pixels.slice(k * 784, (k + 1) * 784), { eval_index: w.index, label: w.label });
                })
            );
        });
    }

    on_language_change(() => {
        apply_translations(root);
        refresh();
    });

    const ready = client.request('status').then(() => {
        root.dataset.ready = 'true';
    });
    return Object.freeze({ ready, refresh, show_digit: (pixels, source = 'drawing') => show_digit(pixels, source) });
}

function template() {
    return `
  <h3 class="insight-title" data-i18n="trainer_insight.insight_title"></h3>
  <p class="insight-intro" data-i18n="trainer_insight.insight_intro"></p>
  <p class="insight-toolbar">
    <button type="button" data-control="insight_refresh" data-i18n="trainer_insight.refresh"></button>
    <span class="insight-status" role="status" aria-live="polite"></span>
  </p>
  <section class="insight-block insight-filters-section">
    <h4 data-i18n="trainer_insight.filters_title"></h4>
    <p class="insight-explain" data-i18n="trainer_insight.filters_explain"></p>
    <div class="insight-filters"></div>
    <p class="insight-filters-caption insight-caption"></p>
  </section>
  <section class="insight-block insight-maps-section">
    <h4 class="insight-maps-title" tabindex="-1" data-i18n="trainer_insight.maps_title"></h4>
    <p class="insight-explain" data-i18n="trainer_insight.maps_explain"></p>
    <div class="insight-digit">
      <canvas role="img" width="56" height="56" data-i18n-attr="aria-label:trainer_insight.digit_none"></canvas>
      <div>
        <p class="insight-digit-source"></p>
        <p class="insight-digit-verdict"></p>
        <button type="button" data-control="insight_use_pad" data-i18n="trainer_insight.use_pad_digit"></button>
      </div>
    </div>
    <p class="insight-maps-empty" data-i18n="trainer_insight.maps_empty"></p>
    <label class="insight-pair-picker" hidden><span data-i18n="trainer_insight.pair_label"></span>
      <select data-control="insight_layer"></select></label>
    <div class="insight-maps"></div>
    <p class="insight-maps-caption insight-caption"></p>
    <div class="insight-unit-slot"></div>
  </section>
  <section class="insight-block insight-eval-section">
    <h4 data-i18n="trainer_insight.confusion_title"></h4>
    <p class="insight-explain" data-i18n="trainer_insight.confusion_explain"></p>
    <p class="insight-eval-summary"></p>
    <div class="insight-confusion table-scroll"></div>
    <div class="insight-cell card" hidden>
      <h5 class="insight-cell-title" tabindex="-1"></h5>
      <p class="insight-cell-more"></p>
      <div class="insight-cell-examples insight-thumbs"></div>
      <button type="button" data-control="insight_cell_close" data-i18n="trainer_insight.cell_close"></button>
    </div>
  </section>
  <section class="insight-block insight-gallery-section">
    <h4 data-i18n="trainer_insight.gallery_title"></h4>
    <p class="insight-explain" data-i18n="trainer_insight.gallery_explain"></p>
    <p class="insight-gallery-empty" data-i18n="trainer_insight.gallery_empty" hidden></p>
    <div class="insight-gallery insight-thumbs"></div>
  </section>`;
}
