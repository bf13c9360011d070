// The quiz's static structure; every text is a data-i18n key or filled by the views.
// data-control names let an embedding lock or hide a control (embed/page_policy.js).
export function quiz_template() {
    return `
    <p id="quiz-storage-notice" class="notice quiz-notice" role="status" hidden></p>
    <p id="quiz-announcer" class="quiz-visually-hidden" role="status" aria-live="polite"></p>
    <div class="quiz-layout">
      <div class="quiz-main">
        <form id="quiz-start" class="card quiz-start">
          <p id="quiz-bank-name-start" class="quiz-bank-line"></p>
          <section id="quiz-rules" class="quiz-rules" aria-labelledby="quiz-rules-title" hidden>
            <h3 id="quiz-rules-title" data-i18n="quiz.rules_title"></h3>
            <ul id="quiz-rules-list"></ul>
          </section>
          <p id="quiz-attempts-over" class="notice quiz-attempts-over" hidden></p>
          <p id="quiz-start-status"></p>
          <div class="quiz-start-row">
            <span class="quiz-session-size" data-control="quiz_session_size"><label for="quiz-session-size" data-i18n="quiz.session_size"></label>
            <select id="quiz-session-size"></select></span>
            <span id="quiz-size-fixed" hidden></span>
            <button type="submit" id="quiz-start-button" class="primary"></button>
          </div>
        </form>
        <article id="quiz-question" class="card quiz-question" hidden>
          <p class="quiz-meta"><span id="quiz-counter"></span> · <span id="quiz-topic"></span> · <span id="quiz-running-score"></span><span id="quiz-mode-line" hidden> · <span id="quiz-mode"></span></span></p>
          <h3 id="quiz-prompt" tabindex="-1"></h3>
          <form id="quiz-answer-form" novalidate>
            <div id="quiz-answer-body"></div>
            <p id="quiz-form-error" class="field-error" role="alert" hidden></p>
            <button type="submit" id="quiz-check" class="primary"></button>
          </form>
          <div id="quiz-feedback" class="quiz-feedback" role="status" aria-live="polite"></div>
          <button type="button" id="quiz-next" class="primary" hidden></button>
        </article>
        <article id="quiz-summary" class="card quiz-summary" hidden>
          <h3 id="quiz-summary-title" tabindex="-1" data-i18n="quiz.summary_title"></h3>
          <p id="quiz-summary-score"></p>
          <div id="quiz-summary-grading"></div>
          <p id="quiz-summary-practice" class="quiz-note" data-i18n="quiz.bank_practice_only" hidden></p>
          <section id="quiz-summary-missed" class="quiz-missed" aria-labelledby="quiz-missed-title">
            <h4 id="quiz-missed-title"></h4>
            <ol id="quiz-missed-list"></ol>
          </section>
          <p id="quiz-summary-review"></p>
          <button type="button" id="quiz-again" data-i18n="quiz.summary_next"></button>
        </article>
      </div>
      <div class="quiz-side">
        <article class="card quiz-progress">
          <h3 data-i18n="quiz.progress_title"></h3>
          <p id="quiz-last-session"></p>
          <div class="table-scroll">
            <table id="quiz-mastery">
              <caption data-i18n="quiz.mastery_caption"></caption>
              <thead><tr><th scope="col" data-i18n="quiz.col_topic"></th><th scope="col" data-i18n="quiz.col_questions"></th><th scope="col" data-i18n="quiz.col_right"></th><th scope="col" data-i18n="quiz.col_wrong"></th><th scope="col" data-i18n="quiz.col_mastery"></th></tr></thead>
              <tbody></tbody>
            </table>
          </div>
          <p class="quiz-note" data-i18n="quiz.mastery_note"></p>
          <div class="table-scroll">
            <table id="quiz-schedule">
              <caption data-i18n="quiz.schedule_caption"></caption>
              <thead><tr><th scope="col" data-i18n="quiz.col_box"></th><th scope="col" data-i18n="quiz.col_cards"></th></tr></thead>
              <tbody></tbody>
            </table>
          </div>
          <p class="quiz-note" data-i18n="quiz.schedule_note"></p>
          <p id="quiz-due"></p>
          <div class="quiz-buttons" data-control="quiz_progress_files" data-control-label="embed.controls.quiz_progress_tools">
            <button type="button" id="quiz-export" data-i18n="quiz.export"></button>
            <label class="file-button"><span data-i18n="quiz.import"></span> <input type="file" id="quiz-import" accept=".json,application/json"></label>
            <button type="button" id="quiz-reset" data-i18n="quiz.reset"></button>
          </div>
          <div id="quiz-reset-confirm" class="quiz-confirm" role="alertdialog" aria-labelledby="quiz-reset-text" hidden>
            <p id="quiz-reset-text" data-i18n="quiz.reset_confirm"></p>
            <button type="button" id="quiz-reset-yes" data-i18n="quiz.reset_yes"></button>
            <button type="button" id="quiz-reset-no" data-i18n="quiz.reset_no"></button>
          </div>
        </article>
        <article class="card quiz-bank" data-control="quiz_bank">
          <h3 data-i18n="quiz.bank_title"></h3>
          <p id="quiz-bank-name"></p>
          <p><span data-i18n="quiz.bank_intro"></span> <a id="quiz-bank-guide" href="instructor-guide.md" data-i18n="quiz.bank_guide_link"></a></p>
          <label class="file-button"><span data-i18n="quiz.bank_load"></span> <input type="file" id="quiz-bank-file" accept=".json,application/json"></label>
          <button type="button" id="quiz-bank-builtin" data-i18n="quiz.bank_builtin" hidden></button>
          <p id="quiz-bank-practice" class="quiz-note" data-i18n="quiz.bank_practice_only" hidden></p>
          <div id="quiz-bank-message" class="quiz-bank-message" role="alert" hidden></div>
        </article>
      </div>
    </div>`;
}
