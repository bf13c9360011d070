// The page side of the labs' worker (web/workers/lab_worker.js): starts it on first use,
// hands it the bundled digits once, and runs one experiment at a time with progress
// streamed back. A new run cancels the one before it.
import { ask_worker, start_module_worker } from '../bridge/worker_host.js';
import { relu_lab_error } from '../common/relu_lab_error.js';
import { load_bundled_digit_files } from '../data/digit_files.js';

// Run ids live in their own range so they never meet ask_worker's ids on this worker.
let next_run_id = 1_000_000_000;

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
                [files.images_gz.buffer, files.labels_gz.buffer]
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
        const id = next_run_id++;
        const promise = new Promise((resolve, reject) => {
            const on_message = (event) => {
                const message = event.data;
                if (message?.id !== id) return;
                if ('progress' in message) {
                    if (current?.id === id) on_progress(message.progress);
                    return;
                }
                w.removeEventListener('message', on_message);
                if (current?.id === id) current = null;
                if (message.error)
                    reject(
                        new relu_lab_error(
                            message.error.i18n_key ?? 'common.error_unexpected',
                            message.error.params ?? {}
                        )
                    );
                else resolve(message.result);
            };
            w.addEventListener('message', on_message);
            w.postMessage({ type: 'run', id, lab, params });
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
