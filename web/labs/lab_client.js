// The page side of the labs' worker (web/workers/lab_worker.js): starts it on first use,
// hands it the bundled digits once, and runs one experiment at a time with progress
// streamed back. A new run cancels the one before it.
import { start_module_worker } from '../bridge/worker_host.js';
import { ask_worker, start_request } from '../bridge/worker_protocol.js';
import { load_bundled_digit_files } from '../data/digit_files.js';

export function create_lab_client({
    build,
    load_digits = load_bundled_digit_files,
    start_worker = start_module_worker,
}) {
    let ready = null;
    let current = null;

    function worker() {
        ready ??= (async () => {
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
            ready = null;
        }); // a failed start may be retried by the next run
        return ready;
    }

    // run(lab, params, on_progress) -> Promise of the result; rejects with a
    // relu_lab_error (i18n key) on failure. A cancelled run resolves with cancelled: true.
    async function run(lab, params, on_progress = () => {}) {
        cancel();
        const w = await worker();
        const { id, answer } = start_request(
            w,
            { type: 'run', lab, params },
            { on_progress: (progress) => current?.id === id && on_progress(progress) }
        );
        const promise = answer.finally(() => {
            if (current?.id === id) current = null;
        });
        current = { id, worker: w };
        return promise;
    }

    function cancel() {
        if (!current) return;
        const { id, worker: w } = current;
        current = null;
        ask_worker(w, { type: 'cancel', run_id: id }).catch(() => {});
    }

    return { run, cancel, running: () => current !== null };
}
