// What the model did with the learner's drawings: after a test, how many it read right;
// after fine-tuning, a table of accuracy before and after on the drawings it trained on,
// those kept aside and the held-out digits, with what that says (did it forget?); after
// an undo, that the model is back. box's data-state names what it shows, for the tests.
//
//   render_handwriting_result(box, result)   result: the panel's state.result, or null
import { format_number, t } from '../../i18n/i18n.js';
import { percent_text } from '../pixels/percent_text.js';

function accuracy_cell(measure) {
    if (!measure || measure.count === 0 || measure.accuracy === null) return t('handwriting.result_none');
    const right = Math.round(measure.accuracy * measure.count);
    return t('handwriting.result_cell', {
        // No line break inside "97,7 %" on a narrow screen.
        percent: percent_text(measure.accuracy, { fixed: true }).replace(/ /g, '\u00a0'),
        right,
        count: measure.count,
    });
}

export function render_handwriting_result(box, result) {
    box.dataset.state = result?.kind ?? '';
    box.replaceChildren();
    if (!result) return;
    const paragraph = (text, class_name) => {
        const p = document.createElement('p');
        if (class_name) p.className = class_name;
        p.textContent = text;
        box.appendChild(p);
    };
    if (result.kind === 'tested') {
        const right = Math.round(result.accuracy * result.count);
        paragraph(
            t('handwriting.tested', {
                right,
                count: result.count,
                percent: percent_text(result.accuracy, { fixed: true }),
            }),
            'handwriting-result-summary'
        );
        if (right < result.count) paragraph(t('handwriting.tested_misread_hint'));
        return;
    }
    if (result.kind === 'undone') {
        paragraph(
            t('handwriting.undone', { percent: percent_text(result.held_out?.accuracy ?? 0, { fixed: true }) }),
            'handwriting-result-summary'
        );
        return;
    }
    paragraph(
        t('handwriting.fine_tuned', {
            seconds: format_number(result.seconds, { maximum_fraction_digits: 1 }),
            steps: result.steps,
            images: result.images,
            drawings: result.trained_count,
            times: Math.round(result.own_copies / Math.max(1, result.trained_count)),
            train_images: result.train_images,
        }),
        'handwriting-result-summary'
    );
    const table = document.createElement('table');
    table.className = 'handwriting-table';
    const caption = table.createCaption();
    caption.textContent = t('handwriting.table_caption');
    const head = table.createTHead().insertRow();
    for (const key of ['handwriting.table_set', 'handwriting.table_before', 'handwriting.table_after']) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = t(key);
        head.appendChild(th);
    }
    const body = table.createTBody();
    for (const [set, key] of [
        ['own', 'handwriting.row_trained'],
        ['kept_aside', 'handwriting.row_kept_aside'],
        ['held_out', 'handwriting.row_held_out'],
    ]) {
        const row = body.insertRow();
        row.dataset.set = set;
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = t(key);
        row.appendChild(th);
        for (const when of ['before', 'after']) {
            const cell = row.insertCell();
            cell.dataset.when = when;
            cell.dataset.accuracy = String(result[when][set].accuracy ?? '');
            cell.textContent = accuracy_cell(result[when][set]);
        }
    }
    const scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    // Focusable, so a narrow screen's keyboard user can scroll it too.
    scroll.tabIndex = 0;
    scroll.setAttribute('role', 'region');
    scroll.setAttribute('aria-label', caption.textContent);
    scroll.appendChild(table);
    box.appendChild(scroll);
    const held_before = result.before.held_out.accuracy;
    const held_after = result.after.held_out.accuracy;
    if (held_before !== null && held_after !== null) {
        const points = 100 * (held_after - held_before);
        const key = points < -0.5 ? 'handwriting.forgot' : 'handwriting.not_forgot';
        paragraph(t(key, { points: format_number(Math.abs(points), { maximum_fraction_digits: 1 }) }));
    }
    paragraph(result.kept_count > 0 ? t('handwriting.kept_aside_explain') : t('handwriting.kept_aside_none'));
}
