// Typing a numeric quiz answer: the same value for each value the question asks for
// (data-value-count on the field), since the page refuses a count that is off and asks
// again instead of marking it (quiz/answer_views.js).
export async function fill_numeric_answer(target, value) {
    const field = await target.$('#quiz-answer-body input[type=text]');
    const count = Number((await field.getAttribute('data-value-count')) ?? 1);
    await field.fill(Array(count).fill(value).join(', '));
}
