// The page side of the one protocol every worker speaks (the worker side, and the
// messages, are in web/workers/worker_module.js): requests with an id, answered once,
// with progress before the answer; and events a worker announces on its own.
import { relu_lab_error } from '../common/relu_lab_error.js';

// One request: posts { id, ...request } and returns { id, answer }: answer resolves with
// the worker's result for that id (or rejects with its relu_lab_error), and every
// { id, progress } before it goes to on_progress. The protocol: workers/worker_module.js.
let next_request_id = 1;
export function start_request(worker, request, { transfer = [], on_progress = null } = {}) {
    const id = next_request_id++;
    const answer = new Promise((resolve, reject) => {
        const on_message = (event) => {
            const message = event.data;
            if (message?.id !== id) return;
            if ('progress' in message) {
                on_progress?.(message.progress);
                return;
            }
            worker.removeEventListener('message', on_message);
            if (message.error)
                reject(
                    new relu_lab_error(message.error.i18n_key ?? 'common.error_unexpected', message.error.params ?? {})
                );
            else resolve(message.result);
        };
        worker.addEventListener('message', on_message);
        worker.postMessage({ ...request, id }, transfer);
    });
    return { id, answer };
}

// One request, one answer (start_request without the id).
export function ask_worker(worker, request, options = {}) {
    return start_request(worker, request, options).answer;
}

// fn(name, message) for every event the worker announces on its own ({ event, ... }).
export function on_worker_events(worker, fn) {
    const on_message = (event) => {
        const message = event.data;
        if (typeof message?.event === 'string' && message.id === undefined) fn(message.event, message);
    };
    worker.addEventListener('message', on_message);
    return () => worker.removeEventListener('message', on_message);
}
