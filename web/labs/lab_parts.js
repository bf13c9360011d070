// One lab run split across several workers, and put back together. Every experiment trains
// one independent network per value of one list (activations, initialisers, copies,
// augmentations), each seeded the same and trained on the same data, so a value's series
// does not depend on which worker computed it or which values ran beside it. No DOM and
// no workers: lab_client.js uses it, and the Node tests check it on its own.
//
//   plan_lab_run(lab, params, relu_lab, workers) -> { lab, field, values, parts: [{ indices, values, params }] }
//   merge_results(plan, results)                 -> one result, as if one worker ran the whole list
//   create_progress_merger(plan)                 -> (part, progress) -> the run's merged progress
import { normalise_params } from './lab_experiments.js';

// The list parameter each experiment trains one network per value of.
export const lab_list_fields = Object.freeze({
    vanishing_gradients: 'activations',
    dying_relu: 'activations',
    sparsity: 'activations',
    initialisation: 'inits',
    same_seed_ab: 'copies',
    augmentation: 'modes',
});

// values -> up to `count` contiguous shares, sizes differing by at most one, each value
// with its index in the whole list. Repeated values stay separate entries.
export function split_list(values, count) {
    const n = Math.max(1, Math.min(Math.floor(count) || 1, values.length));
    const parts = [];
    let start = 0;
    for (let k = 0; k < n; k++) {
        const size = Math.floor(values.length / n) + (k < values.length % n ? 1 : 0);
        const indices = Array.from({ length: size }, (_, j) => start + j);
        parts.push({ indices, values: indices.map((i) => values[i]) });
        start += size;
    }
    return parts;
}

// The params a worker gets for its share: the learner's settings with only that share of
// the list. list_part lets a share be shorter than the lab's minimum list (two A/B copies).
export function part_params(params, field, values) {
    return { ...params, [field]: values.slice(), list_part: true };
}

// The list is split as the experiment will read it (unknown names dropped, duplicates
// removed where the lab does so), so every share's indices point into the real list. A
// lab without a list runs whole on one worker.
export function plan_lab_run(lab, params, relu_lab, workers) {
    const field = lab_list_fields[lab];
    const values = field ? normalise_params(lab, params ?? {}, relu_lab)?.[field] : null;
    if (!values) return { lab, field: null, values: null, parts: [{ indices: null, values: null, params }] };
    const parts = split_list(values, workers).map((part) => ({
        ...part,
        params: part_params(params, field, part.values),
    }));
    return { lab, field, values: values.slice(), parts };
}

// pieces: [{ indices, result }] from parts that have something to merge. series in the
// whole list's order, params with the whole list, cancelled if any part was, and every
// other number (vanishing gradients' step) the least over the parts: the run has got that far.
function merge_pieces(plan, pieces) {
    const merged = {};
    const placed = pieces
        .flatMap(({ indices, result }) => result.series.map((entry, j) => ({ index: indices[j], entry })))
        .sort((a, b) => a.index - b.index);
    for (const { result } of pieces) {
        for (const [key, value] of Object.entries(result)) {
            if (key === 'series' || key in merged) continue;
            const values = pieces.map((p) => p.result[key]).filter((v) => v !== undefined);
            if (key === 'params') merged.params = { ...value, [plan.field]: plan.values.slice() };
            else if (key === 'cancelled') merged.cancelled = values.some(Boolean);
            else if (values.every((v) => typeof v === 'number')) merged[key] = Math.min(...values);
            else merged[key] = value;
        }
    }
    merged.series = placed.map((p) => p.entry);
    return { merged, series_index: placed.map((p) => p.index) };
}

// results[k]: part k's result. -> the whole run's result.
export function merge_results(plan, results) {
    if (!plan.field) return results[0];
    return merge_pieces(
        plan,
        plan.parts.map((part, k) => ({ indices: part.indices, result: results[k] }))
    ).merged;
}

// latest[k]: part k's latest progress ({ step, steps, partial }), undefined until it
// reports. A partial holds only the parts that have sent one; series_index gives each of
// its entries' place in the whole list, so a lab can label copy C as C while B is missing.
export function merge_progress(plan, latest) {
    const reported = latest.flatMap((progress, k) => (progress ? [{ k, progress }] : []));
    if (reported.length === 0) return null;
    if (!plan.field) return reported[0].progress;
    const merged = {};
    for (const key of ['step', 'steps']) {
        const values = reported.map((r) => r.progress[key]).filter((v) => typeof v === 'number');
        if (values.length) merged[key] = Math.min(...values);
    }
    const pieces = reported
        .filter((r) => r.progress.partial)
        .map((r) => ({ indices: plan.parts[r.k].indices, result: r.progress.partial }));
    if (pieces.length) {
        const { merged: partial, series_index } = merge_pieces(plan, pieces);
        merged.partial = { ...partial, series_index };
    }
    return merged;
}

// -> (k, progress) => merged progress. A part's partial is kept until it sends a newer one.
export function create_progress_merger(plan) {
    const latest = new Array(plan.parts.length).fill(undefined);
    return (k, progress) => {
        const partial = progress.partial ?? latest[k]?.partial;
        latest[k] = partial ? { ...progress, partial } : { ...progress };
        return merge_progress(plan, latest);
    };
}
