// Leitner scheduling with a fake clock: right answers move cards up and away, wrong ones
// back to box 1 and due at once; sessions take due cards first.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
    box_count,
    box_intervals_ms,
    empty_schedule,
    mastery_percent,
    merge_schedules,
    next_session,
    review,
    sanitize_schedule,
    schedule_summary,
} from '../../web/quiz/scheduler.js';

const day = 24 * 60 * 60 * 1000;
const t0 = Date.UTC(2026, 0, 5, 9); // a fixed "now"

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
    s = review(s, 'a', true, t0); // box 2, due t0 + 1 day
    s = review(s, 'b', false, t0); // box 1, due t0
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
    const raw = JSON.parse(
        '{"cards": {"ok": {"box": 2, "due_ms": 5, "right": 1, "wrong": 0, "last_ms": 4},' +
            '"bad_box": {"box": 9, "due_ms": 5, "right": 1, "wrong": 0, "last_ms": 4},' +
            '"bad_due": {"box": 1, "due_ms": "soon", "right": 1, "wrong": 0, "last_ms": 4},' +
            '"__proto__": {"box": 1, "due_ms": 5, "right": 0, "wrong": 0, "last_ms": 4}}}'
    );
    const s = sanitize_schedule(raw);
    assert.deepEqual(Object.keys(s.cards), ['ok']);
    assert.equal(Object.getPrototypeOf(s.cards), Object.prototype);
    assert.deepEqual(sanitize_schedule(null), empty_schedule());
    assert.deepEqual(sanitize_schedule({ cards: 'x' }), empty_schedule());
});

// Date covers +-8.64e15 ms; a stored time outside it (or not a number) makes every date
// shown from it throw, so such a card is refused where it enters.
const hostile_times = [1e20, -1e20, NaN, Infinity, -Infinity, 8.64e15 + 1, '1700000000000', null, undefined, {}];

test('sanitize_schedule refuses cards whose times are outside the range of Date', () => {
    for (const bad of hostile_times) {
        const cards = {
            ok: { box: 2, due_ms: 8.64e15, right: 1, wrong: 0, last_ms: -8.64e15 }, // the very edges are still dates
            bad_due: { box: 2, due_ms: bad, right: 1, wrong: 0, last_ms: t0 },
            bad_last: { box: 2, due_ms: t0, right: 1, wrong: 0, last_ms: bad },
        };
        assert.deepEqual(Object.keys(sanitize_schedule({ cards }).cards), ['ok'], String(bad));
    }
});

test('merge_schedules: per card, the newer answer wins; cards of either side are kept', () => {
    const local = {
        cards: {
            both_local_newer: { box: 3, due_ms: t0 + 3 * day, right: 2, wrong: 0, last_ms: t0 },
            both_platform_newer: { box: 2, due_ms: t0 + day, right: 1, wrong: 0, last_ms: t0 - day },
            only_local: { box: 1, due_ms: t0, right: 0, wrong: 1, last_ms: t0 },
        },
    };
    const platform = {
        cards: {
            both_local_newer: { box: 2, due_ms: t0, right: 1, wrong: 0, last_ms: t0 - day },
            both_platform_newer: { box: 1, due_ms: t0 + 2 * day, right: 1, wrong: 1, last_ms: t0 + 2 * day },
            only_platform: { box: 4, due_ms: t0 + 7 * day, right: 3, wrong: 0, last_ms: t0 },
        },
    };
    const merged = merge_schedules(local, platform);
    assert.deepEqual(merged.cards, {
        both_local_newer: local.cards.both_local_newer,
        both_platform_newer: platform.cards.both_platform_newer,
        only_local: local.cards.only_local,
        only_platform: platform.cards.only_platform,
    });
    assert.deepEqual(
        Object.keys(local.cards),
        ['both_local_newer', 'both_platform_newer', 'only_local'],
        'inputs unchanged'
    );
});

test('merge_schedules at a coarse resolution: same minute, the card with more answers wins, then local', () => {
    const minute = 60_000;
    // The platform keeps whole minutes: the same answer comes back rounded up, and is not newer.
    const local = { cards: { same: { box: 2, due_ms: t0 + day + 40_000, right: 1, wrong: 0, last_ms: t0 + 40_000 } } };
    const rounded = {
        cards: { same: { box: 2, due_ms: t0 + day + minute, right: 1, wrong: 0, last_ms: t0 + minute } },
    };
    assert.deepEqual(merge_schedules(local, rounded, { resolution_ms: minute }).cards.same, local.cards.same);
    // Two answers within one minute: the card that has seen more answers is the newer.
    const more = { cards: { same: { box: 3, due_ms: t0 + 3 * day, right: 2, wrong: 0, last_ms: t0 + minute } } };
    assert.deepEqual(merge_schedules(local, more, { resolution_ms: minute }).cards.same, more.cards.same);
    // At full resolution the later time wins.
    assert.deepEqual(merge_schedules(local, rounded).cards.same, rounded.cards.same);
});
