// One chapter on screen: its number and title, its blocks (paragraphs, KaTeX formulas,
// live examples, the timeline), the Try-it link, the flashcards, and links to the
// previous and next chapter. Texts come from the i18n layer; formulas are the same in
// every language; only KaTeX writes markup, everything else goes in as text.
import katex from 'katex';

import { apply_translations, t } from '../i18n/i18n.js';
import { chapters, timeline } from './chapters.js';
import { example_mounters } from './examples/index.js';
import { mount_flashcards } from './flashcard_view.js';
import { learn_formulas } from './formulas.js';
import { target_hash } from '../common/page_targets.js';
import { keep_scrollers_focusable } from './scroll_focus.js';

// options: { relu_lab, grade(id, knew), graded, try_it_shown(target) -> boolean, on_print() }
// -> { examples: Map name -> example api, refresh(), destroy() }
export function render_chapter(
    article,
    chapter,
    { relu_lab, grade, graded, try_it_shown = () => true, on_print = null }
) {
    const doc = article.ownerDocument;
    const index = chapters.indexOf(chapter);
    const previous = chapters[index - 1] ?? null;
    const next = chapters[index + 1] ?? null;
    article.dataset.chapter = chapter.id;
    article.innerHTML = `
      <header class="learn-chapter-head">
        <p class="learn-chapter-number"></p>
        <h3 id="learn-chapter-title" tabindex="-1" data-i18n="learn.chapters.${chapter.id}.title"></h3>
        <button type="button" class="learn-button learn-print" data-i18n="learn.print"></button>
      </header>
      <div class="learn-chapter-body"></div>
      <aside class="learn-try-it" aria-labelledby="learn-try-title">
        <h4 id="learn-try-title" data-i18n="learn.try_it_title"></h4>
        <p><a class="learn-try-link" href="${target_hash(chapter.try_it)}" data-target="${chapter.try_it}" data-i18n="learn.chapters.${chapter.id}.try_it"></a></p>
      </aside>
      <section class="learn-flashcards"></section>
      <p class="learn-chapter-nav">
        ${previous ? `<a class="learn-previous" href="${target_hash(`learn/${previous.id}`)}"></a>` : ''}
        <a class="learn-next" href="${next ? target_hash(`learn/${next.id}`) : '#explorer'}"></a>
      </p>
      <span class="learn-chapter-end"></span>`;
    const body = article.querySelector('.learn-chapter-body');
    const examples = new Map();
    for (const block of chapter.blocks) body.appendChild(render_block(doc, chapter, block, { relu_lab, examples }));
    const flashcards = mount_flashcards(article.querySelector('.learn-flashcards'), {
        chapter_id: chapter.id,
        grade,
        graded,
    });
    const scrollers = keep_scrollers_focusable(article);
    const print = article.querySelector('.learn-print');
    print.hidden = !on_print;
    if (on_print) print.addEventListener('click', on_print);

    function refresh() {
        apply_translations(article);
        article.querySelector('.learn-chapter-number').textContent = t('learn.chapter_number', {
            number: index + 1,
            total: chapters.length,
        });
        const title = (c) => t(`learn.chapters.${c.id}.title`);
        if (previous)
            article.querySelector('.learn-previous').textContent = t('learn.previous', { title: title(previous) });
        article.querySelector('.learn-next').textContent = next
            ? t('learn.next', { title: title(next) })
            : t('learn.next_section');
        // A Try-it link to a part of the page an embedding hides would lead nowhere.
        article.querySelector('.learn-try-it').hidden = !try_it_shown(chapter.try_it);
        for (const example of examples.values()) example.refresh();
        flashcards.refresh();
    }
    refresh();

    return {
        examples,
        refresh,
        destroy() {
            scrollers.disconnect();
            for (const example of examples.values()) example.destroy();
            examples.clear();
        },
    };
}

function render_block(doc, chapter, block, { relu_lab, examples }) {
    if (/^p\d+$/.test(block)) {
        const p = doc.createElement('p');
        p.className = 'learn-paragraph';
        p.dataset.i18n = `learn.chapters.${chapter.id}.${block}`;
        return p;
    }
    const [kind, name] = block.split(':');
    if (kind === 'formula') {
        const div = doc.createElement('div');
        div.className = 'learn-formula formula';
        katex.render(learn_formulas[name], div, { throwOnError: false, displayMode: true });
        return div;
    }
    if (kind === 'example') {
        const figure = doc.createElement('div');
        figure.className = 'learn-example';
        figure.dataset.example = name;
        const badge = doc.createElement('p');
        badge.className = 'learn-example-badge';
        badge.dataset.i18n = 'learn.computed_live';
        const content = doc.createElement('div');
        content.className = 'learn-example-content';
        figure.append(badge, content);
        examples.set(name, example_mounters[name](content, { relu_lab }));
        return figure;
    }
    if (kind === 'timeline') {
        const wrapper = doc.createElement('div');
        wrapper.className = 'learn-timeline-box';
        wrapper.innerHTML = `<h4 data-i18n="learn.chapters.history.timeline_title"></h4>
          <ol class="learn-timeline">${timeline
              .map(
                  (entry) => `<li><span class="learn-timeline-year">${entry.year}</span>
            <span class="learn-timeline-text" data-i18n="learn.chapters.history.timeline.${entry.key}"></span></li>`
              )
              .join('')}</ol>`;
        return wrapper;
    }
    throw new Error(`unknown block in chapter ${chapter.id}: ${block}`);
}
