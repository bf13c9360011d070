// The chapters' flashcards as items the quiz can put in a session: a question-like
// object per card (type 'flashcard', its chapter as topic, texts in the learner's
// language), the answer form (turn the card over, then "knew it" or "not yet") and the
// check, which takes the learner's own grade. The quiz schedules them with the same
// Leitner boxes as its questions (quiz_view.js, option flashcards).
import { apply_translations, language, t } from '../i18n/i18n.js';
import { chapter_number } from './chapters.js';
import { flashcard_by_id, flashcard_ids } from './flashcard_deck.js';

let next_uid = 0;

// A language map of the current language, computed when read: the quiz picks bank
// texts with bank_text(map), which then finds exactly the learner's language.
function current_language_text(text) {
    return { [language()]: text() };
}

export const flashcard_quiz_items = Object.freeze({
    ids: () => flashcard_ids.slice(),
    question(id) {
        const card = flashcard_by_id(id);
        if (!card) return null;
        const title = () => t(`learn.chapters.${card.chapter}.title`);
        return Object.freeze({
            id,
            type: 'flashcard',
            topic: card.chapter,
            learn_more: `learn/${card.chapter}`,
            get prompt() {
                return current_language_text(() => t(card.front_key));
            },
            get explanation() {
                return current_language_text(() =>
                    t('learn.card_quiz_explanation', {
                        number: chapter_number(card.chapter),
                        title: title(),
                        back: t(card.back_key),
                    })
                );
            },
        });
    },
    // -> { element, read() -> { response } | { error, focus }, mark(outcome, response) }
    inputs(doc, question) {
        const card = flashcard_by_id(question.id);
        const uid = `learn-quiz-card-${++next_uid}`;
        const element = doc.createElement('div');
        element.className = 'learn-quiz-card';
        element.innerHTML = `
          <details class="learn-quiz-card-back"><summary data-i18n="learn.card_show"></summary><p data-i18n="${card.back_key}"></p></details>
          <fieldset class="quiz-choices"><legend data-i18n="learn.card_quiz_legend"></legend>
            <label class="quiz-choice"><input type="radio" name="${uid}" id="${uid}-knew" value="knew"> <span data-i18n="learn.card_knew"></span></label>
            <label class="quiz-choice"><input type="radio" name="${uid}" id="${uid}-not-yet" value="not_yet"> <span data-i18n="learn.card_not_yet"></span></label>
          </fieldset>`;
        apply_translations(element);
        const radios = [...element.querySelectorAll('input[type="radio"]')];
        return {
            element,
            read() {
                const picked = radios.find((r) => r.checked);
                if (!picked) return { error: 'quiz.error_no_choice', focus: radios[0] };
                return { response: { knew: picked.value === 'knew' } };
            },
            mark(_outcome, response) {
                element.querySelector('details').open = true;
                for (const radio of radios) {
                    radio.checked = (radio.value === 'knew') === response.knew;
                    radio.disabled = true;
                }
            },
        };
    },
    // The learner's own grade is the outcome.
    check: (_question, response) => ({ correct: response?.knew === true, expected: null }),
});
