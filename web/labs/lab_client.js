// The page side of the labs' workers (web/workers/lab_worker.js): starts them on first
// use, hands each the bundled digits once, and runs one experiment at a time with its
// list (activations, initialisers, copies...) split across up to `workers` of them
// (lab_parts.js); progress and results are merged back as if one worker ran it all. A
// new run cancels the one before it.
import { start_module_worker } from '../bridge/worker_host.js';
import { ask_worker, start_request } from '../bridge/worker_protocol.js';
import { load_bundled_digit_files } from '../data/digit_files.js';
import { default_workers, max_workers } from '../trainer/trainer_client.js';
import { create_progress_merger, merge_results, plan_lab_run } from './lab_parts.js';

const clamp_workers = (n) => Math.max(1, Math.min(max_workers, Math.floor(Number(n)) || 1));

// relu_lab: the page's module, to read a run's list as the experiment will (its seed range).
export function create_lab_client({
    build,
    relu_lab = null,
    workers = default_workers(),
    load_digits = load_bundled_digit_files,
    start_worker = start_module_worker,
}) {
    let wanted = clamp_workers(workers);
    const pool = []; // pool[k]: Promise of worker k, ready with the digits
    let current = null; // { cancelled, requests: [{ id, worker }] }

    function worker(k) {
        if (pool[k]) return pool[k];
        const ready = (async () => {
            const w = await start_worker('lab_worker', build);
            const files = await load_digits();
            await ask_worker(
                w,
                { type: 'set_digits', images_gz: files.images_gz.buffer, labels_gz: files.labels_gz.buffer },
                { transfer: [files.images_gz.buffer, files.labels_gz.buffer] }
            );
            return w;
        })();
        ready.catch(() => {
            if (pool[k] === ready) pool[k] = null;
        }); // a failed start may be retried by the next run
        pool[k] = ready;
        return ready;
    }

    function cancel_requests(run) {
        for (const { id, worker: w } of run.requests) ask_worker(w, { type: 'cancel', run_id: id }).catch(() => {});
    }

    // run(lab, params, on_progress) -> Promise of the result, with workers: how many ran
    // it; rejects with a relu_lab_error (i18n key) on failure, the first failing part's.
    // A cancelled run resolves with cancelled: true.
    async function run(lab, params, on_progress = () => {}) {
        cancel();
        const mine = { cancelled: false, requests: [] };
        current = mine;
        const plan = relu_lab
            ? plan_lab_run(lab, params, relu_lab, wanted)
            : { lab, field: null, values: null, parts: [{ indices: null, values: null, params }] };
        const merge_progress = create_progress_merger(plan);
        try {
            const ws = await Promise.all(plan.parts.map((_, k) => worker(k)));
            const answers = plan.parts.map((part, k) => {
                const { id, answer } = start_request(
                    ws[k],
                    { type: 'run', lab, params: part.params },
                    {
                        on_progress: (progress) => {
                            const merged = merge_progress(k, progress);
                            if (current === mine && merged) on_progress(merged);
                        },
                    }
                );
                mine.requests.push({ id, worker: ws[k] });
                return answer;
            });
            // Cancelled while the workers were starting: the parts stop at their first chunk.
            if (mine.cancelled) cancel_requests(mine);
            let results;
            try {
                results = await Promise.all(answers);
            } catch (error) {
                // One part failed: the others have nothing left to contribute.
                if (!mine.cancelled) cancel_requests(mine);
                throw error;
            }
            return { ...merge_results(plan, results), workers: plan.parts.length };
        } finally {
            if (current === mine) current = null;
        }
    }

    function cancel() {
        if (!current) return;
        const run = current;
        current = null;
        run.cancelled = true;
        cancel_requests(run);
    }

    return {
        run,
        cancel,
        running: () => current !== null,
        // How many workers the next run may use (1..max_workers); at most one per list value.
        set_workers(n) {
            wanted = clamp_workers(n);
        },
        workers: () => wanted,
    };
}
