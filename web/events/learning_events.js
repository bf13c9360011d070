// Learning events: the one place the quiz, Learn, the labs and the trainer report
// what a learner did, so the embedding and SCORM code can listen without touching the
// code that emits. Payloads are plain frozen objects; a failing listener never breaks
// the page or the other listeners.
//
// Event names and payloads:
//   quiz.started    { session_id, bank_id, question_count }
//   quiz.answered   { session_id, bank_id, question_id, topic, type, correct,
//                     score_so_far, answered_so_far, question_count, graded,
//                     answer: { response, expected, prompt, latency_ms } }
//                   answer, for learning platforms (embed/answer_record.js; being an
//                   object, it is not posted to a parent page): response as
//                   quiz/question_attempt.js check_attempt takes it; expected, the
//                   correct answer (null when there is none); prompt, the question as
//                   shown, values filled in; latency_ms, from shown to checked
//   quiz.score      { session_id, bank_id, score, max_score, percent }   after each answer
//   quiz.completed  { session_id, bank_id, score, max_score, percent, graded, attempt_number,
//                     counts, counted_percent }   once per session; graded: false for
//                   practice after the last graded attempt (not reported); counts: the
//                   instructor's rule (best, last, mean or null); counted_percent: the
//                   score that rule counts over the graded attempts (quiz/quiz_rules.js)
//   quiz.progress_reset { bank_id }
//   learn.chapter_read  { chapter_id }            a chapter first read to its end
//   learn.flashcard_graded { card_id, chapter_id, knew, prompt }   a Learn flashcard
//                   self-graded and recorded in the review schedule; prompt, its front
//                   as shown
//   labs.run_finished   { lab_id }                 a lab's experiment ran to its end
//   trainer.run_finished { epochs }                training stopped after its last epoch
export const learning_event_names = Object.freeze({
    quiz_started: 'quiz.started',
    quiz_answered: 'quiz.answered',
    quiz_score: 'quiz.score',
    quiz_completed: 'quiz.completed',
    quiz_progress_reset: 'quiz.progress_reset',
    learn_chapter_read: 'learn.chapter_read',
    learn_flashcard_graded: 'learn.flashcard_graded',
    labs_run_finished: 'labs.run_finished',
    trainer_run_finished: 'trainer.run_finished',
});

const known_names = new Set(Object.values(learning_event_names));
const listeners = new Map(); // name or '*' -> Set of functions

// Listen to one event name, or to all with '*'. Returns a function that stops listening.
export function on_learning_event(name, listener) {
    if (name !== '*' && !known_names.has(name)) throw new Error(`unknown learning event: ${name}`);
    if (!listeners.has(name)) listeners.set(name, new Set());
    listeners.get(name).add(listener);
    return () => listeners.get(name)?.delete(listener);
}

export function emit_learning_event(name, payload) {
    if (!known_names.has(name)) throw new Error(`unknown learning event: ${name}`);
    const event = Object.freeze({ name, ...payload });
    for (const key of [name, '*']) {
        for (const listener of listeners.get(key) ?? []) {
            try {
                listener(event);
            } catch (error) {
                console.warn(`learning event listener failed for ${name}:`, error);
            }
        }
    }
    return event;
}
