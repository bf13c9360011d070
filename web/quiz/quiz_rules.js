// The rules of a graded quiz applied: how many questions, which ones (by topic, the
// same for everyone under a fixed seed), how many attempts are left and which
// attempt's score counts. Pure functions over plain values; no DOM.
import { next_session } from './scheduler.js';
import { create_rng } from '../common/seeded_rng.js';

// settings: quiz_settings.js; chosen: the size the learner picked.
// -> { size, fixed }: fixed when the learner cannot change it.
export function session_size(settings, chosen) {
    if (settings?.questions) return { size: settings.questions, fixed: true };
    const topics = settings?.topics ?? null;
    if (topics && topics.every((t) => t.count !== null))
        return { size: topics.reduce((sum, t) => sum + t.count, 0), fixed: true };
    return { size: chosen, fixed: false };
}

// How many questions each topic gives: explicit counts first (cut in the order given
// when they add up to more than the session), then the rest shared one by one among
// the topics without a count, then, if questions are still missing, among all topics.
function topic_quotas(topics, size, available) {
    const quota = new Map(topics.map((t) => [t.topic, 0]));
    let left = size;
    for (const t of topics) {
        if (t.count === null) continue;
        const take = Math.min(t.count, available.get(t.topic) ?? 0, left);
        quota.set(t.topic, take);
        left -= take;
    }
    const share_among = (list) => {
        let progressed = true;
        while (left > 0 && progressed) {
            progressed = false;
            for (const t of list) {
                if (left === 0) break;
                if (quota.get(t.topic) < (available.get(t.topic) ?? 0)) {
                    quota.set(t.topic, quota.get(t.topic) + 1);
                    left--;
                    progressed = true;
                }
            }
        }
    };
    share_among(topics.filter((t) => t.count === null));
    share_among(topics);
    return quota;
}

// The question ids of one session.
//   questions: the bank's questions; extra_ids: other cards in the review (flashcards),
//   asked only without topics or a fixed seed; schedule, now_ms: the Leitner schedule;
//   size; topics: quiz_settings topics or null; seed: this session's seed; fixed: the
//   seed is the instructor's, so the schedule is left out and everyone gets the same set.
export function choose_session_ids({ questions, extra_ids = [], schedule, now_ms, size, topics = null, seed, fixed }) {
    const rng = create_rng(seed);
    // Due cards first (lowest box), then new ones in a shuffled order, then the rest.
    const ordered = (ids) =>
        fixed ? rng.shuffled(ids) : next_session(schedule, rng.shuffled(ids), now_ms, ids.length);
    if (!topics) {
        const ids = [...questions.map((q) => q.id), ...(fixed ? [] : extra_ids)];
        return ordered(ids).slice(0, size);
    }
    const pools = new Map(
        topics.map((t) => [t.topic, ordered(questions.filter((q) => q.topic === t.topic).map((q) => q.id))])
    );
    const available = new Map([...pools].map(([topic, ids]) => [topic, ids.length]));
    const quota = topic_quotas(topics, size, available);
    const chosen = topics.flatMap((t) => pools.get(t.topic).slice(0, quota.get(t.topic)));
    return rng.shuffled(chosen); // topics mixed, not asked in blocks
}

// attempts: [{ score, max_score, percent, finished_ms }] graded so far; rule: best,
// last or mean (null: best, as before there were rules). -> percent or null.
export function counted_percent(attempts, rule) {
    if (!attempts?.length) return null;
    if (rule === 'last') return attempts.reduce((a, b) => (b.finished_ms >= a.finished_ms ? b : a)).percent;
    if (rule === 'mean') return Math.round(attempts.reduce((sum, a) => sum + a.percent, 0) / attempts.length);
    return Math.max(...attempts.map((a) => a.percent));
}

export function attempts_state(used, allowed) {
    if (!allowed) return { used, allowed: null, left: null, exhausted: false };
    const left = Math.max(0, allowed - used);
    return { used, allowed, left, exhausted: left === 0 };
}
