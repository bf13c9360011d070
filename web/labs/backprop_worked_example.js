// Backprop through ReLU, worked by the learner: given pre-activations z and the upstream
// gradient dL/da, fill in a = relu(z), the mask relu'(z) and the downstream gradient
// dL/dz = dL/da * relu'(z). Every expected number comes from our kernels.
import { apply_translations, format_number, t } from '../i18n/i18n.js';
import {
    answer_rows,
    cell_hint,
    check_answers,
    draw_example,
    example_size,
    expected_answers,
} from './worked_example.js';
import { mount_lab_frame } from './lab_frame.js';

const id = 'backprop_worked_example';
const first_seed = 1;

export function mount_backprop_worked_example(panel, { relu_lab }) {
    const frame = mount_lab_frame(panel, {
        id,
        runnable: false,
        controls_html: `<p data-i18n="labs.${id}.controls_note"></p>
          <button type="button" class="lab-new" data-control="labs_new_numbers" data-i18n="labs.${id}.new_numbers"></button>`,
        results_html: `
          <ol class="worked-steps">
            <li data-i18n="labs.${id}.step_forward"></li>
            <li data-i18n="labs.${id}.step_mask"></li>
            <li data-i18n="labs.${id}.step_backward"></li>
          </ol>
          <div class="table-scroll">
            <table class="worked-table">
              <caption data-i18n="labs.${id}.table_caption"></caption>
              <thead><tr><th scope="col" data-i18n="labs.${id}.element"></th>
                <th scope="col" data-i18n="labs.${id}.col_z"></th>
                <th scope="col" data-i18n="labs.${id}.col_relu"></th>
                <th scope="col" data-i18n="labs.${id}.col_mask"></th>
                <th scope="col" data-i18n="labs.${id}.col_upstream"></th>
                <th scope="col" data-i18n="labs.${id}.col_downstream"></th></tr></thead>
              <tbody></tbody>
            </table>
          </div>
          <div class="lab-buttons">
            <button type="button" class="worked-check" data-control="labs_check" data-i18n="labs.${id}.check"></button>
            <button type="button" class="worked-show" data-control="labs_show_answers" data-i18n="labs.${id}.show_answers"></button>
          </div>
          <p class="worked-feedback" role="status" aria-live="polite"></p>
          <ul class="worked-hints"></ul>`,
    });
    frame.form.addEventListener('submit', (event) => event.preventDefault());
    const tbody = frame.$('.worked-table tbody');
    const feedback = frame.$('.worked-feedback');
    const hints = frame.$('.worked-hints');
    let seed = first_seed;
    let example = null;
    let expected = null;
    let last_check = null;
    let checked_answers = null;

    function build_rows() {
        example = draw_example(seed);
        expected = expected_answers(relu_lab, example);
        last_check = null;
        feedback.textContent = '';
        hints.replaceChildren();
        tbody.replaceChildren();
        for (let i = 0; i < example_size; i++) {
            const tr = document.createElement('tr');
            tr.innerHTML = `<th scope="row">${i + 1}</th><td class="given" data-row="z"></td>
              ${answer_rows
                  .slice(0, 2)
                  .map((row) => answer_cell(row, i))
                  .join('')}
              <td class="given" data-row="upstream"></td>${answer_cell('downstream', i)}`;
            tbody.appendChild(tr);
        }
        apply_translations(tbody);
        render_given();
    }

    function answer_cell(row, i) {
        return `<td><input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" class="worked-input" id="${id}-${row}-${i}" data-row="${row}" data-index="${i}"
            data-i18n-attr="aria-label:labs.${id}.input_${row}">
            <span class="cell-feedback" id="${id}-${row}-${i}-feedback"></span></td>`;
    }

    function render_given() {
        const rows = tbody.querySelectorAll('tr');
        rows.forEach((tr, i) => {
            tr.querySelector('[data-row="z"]').textContent = format_number(example.z[i]);
            tr.querySelector('[data-row="upstream"]').textContent = format_number(example.upstream[i]);
            for (const input of tr.querySelectorAll('input')) {
                input.setAttribute('aria-label', t(`labs.${id}.input_${input.dataset.row}`, { index: i + 1 }));
                input.setAttribute('aria-describedby', `${input.id}-feedback`);
            }
        });
    }

    function answers() {
        const out = Object.fromEntries(answer_rows.map((row) => [row, new Array(example_size).fill('')]));
        for (const input of frame.$$('.worked-input'))
            out[input.dataset.row][Number(input.dataset.index)] = input.value;
        return out;
    }

    function check() {
        checked_answers = answers();
        last_check = check_answers(checked_answers, expected);
        render_check();
        return last_check;
    }

    function render_check() {
        if (!last_check) return;
        const hint_items = [];
        let wrong = 0,
            empty = 0;
        for (const input of frame.$$('.worked-input')) {
            const row = input.dataset.row;
            const i = Number(input.dataset.index);
            const state = last_check.states[row][i];
            const note = frame.$(`#${input.id}-feedback`);
            input.dataset.state = state;
            if (state === 'wrong' || state === 'invalid') {
                wrong++;
                input.setAttribute('aria-invalid', 'true');
            } else input.removeAttribute('aria-invalid');
            if (state === 'empty') empty++;
            note.textContent = state === 'empty' ? '' : t(`labs.${id}.cell_${state}`);
            const hint = cell_hint(row, checked_answers[row][i], {
                z: example.z[i],
                upstream: example.upstream[i],
                expected: expected[row][i],
            });
            const described_by = [`${input.id}-feedback`];
            if (hint) {
                const item = document.createElement('li');
                item.id = `${input.id}-hint`;
                item.textContent = t(`labs.${id}.hint_cell`, {
                    index: i + 1,
                    column: t(`labs.${id}.col_${row}`),
                    hint: t(`labs.${id}.hint_${hint}`),
                });
                hint_items.push(item);
                described_by.push(item.id);
            }
            input.setAttribute('aria-describedby', described_by.join(' '));
        }
        hints.replaceChildren(...hint_items);
        const counts = { correct: last_check.correct, total: last_check.total, empty };
        if (last_check.all_correct) feedback.textContent = t(`labs.${id}.all_correct`);
        else if (wrong > 0) feedback.textContent = t(`labs.${id}.score_wrong`, counts);
        else feedback.textContent = t(`labs.${id}.score_empty`, counts);
        // "What to notice" once every cell has an answer to compare it with.
        if (empty === 0) frame.reveal_notice();
    }

    function show_answers() {
        for (const input of frame.$$('.worked-input'))
            input.value = format_number(expected[input.dataset.row][Number(input.dataset.index)]);
        check();
    }

    function reset() {
        seed = first_seed;
        build_rows();
    }

    frame.$('.worked-check').addEventListener('click', check);
    frame.$('.worked-show').addEventListener('click', show_answers);
    frame.$('.lab-new').addEventListener('click', () => {
        seed++;
        build_rows();
    });
    frame.$('.lab-reset').addEventListener('click', reset);
    frame.set_status(null);
    reset();

    return {
        run: async () => check(),
        result: () => last_check,
        reset,
        example: () => ({ ...example }),
        expected: () => ({ ...expected }),
        check,
        refresh() {
            render_given();
            render_check();
            frame.refresh_prediction();
        },
    };
}
