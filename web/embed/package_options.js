// Options an instructor chose when packaging the page for a learning platform: the
// packagers (build-scripts/package-*.mjs) write them into the package's index.html as
// <meta name="relu-lab-..." content="..."> tags. A platform's own setting wins where it
// has one (SCORM's mastery score); these are the fallback the instructor meant.
import { parse_quiz_settings } from '../quiz/quiz_settings.js';

export const mastery_meta_name = 'relu-lab-mastery-score';
// The graded quiz's rules (quiz/quiz_settings.js), one meta tag each.
export const quiz_meta_names = Object.freeze({
    questions: 'relu-lab-quiz-questions',
    topics: 'relu-lab-quiz-topics',
    seed: 'relu-lab-quiz-seed',
    attempts: 'relu-lab-quiz-attempts',
    counts: 'relu-lab-quiz-counts',
    mastery: mastery_meta_name,
});

function meta_content(doc, name) {
    try {
        return doc?.querySelector?.(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
    } catch {
        return null;
    }
}

// The mastery score (0-100) set at packaging time, or null (none, or not a whole number
// in range: never guessed).
export function package_mastery_percent(doc) {
    const text = meta_content(doc, mastery_meta_name);
    if (text === null || !/^\d{1,3}$/.test(text.trim())) return null;
    const value = Number(text);
    return value <= 100 ? value : null;
}

// The quiz settings set at packaging time (each null when absent or invalid); what was
// refused goes into `ignored` when a list is given.
export function package_quiz_settings(doc, ignored = []) {
    return parse_quiz_settings((name) => meta_content(doc, quiz_meta_names[name]), ignored, quiz_meta_names);
}
