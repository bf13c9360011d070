// Backprop through ReLU, worked by the learner: given pre-activations z and the upstream
// gradient dL/da, fill in a = relu(z), the mask relu'(z) and the downstream gradient
// dL/dz = dL/da * relu'(z). Every expected number comes from our kernels.
import { apply_translations, format_number, t } from '../i18n/i18n.js';
import { answer_rows, check_answers, draw_example, example_size, expected_answers } from './worked_example.js';
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
          <p class="worked-feedback" role="status" aria-live="polite"></p>`,
    });
    frame.form.addEventListener('submit', (event) => event.preventDefault());
    const tbody = frame.$('.worked-table tbody');
    const feedback = frame.$('.worked-feedback');
    let seed = first_seed;
    let example = null;
    let expected = null;
    let last_check = null;

    function build_rows() {
        example = draw_example(seed);
        expected = expected_answers(relu_lab, example);
        last_check = null;
        feedback.textContent = '';
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
        last_check = check_answers(answers(), expected);
        render_check();
        return last_check;
    }

    function render_check() {
        if (!last_check) return;
        for (const input of frame.$$('.worked-input')) {
            const state = last_check.states[input.dataset.row][Number(input.dataset.index)];
            const note = frame.$(`#${input.id}-feedback`);
            input.dataset.state = state;
            if (state === 'wrong' || state === 'invalid') input.setAttribute('aria-invalid', 'true');
            else input.removeAttribute('aria-invalid');
            note.textContent = state === 'empty' ? '' : t(`labs.${id}.cell_${state}`);
        }
        feedback.textContent = last_check.all_correct
            ? t(`labs.${id}.all_correct`)
            : t(`labs.${id}.score`, { correct: last_check.correct, total: last_check.total });
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
        },
    };
}
