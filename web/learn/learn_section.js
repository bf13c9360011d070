// The Learn section: nine short chapters in reading order, one on screen at a time,
// with a table of contents that marks the chapters read. Reading progress (chapters read,
// the last one opened) is kept in browser storage so the page resumes there; the
// flashcards' grades go to the quiz's review schedule through review_flashcard.
// mount_learn returns an api for main.js, the page's targets (#learn/<chapter>) and tests.
import { emit_learning_event, learning_event_names } from '../events/learning_events.js';
import { apply_translations, on_language_change, t } from '../i18n/i18n.js';
import { chapter_by_id, chapter_ids, chapters } from './chapters.js';
import { render_chapter } from './chapter_view.js';
import { flashcard_by_id } from './flashcard_deck.js';
import { flashcard_quiz_items } from './flashcard_quiz_items.js';
import { target_hash } from '../common/page_targets.js';
import { create_reading_store, merged_reading, with_chapter_read, with_last_chapter } from './reading_progress.js';

// review_flashcard(id, knew) -> whether the quiz recorded the grade.
export function mount_learn(section, { relu_lab, storage = null, review_flashcard = () => false }) {
    const doc = section.ownerDocument;
    const store = create_reading_store(storage, chapter_ids);
    let reading = store.load();
    let storage_failed = !store.available;
    const graded = new Map();
    let current = null; // { chapter, view }
    let target_shown = () => true;

    section.querySelector('.loading')?.remove();
    const root = doc.createElement('div');
    root.className = 'learn';
    root.innerHTML = `
      <p class="notice learn-notice" role="status" hidden></p>
      <div class="learn-layout">
        <nav class="learn-toc" data-i18n-attr="aria-label:learn.toc_label">
          <h3 class="learn-toc-title" data-i18n="learn.toc_label"></h3>
          <p class="learn-progress"></p>
          <ol class="learn-toc-list">
            ${chapters.map((c) => `<li data-chapter="${c.id}"><a href="${target_hash(`learn/${c.id}`)}"></a><span class="learn-read-mark" hidden><span aria-hidden="true">✓</span><span class="learn-visually-hidden"></span></span></li>`).join('')}
          </ol>
        </nav>
        <article class="learn-chapter" aria-labelledby="learn-chapter-title"></article>
      </div>`;
    section.appendChild(root);
    const article = root.querySelector('.learn-chapter');

    // A chapter counts as read once its end comes on screen after its title has been on
    // screen: the end of a new chapter glimpsed on the way to its title (after "next" at
    // the bottom of the previous one) does not count.
    const in_view = new Set();
    let title_seen = false;
    const end_observer =
        typeof IntersectionObserver === 'function'
            ? new IntersectionObserver((entries) => {
                  for (const entry of entries) {
                      if (entry.isIntersecting) in_view.add(entry.target.className);
                      else in_view.delete(entry.target.className);
                  }
                  title_seen ||= in_view.has('learn-chapter-head');
                  if (current && title_seen && in_view.has('learn-chapter-end')) mark_read(current.chapter.id);
              })
            : null;

    function save() {
        if (!store.save(reading) && store.available) storage_failed = true;
    }

    function mark_read(id) {
        if (reading.read.includes(id)) return;
        reading = with_chapter_read(reading, id);
        save();
        render_toc();
        emit_learning_event(learning_event_names.learn_chapter_read, { chapter_id: id });
    }

    function grade(id, knew) {
        let recorded = false;
        try {
            recorded = review_flashcard(id, knew) === true;
        } catch {
            return false;
        }
        const card = flashcard_by_id(id);
        if (recorded && card) {
            emit_learning_event(learning_event_names.learn_flashcard_graded, {
                card_id: id,
                chapter_id: card.chapter,
                knew: knew === true,
                prompt: t(card.front_key),
            });
        }
        return recorded;
    }

    // Opens a chapter (known ids only); returns whether it did. remember: it becomes the
    // chapter the page resumes at (not so for the first chapter shown on a first visit).
    function open(id, { remember = true } = {}) {
        const chapter = chapter_by_id(id);
        if (!chapter) return false;
        if (current?.chapter !== chapter) {
            end_observer?.disconnect();
            current?.view.destroy();
            current = {
                chapter,
                view: render_chapter(article, chapter, {
                    relu_lab,
                    grade,
                    graded,
                    try_it_shown: (target) => target_shown(target),
                    on_print: print_chapter,
                }),
            };
            article.querySelector('.learn-next').addEventListener('click', () => mark_read(chapter.id));
            in_view.clear();
            title_seen = false;
            end_observer?.observe(article.querySelector('.learn-chapter-head'));
            end_observer?.observe(article.querySelector('.learn-chapter-end'));
        }
        if (remember) {
            reading = with_last_chapter(reading, chapter.id);
            save();
        }
        render_toc();
        return true;
    }

    function print_chapter() {
        doc.documentElement.dataset.print = 'learn-chapter';
        const win = doc.defaultView;
        win.addEventListener('afterprint', () => delete doc.documentElement.dataset.print, { once: true });
        win.print();
    }

    function render_toc() {
        apply_translations(root.querySelector('.learn-toc'));
        root.querySelector('.learn-progress').textContent = t('learn.progress', {
            read: reading.read.length,
            total: chapters.length,
        });
        chapters.forEach((chapter, i) => {
            const item = root.querySelector(`.learn-toc-list li[data-chapter="${chapter.id}"]`);
            const link = item.querySelector('a');
            link.textContent = t('learn.toc_item', { number: i + 1, title: t(`learn.chapters.${chapter.id}.title`) });
            if (current?.chapter === chapter) link.setAttribute('aria-current', 'true');
            else link.removeAttribute('aria-current');
            const mark = item.querySelector('.learn-read-mark');
            mark.hidden = !reading.read.includes(chapter.id);
            mark.querySelector('.learn-visually-hidden').textContent = t('learn.read_mark');
            item.dataset.read = String(reading.read.includes(chapter.id));
        });
        const notice = root.querySelector('.learn-notice');
        notice.hidden = !storage_failed;
        notice.textContent = storage_failed ? t('learn.storage_unavailable') : '';
    }

    open(reading.last ?? chapters[0].id, { remember: false });
    on_language_change(() => {
        render_toc();
        current?.view.refresh();
    });
    // The charts read their colours from CSS; redraw when the colour scheme flips.
    doc.defaultView
        ?.matchMedia?.('(prefers-color-scheme: dark)')
        .addEventListener?.('change', () => current?.view.refresh());

    return Object.freeze({
        chapters: chapter_ids.slice(),
        open: (id) => open(id),
        current: () => current?.chapter.id ?? null,
        // The chapter the learner read last (null on a first visit).
        last_read: () => reading.last,
        reading: () => ({ read: reading.read.slice(), last: reading.last }),
        // A learning platform's copy of the reading progress (its suspend data), merged in.
        // With no chapter of its own to resume at, the page opens the platform's last one.
        merge_reading(other) {
            const had_last = reading.last !== null;
            reading = merged_reading(reading, other, chapter_ids);
            save();
            if (!had_last && reading.last) open(reading.last, { remember: false });
            render_toc();
        },
        // The live example of the open chapter, by name (for the tests and the curious).
        example: (name) => current?.view.examples.get(name) ?? null,
        heading: () => article.querySelector('#learn-chapter-title'),
        // The quiz's view of the flashcards (quiz_view.js, option flashcards).
        flashcards: flashcard_quiz_items,
        // Which Try-it targets this page can show (an embedding may hide sections).
        set_target_check(check) {
            target_shown = check;
            current?.view.refresh();
        },
    });
}
