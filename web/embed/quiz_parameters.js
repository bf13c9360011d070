// The graded quiz's embedding options, as address parameters (quiz_questions=12) and as
// the packagers' flags (--quiz-questions 12, written into the package's index.html as
// <meta name="relu-lab-quiz-questions">). One set of rules for the Embed dialog and the
// packagers, so a value either passes both or is refused by both:
//   quiz_questions  1..40 questions per graded session
//   quiz_topics     builtin topic ids, each with an optional count: definition:2,variants
//   quiz_seed       1..2147483647, the same questions in the same order for everyone
//   quiz_attempts   1..20 graded attempts
//   quiz_counts     which attempt counts: best, last or mean
//   mastery         0..100, the score (percent) that passes
import { builtin_topics } from '../quiz/bank_schema.js';
import { counting_rules, max_topic_count, quiz_setting_ranges } from '../quiz/quiz_settings.js';

// The quiz's own rules (quiz/quiz_settings.js), under the parameters' names.
export const quiz_count_rules = counting_rules;
export const quiz_whole_ranges = Object.freeze({
    quiz_questions: quiz_setting_ranges.questions,
    quiz_seed: quiz_setting_ranges.seed,
    quiz_attempts: quiz_setting_ranges.attempts,
    mastery: quiz_setting_ranges.mastery,
});
// Parameter name -> <meta name> in a package's index.html (web/embed/package_options.js).
export const quiz_meta_names = Object.freeze({
    quiz_questions: 'relu-lab-quiz-questions',
    quiz_topics: 'relu-lab-quiz-topics',
    quiz_seed: 'relu-lab-quiz-seed',
    quiz_attempts: 'relu-lab-quiz-attempts',
    quiz_counts: 'relu-lab-quiz-counts',
    mastery: 'relu-lab-mastery-score',
});
export const quiz_parameter_names = Object.freeze(Object.keys(quiz_meta_names));

// (name, text) -> { value } with the value as the address writes it, or { problem }: an
// English sentence for the packagers' messages (the dialog shows the name=value instead).
export function check_quiz_parameter(name, raw) {
    const text = String(raw ?? '').trim();
    if (name in quiz_whole_ranges) {
        const [min, max] = quiz_whole_ranges[name];
        if (!/^\d{1,10}$/.test(text) || Number(text) < min || Number(text) > max)
            return { problem: `must be a whole number from ${min} to ${max}` };
        return { value: String(Number(text)) };
    }
    if (name === 'quiz_counts') {
        return quiz_count_rules.includes(text)
            ? { value: text }
            : { problem: `must be one of ${quiz_count_rules.join(', ')}` };
    }
    if (name === 'quiz_topics') {
        const items = text
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '');
        if (items.length === 0) return { problem: 'needs at least one topic' };
        const seen = new Set();
        for (const item of items) {
            const [topic, count, ...rest] = item.split(':');
            if (!builtin_topics.includes(topic))
                return { problem: `"${topic.slice(0, 32)}" is not a topic (topics: ${builtin_topics.join(', ')})` };
            if (seen.has(topic)) return { problem: `names ${topic} twice` };
            seen.add(topic);
            if (
                rest.length ||
                (count !== undefined && (!/^\d{1,2}$/.test(count) || +count < 1 || +count > max_topic_count))
            )
                return { problem: `${topic}: a count must be a whole number from 1 to ${max_topic_count}` };
        }
        return { value: items.join(',') };
    }
    return { problem: 'is not a quiz option' };
}
