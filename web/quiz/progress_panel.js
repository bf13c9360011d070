// The quiz's "Your progress" panel: the last session, mastery per topic, the review
// schedule (Leitner boxes) and when reviews are due, and the progress files (export,
// import, reset with a confirmation).
import { offer_download } from '../common/download.js';
import { emit_learning_event, learning_event_names } from '../events/learning_events.js';
import { format_number, t } from '../i18n/i18n.js';
import { builtin_topics } from './bank_schema.js';
import { parse_progress_text, progress_to_text } from './progress_store.js';
import { cell, format_date } from './quiz_dom.js';
import { box_count, mastery_percent, schedule_summary } from './scheduler.js';

// quiz: the quiz's shared pieces { doc, $, state, store, record, review_ids,
// topic_label, now, render }. Returns { render }.
export function mount_progress_panel(quiz) {
    const { doc, $, state, store } = quiz;

    $('#quiz-export').addEventListener('click', () => {
        offer_download(doc, progress_to_text(state.progress), 'relu-lab-quiz-progress.json', 'application/json');
    });
    $('#quiz-import').addEventListener('change', async (event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (!file) return;
        const parsed = parse_progress_text(await file.text());
        if (parsed.progress) {
            state.progress = parsed.progress;
            state.notice =
                store.save(state.progress) || !store.available
                    ? { key: 'quiz.imported' }
                    : { key: store.last_save_problem() };
        } else state.notice = { key: parsed.problem };
        quiz.render();
    });
    $('#quiz-reset').addEventListener('click', () => {
        state.reset_asked = true;
        quiz.render();
        $('#quiz-reset-no').focus();
    });
    $('#quiz-reset-no').addEventListener('click', () => {
        state.reset_asked = false;
        quiz.render();
        $('#quiz-reset').focus();
    });
    $('#quiz-reset-yes').addEventListener('click', () => {
        state.reset_asked = false;
        const banks = { ...state.progress.banks };
        delete banks[state.bank.id];
        state.progress = { ...state.progress, banks };
        store.save(state.progress);
        state.notice = { key: 'quiz.reset_done' };
        emit_learning_event(learning_event_names.quiz_progress_reset, { bank_id: state.bank.id });
        quiz.render();
        $('#quiz-reset').focus();
    });

    function mastery_rows(rec) {
        const topics = [...new Set([...builtin_topics, ...state.bank.questions.map((q) => q.topic)])];
        const rows = [];
        for (const topic of topics) {
            const ids = state.bank.questions.filter((q) => q.topic === topic).map((q) => q.id);
            if (ids.length === 0) continue;
            let right = 0;
            let wrong = 0;
            for (const id of ids) {
                const card = Object.hasOwn(rec.schedule.cards, id) ? rec.schedule.cards[id] : null;
                right += card?.right ?? 0;
                wrong += card?.wrong ?? 0;
            }
            rows.push({ topic, count: ids.length, right, wrong, mastery: mastery_percent(rec.schedule, ids) });
        }
        return rows;
    }

    function render() {
        const rec = quiz.record();
        const last = rec.last_session;
        $('#quiz-last-session').textContent = last
            ? t('quiz.last_session', { ...last, date: format_date(last.finished_ms) })
            : t('quiz.no_session_yet');

        const tbody = $('#quiz-mastery tbody');
        tbody.replaceChildren();
        for (const row of mastery_rows(rec)) {
            const tr = doc.createElement('tr');
            tr.dataset.topic = row.topic;
            tr.appendChild(cell(doc, 'th', quiz.topic_label(row.topic)));
            tr.appendChild(cell(doc, 'td', format_number(row.count)));
            tr.appendChild(cell(doc, 'td', format_number(row.right)));
            tr.appendChild(cell(doc, 'td', format_number(row.wrong)));
            const mastery = cell(doc, 'td', '');
            const bar = doc.createElement('progress');
            bar.max = 100;
            bar.value = row.mastery;
            bar.setAttribute('aria-hidden', 'true');
            const text = doc.createElement('span');
            text.textContent = t('quiz.mastery_value', { percent: row.mastery });
            mastery.append(bar, text);
            tr.appendChild(mastery);
            tbody.appendChild(tr);
        }

        const summary = schedule_summary(rec.schedule, quiz.review_ids(), quiz.now());
        const schedule_body = $('#quiz-schedule tbody');
        schedule_body.replaceChildren();
        for (let box = 0; box <= box_count; box++) {
            const tr = doc.createElement('tr');
            tr.dataset.box = String(box);
            tr.appendChild(cell(doc, 'th', t(box === 0 ? 'quiz.box_new' : `quiz.box_${box}`)));
            tr.appendChild(cell(doc, 'td', format_number(summary.per_box[box])));
            schedule_body.appendChild(tr);
        }
        $('#quiz-due').textContent = [
            t('quiz.due_now', { count: summary.due_now }),
            summary.next_due_ms !== null ? t('quiz.next_due', { date: format_date(summary.next_due_ms) }) : '',
        ]
            .filter(Boolean)
            .join(' ');
        $('#quiz-start-status').textContent = t('quiz.start_status', { due: summary.due_now, new: summary.new_cards });
        $('#quiz-reset-confirm').hidden = !state.reset_asked;
        const notice = $('#quiz-storage-notice');
        notice.hidden = !state.notice;
        notice.textContent = state.notice ? t(state.notice.key, state.notice.params) : '';
    }

    return { render };
}
