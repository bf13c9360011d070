// The data table behind a chart (its text alternative): column titles, then one row per
// entry whose first cell titles the row. format(value) writes each cell (numbers in the
// learner's notation); cells go in as text, never as markup.
export function fill_table(table, head, rows, format = String) {
    const thead = document.createElement('thead');
    const head_row = document.createElement('tr');
    for (const h of head) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = h;
        head_row.appendChild(th);
    }
    thead.appendChild(head_row);
    const tbody = document.createElement('tbody');
    for (const cells of rows) {
        const tr = document.createElement('tr');
        cells.forEach((value, i) => {
            const cell = document.createElement(i === 0 ? 'th' : 'td');
            if (i === 0) cell.scope = 'row';
            cell.textContent = format(value);
            tr.appendChild(cell);
        });
        tbody.appendChild(tr);
    }
    table.replaceChildren(thead, tbody);
}
