// Spaced repetition with Leitner boxes. A card starts in box 1; a right answer moves it
// up one box and schedules it after that box's interval, a wrong answer sends it back to
// box 1, due at once, so it comes back in the next session. Pure functions over a plain
// state { cards: { [question_id]: card } }; the clock is passed in (now_ms), so tests
// can move time.
export const box_count = 5;
const day_ms = 24 * 60 * 60 * 1000;
// Interval after a right answer that lands a card in box b (index b - 1).
export const box_intervals_ms = Object.freeze([0, 1 * day_ms, 3 * day_ms, 7 * day_ms, 16 * day_ms]);

export function empty_schedule() {
    return { cards: {} };
}

// card: { box, due_ms, right, wrong, last_ms }
export function review(schedule, question_id, correct, now_ms) {
    const old = Object.hasOwn(schedule.cards, question_id) ? schedule.cards[question_id] : null;
    const box = correct ? Math.min(box_count, (old?.box ?? 1) + 1) : 1;
    const card = {
        box,
        due_ms: now_ms + (correct ? box_intervals_ms[box - 1] : 0),
        right: (old?.right ?? 0) + (correct ? 1 : 0),
        wrong: (old?.wrong ?? 0) + (correct ? 0 : 1),
        last_ms: now_ms,
    };
    return { ...schedule, cards: { ...schedule.cards, [question_id]: card } };
}

// The questions for the next session, at most `size`: cards that are due (lowest box
// first, then the longest overdue), then new cards in the given order, then, if that
// is not enough, the cards due soonest.
export function next_session(schedule, question_ids, now_ms, size) {
    const known = [];
    const fresh = [];
    for (const id of question_ids) {
        if (Object.hasOwn(schedule.cards, id)) known.push(id);
        else fresh.push(id);
    }
    const card = (id) => schedule.cards[id];
    const due = known
        .filter((id) => card(id).due_ms <= now_ms)
        .sort((a, b) => card(a).box - card(b).box || card(a).due_ms - card(b).due_ms);
    const later = known.filter((id) => card(id).due_ms > now_ms).sort((a, b) => card(a).due_ms - card(b).due_ms);
    return [...due, ...fresh, ...later].slice(0, size);
}

// How many of the given questions sit in each box (box 0: never answered), how many are
// due now, and when the next not-yet-due card comes back.
export function schedule_summary(schedule, question_ids, now_ms) {
    const per_box = new Array(box_count + 1).fill(0);
    let due_now = 0;
    let next_due_ms = null;
    for (const id of question_ids) {
        const card = Object.hasOwn(schedule.cards, id) ? schedule.cards[id] : null;
        per_box[card ? card.box : 0]++;
        if (!card) continue;
        if (card.due_ms <= now_ms) due_now++;
        else if (next_due_ms === null || card.due_ms < next_due_ms) next_due_ms = card.due_ms;
    }
    return { per_box, due_now, new_cards: per_box[0], next_due_ms };
}

// Mastery of a set of questions in percent: how far up the boxes their cards are
// (unanswered cards count as box 1).
export function mastery_percent(schedule, question_ids) {
    if (question_ids.length === 0) return 0;
    let sum = 0;
    for (const id of question_ids) {
        const box = Object.hasOwn(schedule.cards, id) ? schedule.cards[id].box : 1;
        sum += (box - 1) / (box_count - 1);
    }
    return Math.round((100 * sum) / question_ids.length);
}

// Date holds times within +-8.64e15 ms of 1970 (+-100,000,000 days). A stored time
// outside that range is no time at all: a Date made from it is invalid and formatting it
// throws, so such values are refused wherever progress comes in.
export const max_time_ms = 8.64e15;

export function is_time_ms(value) {
    return Number.isFinite(value) && Math.abs(value) <= max_time_ms;
}

// A schedule read from storage, an import file or a learning platform: keep only
// well-formed cards.
export function sanitize_schedule(value) {
    const out = empty_schedule();
    if (value === null || typeof value !== 'object' || value.cards === null || typeof value.cards !== 'object')
        return out;
    for (const [id, c] of Object.entries(value.cards)) {
        if (id === '__proto__' || id.length > 64 || c === null || typeof c !== 'object') continue;
        const ok =
            Number.isInteger(c.box) &&
            c.box >= 1 &&
            c.box <= box_count &&
            is_time_ms(c.due_ms) &&
            Number.isInteger(c.right) &&
            c.right >= 0 &&
            Number.isInteger(c.wrong) &&
            c.wrong >= 0 &&
            is_time_ms(c.last_ms);
        if (ok) out.cards[id] = { box: c.box, due_ms: c.due_ms, right: c.right, wrong: c.wrong, last_ms: c.last_ms };
    }
    return out;
}

// Whether card a holds a later answer than card b. Times are compared at resolution_ms
// (a learning platform keeps whole minutes); within one step, the card that has seen
// more answers is the later one; a full tie keeps b.
export function is_newer_card(a, b, resolution_ms = 1) {
    const step = (ms) => Math.round(ms / resolution_ms);
    if (step(a.last_ms) !== step(b.last_ms)) return step(a.last_ms) > step(b.last_ms);
    return a.right + a.wrong > b.right + b.wrong;
}

// Two copies of one schedule (this browser's and a platform's) -> one: every card of
// either, and where both have a card, the newer answer.
export function merge_schedules(local, other, { resolution_ms = 1 } = {}) {
    const cards = { ...local.cards };
    for (const [id, card] of Object.entries(other.cards)) {
        if (!Object.hasOwn(cards, id) || is_newer_card(card, cards[id], resolution_ms)) cards[id] = card;
    }
    return { ...local, cards };
}
