// The page side of the trainer worker (web/workers/trainer_worker.js): one request, one
// answer (client.request(type, payload)), and the training stream as events
// (client.on('progress' | 'epoch_end' | 'diverged' | 'run_state' | 'model_changed' | 'fine_tuned', fn)).
// Other sections (draw pad, "what the network sees") use the same client.
import { start_module_worker } from '../bridge/worker_host.js';
import { ask_worker, on_worker_events } from '../bridge/worker_protocol.js';

export const trainer_event_names = ['progress', 'epoch_end', 'diverged', 'run_state', 'model_changed', 'fine_tuned'];

export async function start_trainer_client(build) {
    const worker = await start_module_worker('trainer_worker', build);
    const listeners = new Map(trainer_event_names.map((name) => [name, new Set()]));
    on_worker_events(worker, (name, message) => {
        for (const fn of listeners.get(name) ?? []) {
            try {
                fn(message);
            } catch (error) {
                // One listener's mistake must not stop the others (or the stream).
                console.error(error); // i18n-exempt: developer console
            }
        }
    });

    // Byte arrays are copied and the copies transferred, so callers keep theirs.
    // on_progress(fraction) hears a long request's progress (fine_tune).
    function request(type, payload = {}, { on_progress = null } = {}) {
        const transfer = [];
        const message = { type };
        for (const [key, value] of Object.entries(payload)) {
            if (value instanceof Uint8Array) {
                const copy = value.slice();
                transfer.push(copy.buffer);
                message[key] = copy;
            } else message[key] = value;
        }
        return ask_worker(worker, message, { transfer, on_progress });
    }

    return Object.freeze({
        request,
        on(name, fn) {
            listeners.get(name)?.add(fn);
            return () => listeners.get(name)?.delete(fn);
        },
        set_bundled_data: (files) =>
            request('set_data', { kind: 'bundled', images_gz: files.images_gz, labels_gz: files.labels_gz }),
        set_idx_data: (role, images, labels, name) => request('set_data', { kind: 'idx', role, images, labels, name }),
        create: (config) => request('create', { config }),
        play: (epochs) => request('play', { epochs }),
        pause: () => request('pause'),
        step: (batches = 1) => request('step', { batches }),
        save: () => request('save'),
        load: (bytes, origin) => request('load', { bytes, origin }),
        evaluate: () => request('evaluate'),
        status: () => request('status'),
    });
}
