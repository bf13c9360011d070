// The instructor's question bank: loading one from a file (validated; refused with the
// list of problems), remembering it in this browser, going back to the built-in bank.
import { t } from '../i18n/i18n.js';
import { format_problem, validate_bank_bytes } from './bank_schema.js';
import { bank_text } from './bank_text.js';
import { paragraph } from './quiz_dom.js';

const shown_problems = 50;

// quiz: the quiz's shared pieces { doc, $, state, storage, bank_key, shipped_bank,
// render }. Returns { use_bank_value, restore_custom_bank, render }.
export function bank_panel(quiz) {
    const { state, storage, bank_key } = quiz;

    // Returns the list of problems ([] when the bank is now in use).
    function use_bank_value(validated, { remember_text = null } = {}) {
        if (validated.problems.length) {
            state.bank_message = {
                key: 'quiz.bank_refused',
                params: { count: validated.problems.length },
                problems: validated.problems,
            };
            quiz.render();
            return validated.problems;
        }
        state.bank = validated.bank;
        state.custom = true;
        state.session = null;
        state.bank_message = {
            key: 'quiz.bank_loaded',
            params: { title: bank_text(validated.bank.title), count: validated.bank.questions.length },
            problems: [],
        };
        if (remember_text !== null) {
            try {
                storage?.setItem(bank_key, remember_text);
            } catch {
                // Too big or no storage: the bank holds for this visit.
            }
        }
        quiz.render();
        return [];
    }

    // Before the view exists: the bank this learner loaded on an earlier visit.
    function restore_custom_bank() {
        let text = null;
        try {
            text = storage?.getItem(bank_key) ?? null;
        } catch {
            text = null;
        }
        if (text === null) return;
        const validated = validate_bank_bytes(new TextEncoder().encode(text));
        if (validated.problems.length === 0) {
            state.bank = validated.bank;
            state.custom = true;
        } else {
            // Stored by an older version, or edited by hand: say so, use the built-in bank.
            state.bank_message = {
                key: 'quiz.bank_refused',
                params: { count: validated.problems.length },
                problems: validated.problems,
            };
        }
    }

    // Once the view exists: its file picker and button.
    function wire() {
        const { $ } = quiz;
        $('#quiz-bank-file').addEventListener('change', async (event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            const bytes = new Uint8Array(await file.arrayBuffer());
            const validated = validate_bank_bytes(bytes);
            use_bank_value(validated, {
                remember_text: validated.problems.length ? null : new TextDecoder().decode(bytes),
            });
        });
        $('#quiz-bank-builtin').addEventListener('click', () => {
            state.bank = quiz.shipped_bank;
            state.custom = false;
            state.session = null;
            state.bank_message = null;
            try {
                storage?.removeItem(bank_key);
            } catch {
                // Nothing stored.
            }
            quiz.render();
            $('#quiz-bank-file').focus();
        });
    }

    function render() {
        const { $, doc } = quiz;
        const bank_line = t('quiz.bank_label', {
            title: bank_text(state.bank.title),
            count: state.bank.questions.length,
        });
        $('#quiz-bank-name').textContent = bank_line;
        $('#quiz-bank-name-start').textContent = bank_line;
        $('#quiz-bank-builtin').hidden = !state.custom;
        $('#quiz-bank-practice').hidden = !(state.custom && state.graded_by_platform);
        const box = $('#quiz-bank-message');
        box.replaceChildren();
        const message = state.bank_message;
        box.hidden = !message;
        if (!message) return;
        box.appendChild(paragraph(doc, t(message.key, message.params)));
        if (message.problems.length) {
            const list = doc.createElement('ul');
            for (const problem of message.problems.slice(0, shown_problems)) {
                const li = doc.createElement('li');
                li.textContent = format_problem(problem);
                list.appendChild(li);
            }
            box.appendChild(list);
            if (message.problems.length > shown_problems)
                box.appendChild(
                    paragraph(doc, t('quiz.bank_more_problems', { count: message.problems.length - shown_problems }))
                );
        }
    }

    return { use_bank_value, restore_custom_bank, wire, render };
}
