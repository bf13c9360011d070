// The concept labs' worker: holds the bundled digits and runs one lab experiment at a
// time (web/labs/lab_experiments.js), streaming progress to the page between chunks of
// training. Requests:
//   { type: 'set_digits', images_gz, labels_gz } -> { train, test } (counts)
//   { type: 'run', lab, params }                 -> the experiment's result; meanwhile
//        its progress (worker_module.js)
//   { type: 'cancel', run_id }                   -> stops that run (the run request's id) at its next chunk
import { bundled_digits_split } from '../bridge/datasets.js';
import { experiments, lab_data } from '../labs/lab_experiments.js';
import { serve_module_requests } from './worker_module.js';
import { yield_to_messages } from './yield_to_messages.js';

let data = null;
const cancelled = new Set();

serve_module_requests(async (module, request, { progress }) => {
    if (request.type === 'set_digits') {
        const split = await bundled_digits_split(module, {
            images_gz: new Uint8Array(request.images_gz),
            labels_gz: new Uint8Array(request.labels_gz),
        });
        if (!split.ok)
            throw Object.assign(new Error(split.error), {
                i18n_key: 'labs.error_trainer',
                params: { detail: split.error },
            });
        data = lab_data(split.train, split.test);
        return { train: data.train.count, test: data.test.count };
    }
    if (request.type === 'cancel') {
        cancelled.add(request.run_id);
        return { cancelled: request.run_id };
    }
    if (request.type === 'run') {
        const experiment = experiments[request.lab];
        if (!experiment) throw new Error(`unknown lab ${request.lab}`);
        if (!data) throw Object.assign(new Error('no digits'), { i18n_key: 'labs.error_no_data', params: {} });
        try {
            return await experiment(module, data, request.params ?? {}, {
                progress,
                pause: async () => {
                    await yield_to_messages(); // lets a cancel in between chunks
                    return cancelled.has(request.id);
                },
            });
        } finally {
            cancelled.delete(request.id);
        }
    }
    throw new Error(`unknown request ${request.type}`);
});
