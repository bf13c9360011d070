// Leitner scheduling with a fake clock: right answers move cards up and away, wrong ones
// back to box 1 and due at once; sessions take due cards first.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { box_count, box_intervals_ms, empty_schedule, mastery_percent, next_session, review, sanitize_schedule, schedule_summary } from '../../web/quiz/scheduler.js';

const day = 24 * 60 * 60 * 1000;
const t0 = Date.UTC(2026, 0, 5, 9);  // a fixed "now"

test('a right answer moves a card up one box and schedules it after that box interval', () => {
    let s = empty_schedule();
    s = review(s, 'q1', true, t0);
    assert.deepEqual(s.cards.q1, { box: 2, due_ms: t0 + day, right: 1, wrong: 0, last_ms: t0 });
    s = review(s, 'q1', true, t0 + day);
    assert.equal(s.cards.q1.box, 3);
    assert.equal(s.cards.q1.due_ms, t0 + day + 3 * day);
    // The top box is the ceiling.
    for (let i = 0; i < 10; i++) s = review(s, 'q1', true, t0 + 100 * day);
    assert.equal(s.cards.q1.box, box_count);
    assert.equal(s.cards.q1.due_ms, t0 + 100 * day + box_intervals_ms[box_count - 1]);
});

test('a wrong answer sends a card back to box 1, due at once', () => {
    let s = empty_schedule();
    s = review(s, 'q1', true, t0);
    s = review(s, 'q1', true, t0 + day);
    s = review(s, 'q1', false, t0 + 5 * day);
    assert.deepEqual(s.cards.q1, { box: 1, due_ms: t0 + 5 * day, right: 2, wrong: 1, last_ms: t0 + 5 * day });
});

test('review is pure: the old schedule is unchanged', () => {
    const s = empty_schedule();
    const s2 = review(s, 'q1', true, t0);
    assert.deepEqual(s, empty_schedule());
    assert.notEqual(s2, s);
});

test('next_session: wrong cards come back before new ones, new before not-yet-due', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    let s = empty_schedule();
    s = review(s, 'a', true, t0);   // box 2, due t0 + 1 day
    s = review(s, 'b', false, t0);  // box 1, due t0
    // Same day: b is due, c d e are new, a is not due yet.
    assert.deepEqual(next_session(s, ids, t0 + 60_000, 10), ['b', 'c', 'd', 'e', 'a']);
    assert.deepEqual(next_session(s, ids, t0 + 60_000, 2), ['b', 'c']);
    // Two days later a is due too; lower box first (b in box 1, a in box 2).
    assert.deepEqual(next_session(s, ids, t0 + 2 * day, 3), ['b', 'a', 'c']);
    // A wrongly answered card comes back sooner than a rightly answered one.
    let s2 = review(empty_schedule(), 'x', true, t0);
    s2 = review(s2, 'y', false, t0);
    assert.ok(s2.cards.y.due_ms < s2.cards.x.due_ms);
});

test('schedule_summary and mastery_percent', () => {
    let s = empty_schedule();
    s = review(s, 'a', true, t0);
    s = review(s, 'b', false, t0);
    const summary = schedule_summary(s, ['a', 'b', 'c'], t0 + 1000);
    assert.deepEqual(summary.per_box, [1, 1, 1, 0, 0, 0]);
    assert.equal(summary.due_now, 1);
    assert.equal(summary.new_cards, 1);
    assert.equal(summary.next_due_ms, t0 + day);
    // a in box 2 -> 1/4, b box 1 -> 0, c unseen -> 0: (0.25 + 0 + 0) / 3 = 8.3 % -> 8.
    assert.equal(mastery_percent(s, ['a', 'b', 'c']), 8);
    assert.equal(mastery_percent(s, []), 0);
});

test('sanitize_schedule keeps well-formed cards only', () => {
    const raw = JSON.parse('{"cards": {"ok": {"box": 2, "due_ms": 5, "right": 1, "wrong": 0, "last_ms": 4},' +
        '"bad_box": {"box": 9, "due_ms": 5, "right": 1, "wrong": 0, "last_ms": 4},' +
        '"bad_due": {"box": 1, "due_ms": "soon", "right": 1, "wrong": 0, "last_ms": 4},' +
        '"__proto__": {"box": 1, "due_ms": 5, "right": 0, "wrong": 0, "last_ms": 4}}}');
    const s = sanitize_schedule(raw);
    assert.deepEqual(Object.keys(s.cards), ['ok']);
    assert.equal(Object.getPrototypeOf(s.cards), Object.prototype);
    assert.deepEqual(sanitize_schedule(null), empty_schedule());
    assert.deepEqual(sanitize_schedule({ cards: 'x' }), empty_schedule());
});
