// "How this quiz is graded": the rules an instructor fixed (quiz_settings.js), shown
// before a session starts: questions per attempt, topics, the same questions for
// everyone, attempts used and left, which attempt counts, the pass mark.
import { language, t } from '../i18n/i18n.js';

function list_text(items) {
    try {
        return new Intl.ListFormat(language(), { type: 'conjunction' }).format(items);
    } catch {
        return items.join(', ');
    }
}

// rules: { settings, size: { size, fixed }, attempts: attempts_state(), counted_percent,
// mastery_percent, topic_label(topic) }. -> the lines, in order.
export function rules_lines({ settings, size, attempts, counted_percent, mastery_percent, topic_label }) {
    const lines = [];
    lines.push(size.fixed ? t('quiz.rules_questions', { count: size.size }) : t('quiz.rules_questions_choice'));
    if (settings.topics) {
        const topics = settings.topics.map((topic) =>
            topic.count === null
                ? topic_label(topic.topic)
                : t('quiz.rules_topic_count', { topic: topic_label(topic.topic), count: topic.count })
        );
        lines.push(t('quiz.rules_topics', { topics: list_text(topics) }));
    }
    if (settings.seed !== null) lines.push(t('quiz.rules_same_questions'));
    lines.push(
        attempts.allowed === null
            ? t('quiz.rules_attempts_unlimited', { used: attempts.used })
            : t('quiz.rules_attempts', { used: attempts.used, allowed: attempts.allowed, left: attempts.left })
    );
    lines.push(t(`quiz.rules_counts_${settings.counts ?? 'best'}`));
    if (counted_percent !== null) lines.push(t('quiz.rules_counted_so_far', { percent: counted_percent }));
    if (mastery_percent !== null) lines.push(t('quiz.rules_pass_mark', { percent: mastery_percent }));
    return lines;
}

// The start form: the session size (hidden when the instructor fixed it, with the
// reason shown), the start button (practice once the graded attempts are used up) and
// the rules box. quiz: { doc, $, state, topic_label }; info: { size, attempts, shown,
// counted_percent, mastery_percent }.
export function render_start_form(
    { doc, $, state, topic_label },
    { size, attempts, shown, counted_percent, mastery_percent }
) {
    $('#quiz-session-size').closest('.quiz-session-size').hidden = size.fixed;
    const fixed_line = $('#quiz-size-fixed');
    fixed_line.hidden = !size.fixed;
    fixed_line.textContent = size.fixed ? t('quiz.size_fixed', { count: size.size }) : '';
    $('#quiz-start-button').textContent = t(attempts.exhausted ? 'quiz.start_practice' : 'quiz.start');
    const over = $('#quiz-attempts-over');
    over.hidden = !attempts.exhausted;
    over.textContent = attempts.exhausted ? t('quiz.attempts_over', { allowed: attempts.allowed }) : '';
    $('#quiz-rules').hidden = !shown;
    const list = $('#quiz-rules-list');
    list.replaceChildren();
    if (!shown) return;
    const lines = rules_lines({
        settings: state.settings,
        size,
        attempts,
        counted_percent,
        mastery_percent,
        topic_label,
    });
    for (const line of lines) {
        const li = doc.createElement('li');
        li.textContent = line;
        list.appendChild(li);
    }
}
