// Chapter 7: one 3x3 patch at a time through a convolution and ReLU. A 6x6 image with a
// diagonal stroke, a filter that responds to such strokes, the 4x4 map of
// pre-activations (nine products and a bias each), the ReLU kernel on every value, and
// 2x2 max-pooling. The learner steps through the 16 positions.
import { apply_translations, format_number, t } from '../../i18n/i18n.js';

export const conv_image = Object.freeze(
    [
        [0, 0, 0, 0, 1, 1],
        [0, 0, 0, 1, 1, 0],
        [0, 0, 1, 1, 0, 0],
        [0, 1, 1, 0, 0, 0],
        [1, 1, 0, 0, 0, 1],
        [1, 0, 0, 0, 1, 1],
    ].map(Object.freeze)
);
// Positive along the rising diagonal, negative off it.
export const conv_filter = Object.freeze(
    [
        [-1, -1, 2],
        [-1, 2, -1],
        [2, -1, -1],
    ].map(Object.freeze)
);
export const conv_bias = -1;
const size = 6;
const k = 3;
const out = size - k + 1;

// The 4x4 pre-activations, row by row, as float32 (what the kernel takes).
export function conv_pre_activations(image = conv_image, filter = conv_filter, bias = conv_bias) {
    const z = new Float32Array(out * out);
    for (let r = 0; r < out; r++) {
        for (let c = 0; c < out; c++) {
            let sum = bias;
            for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sum += image[r + i][c + j] * filter[i][j];
            z[r * out + c] = sum;
        }
    }
    return z;
}

// 2x2 max-pooling of a 4x4 map -> 2x2, row by row.
export function max_pool_2x2(map, width = out) {
    const half = width / 2;
    const pooled = [];
    for (let r = 0; r < half; r++) {
        for (let c = 0; c < half; c++) {
            pooled.push(
                Math.max(
                    map[2 * r * width + 2 * c],
                    map[2 * r * width + 2 * c + 1],
                    map[(2 * r + 1) * width + 2 * c],
                    map[(2 * r + 1) * width + 2 * c + 1]
                )
            );
        }
    }
    return pooled;
}

export function mount_conv_patch(container, { relu_lab }) {
    container.innerHTML = `
      <div class="learn-conv-grids">
        ${grid_table('learn-conv-image', 'learn.examples.conv_patch.image')}
        ${grid_table('learn-conv-filter', null)}
        ${grid_table('learn-conv-before', 'learn.examples.conv_patch.before')}
        ${grid_table('learn-conv-after', 'learn.examples.conv_patch.after')}
        ${grid_table('learn-conv-pooled', 'learn.examples.conv_patch.pooled')}
      </div>
      <div class="learn-conv-steps">
        <button type="button" class="learn-button" id="learn-conv-previous" data-i18n="learn.examples.conv_patch.previous"></button>
        <button type="button" class="learn-button" id="learn-conv-next" data-i18n="learn.examples.conv_patch.next"></button>
        <p id="learn-conv-position" class="learn-example-summary"></p>
      </div>
      <p id="learn-conv-sum" class="learn-example-summary" aria-live="polite"></p>`;
    apply_translations(container);
    const $ = (selector) => container.querySelector(selector);
    let position = 2; // row 0, column 2: a patch on the stroke
    let pre = conv_pre_activations();
    let post = relu_lab.forward('relu', pre);

    function refresh() {
        pre = conv_pre_activations();
        post = relu_lab.forward('relu', pre);
        const row = Math.floor(position / out);
        const column = position % out;
        const in_patch = (r, c) => r >= row && r < row + k && c >= column && c < column + k;
        fill_grid($('#learn-conv-image'), conv_image.flat(), size, in_patch);
        fill_grid($('#learn-conv-filter'), conv_filter.flat(), k, () => false);
        fill_grid($('#learn-conv-before'), Array.from(pre), out, (r, c) => r === row && c === column);
        fill_grid($('#learn-conv-after'), Array.from(post), out, (r, c) => r === row && c === column);
        fill_grid(
            $('#learn-conv-pooled'),
            max_pool_2x2(post),
            out / 2,
            (r, c) => r === Math.floor(row / 2) && c === Math.floor(column / 2)
        );
        $('#learn-conv-filter').querySelector('caption').textContent = t('learn.examples.conv_patch.filter', {
            bias: conv_bias,
        });
        $('#learn-conv-position').textContent = t('learn.examples.conv_patch.position', {
            row: row + 1,
            column: column + 1,
        });
        $('#learn-conv-sum').textContent = t('learn.examples.conv_patch.sum', {
            z: format_number(pre[position]),
            y: format_number(post[position]),
        });
    }
    $('#learn-conv-previous').addEventListener('click', () => {
        position = (position + out * out - 1) % (out * out);
        refresh();
    });
    $('#learn-conv-next').addEventListener('click', () => {
        position = (position + 1) % (out * out);
        refresh();
    });
    refresh();
    return {
        refresh,
        destroy() {},
        inputs: () => ({
            image: conv_image.map((r) => r.slice()),
            filter: conv_filter.map((r) => r.slice()),
            bias: conv_bias,
            position,
        }),
    };
}

// caption_key null: the caption is filled by refresh() (it has a number in it).
function grid_table(id, caption_key) {
    return `<div class="table-scroll"><table id="${id}" class="learn-grid"><caption${caption_key ? ` data-i18n="${caption_key}"` : ''}></caption><tbody></tbody></table></div>`;
}

// A square grid of numbers; highlighted cells are marked by a class and, for screen
// readers, by aria-current.
function fill_grid(table, values, width, highlighted) {
    const doc = table.ownerDocument;
    const body = doc.createElement('tbody');
    for (let r = 0; r < width; r++) {
        const tr = doc.createElement('tr');
        for (let c = 0; c < width; c++) {
            const td = doc.createElement('td');
            const value = values[r * width + c];
            td.textContent = format_number(value);
            td.dataset.value = String(value);
            td.title = t('learn.examples.conv_patch.cell', { row: r + 1, column: c + 1 });
            if (highlighted(r, c)) {
                td.classList.add('learn-grid-current');
                td.setAttribute('aria-current', 'true');
            }
            tr.appendChild(td);
        }
        body.appendChild(tr);
    }
    table.querySelector('tbody').replaceWith(body);
}
