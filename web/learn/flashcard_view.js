// The flashcards that end a chapter: the front, a button that turns the card over, and
// two self-grades, "knew it" and "not yet", that go into the quiz's review schedule
// through grade(id, knew) -> whether the grade was recorded.
import { apply_translations, t } from '../i18n/i18n.js';
import { chapter_flashcards } from './flashcard_deck.js';

// graded: Map id -> 'knew' | 'not_yet' of this visit (kept by the section, so a card
// re-rendered after a language switch keeps its state).
export function mount_flashcards(container, { chapter_id, grade, graded }) {
    const cards = chapter_flashcards(chapter_id);
    container.innerHTML = `
      <h4 id="learn-cards-title" data-i18n="learn.flashcards_title"></h4>
      <p class="learn-cards-intro" data-i18n="learn.flashcards_intro"></p>
      <ol class="learn-card-list">
        ${cards
            .map(
                (card, i) => `<li class="learn-card" data-card="${card.id}">
          <p class="learn-card-label"></p>
          <p class="learn-card-front" data-i18n="${card.front_key}"></p>
          <button type="button" class="learn-button learn-card-show" aria-expanded="false" aria-controls="learn-card-back-${i}" data-i18n="learn.card_show"></button>
          <div class="learn-card-back" id="learn-card-back-${i}" hidden>
            <p data-i18n="${card.back_key}"></p>
            <div class="learn-card-grades" role="group" data-i18n-attr="aria-label:learn.card_quiz_legend">
              <button type="button" class="learn-button" data-grade="knew" aria-pressed="false" data-i18n="learn.card_knew"></button>
              <button type="button" class="learn-button" data-grade="not_yet" aria-pressed="false" data-i18n="learn.card_not_yet"></button>
            </div>
          </div>
          <p class="learn-card-status" role="status"></p>
        </li>`
            )
            .join('')}
      </ol>`;
    container.setAttribute('aria-labelledby', 'learn-cards-title');

    function render_card(item, card, index) {
        item.querySelector('.learn-card-label').textContent = t('learn.card_label', {
            index: index + 1,
            count: cards.length,
        });
        const state = graded.get(card.id);
        const status = item.querySelector('.learn-card-status');
        status.textContent =
            state === 'knew'
                ? t('learn.card_graded_knew')
                : state === 'not_yet'
                  ? t('learn.card_graded_not_yet')
                  : state === 'unsaved'
                    ? t('learn.card_not_saved')
                    : '';
        for (const button of item.querySelectorAll('[data-grade]'))
            button.setAttribute('aria-pressed', String(button.dataset.grade === state));
    }

    function refresh() {
        apply_translations(container);
        container.querySelectorAll('.learn-card').forEach((item, i) => render_card(item, cards[i], i));
    }

    container.querySelectorAll('.learn-card').forEach((item, i) => {
        const card = cards[i];
        const show = item.querySelector('.learn-card-show');
        const back = item.querySelector('.learn-card-back');
        const turn = (open) => {
            back.hidden = !open;
            show.setAttribute('aria-expanded', String(open));
        };
        if (graded.has(card.id)) turn(true);
        show.addEventListener('click', () => {
            turn(back.hidden);
            if (!back.hidden) item.querySelector('[data-grade="knew"]').focus();
        });
        for (const button of item.querySelectorAll('[data-grade]')) {
            button.addEventListener('click', () => {
                const knew = button.dataset.grade === 'knew';
                graded.set(card.id, grade(card.id, knew) ? button.dataset.grade : 'unsaved');
                render_card(item, card, i);
            });
        }
    });
    refresh();
    return { refresh };
}
