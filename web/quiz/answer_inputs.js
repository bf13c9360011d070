// Native form controls for answers: a group of radio buttons or checkboxes in a
// fieldset with a legend, or a labelled text field. All text goes in as textContent.
let next_uid = 0;

export function choice_group(doc, { kind, legend, options }) {
    const uid = `quiz-choice-${++next_uid}`;
    const fieldset = doc.createElement('fieldset');
    fieldset.className = 'quiz-choices';
    const legend_element = doc.createElement('legend');
    legend_element.textContent = legend;
    fieldset.appendChild(legend_element);
    options.forEach((option, i) => {
        const label = doc.createElement('label');
        label.className = 'quiz-choice';
        const input = doc.createElement('input');
        input.type = kind; // 'radio' or 'checkbox'
        input.name = uid;
        input.id = `${uid}-${i}`;
        input.value = String(i);
        const text = doc.createElement('span');
        text.textContent = option.label;
        label.append(input, text);
        fieldset.appendChild(label);
    });
    return {
        element: fieldset,
        // Indices into options of what is ticked.
        selected: () => [...fieldset.querySelectorAll('input')].filter((i) => i.checked).map((i) => Number(i.value)),
        mark(indices_right, indices_given) {
            fieldset.querySelectorAll('label.quiz-choice').forEach((label, i) => {
                const input = label.querySelector('input');
                input.checked = indices_given.includes(i); // the view is rebuilt after a check
                input.disabled = true;
                // Words and symbols, not only colour: ✓ marks right answers, ✗ wrong picks.
                if (indices_right.includes(i)) label.dataset.mark = 'right';
                else if (indices_given.includes(i)) label.dataset.mark = 'wrong';
            });
        },
    };
}

export function text_field(doc, { label, inputmode = 'decimal' }) {
    const uid = `quiz-text-${++next_uid}`;
    const wrapper = doc.createElement('div');
    wrapper.className = 'quiz-text-field';
    const label_element = doc.createElement('label');
    label_element.htmlFor = uid;
    label_element.textContent = label;
    const input = doc.createElement('input');
    input.type = 'text';
    input.id = uid;
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.inputMode = inputmode;
    const error = doc.createElement('p');
    error.className = 'field-error';
    error.id = `${uid}-error`;
    error.hidden = true;
    input.setAttribute('aria-describedby', error.id);
    wrapper.append(label_element, input, error);
    return {
        element: wrapper,
        input,
        value: () => input.value,
        show_error(text) {
            error.textContent = text ?? '';
            error.hidden = !text;
            if (text) input.setAttribute('aria-invalid', 'true');
            else input.removeAttribute('aria-invalid');
        },
        // Shows the submitted text again (the view is rebuilt after a check), read-only.
        show_submitted(text) {
            input.value = text;
            input.readOnly = true;
        },
    };
}
