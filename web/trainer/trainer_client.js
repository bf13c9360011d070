// The page side of the trainer worker (web/workers/trainer_worker.js): one request, one
// answer (client.request(type, payload)), and the training stream as events
// (client.on('progress' | 'epoch_end' | 'diverged' | 'run_state' | 'model_changed' | 'fine_tuned', fn)).
// Other sections (draw pad, "what the network sees") use the same client.
// Training helpers (web/workers/team_worker.js) are started here and joined to the
// trainer worker by MessagePorts, one per pair of workers: set_workers(n).
import { start_module_worker } from '../bridge/worker_host.js';
import { ask_worker, on_worker_events } from '../bridge/worker_protocol.js';

export const trainer_event_names = [
    'progress',
    'epoch_end',
    'diverged',
    'run_state',
    'model_changed',
    'fine_tuned',
    'team_changed',
];

// The most workers the page offers; the default is one per core up to this.
export const max_workers = 8;
export function default_workers() {
    return Math.max(1, Math.min(max_workers, globalThis.navigator?.hardwareConcurrency ?? 1));
}

// How many of `asked` workers train: at most one per core. Every team step waits for all
// its members, so members beyond the cores only take turns on them, and every member still
// receives the others' weights at every step: 4 members on 2 cores trained at 0.58-0.83x
// (seed-keras) and 0.75-0.81x (small) the speed of 2 in five runs of the bench's workers
// part. The weights are the same either way.
export function training_workers(asked) {
    return Math.max(1, Math.min(Math.floor(asked) || 1, default_workers()));
}

export async function start_trainer_client(build, { start_worker = start_module_worker } = {}) {
    const worker = await start_worker('trainer_worker', build);
    let helpers = [];
    let team_change = Promise.resolve({ ok: true, workers: 1 });
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

    function stop_helpers() {
        for (const h of helpers) h.terminate();
        helpers = [];
    }

    // training_workers(n) workers in all: the trainer worker and the helpers. Resolves
    // with { ok, workers } (how many train). slow_helpers (tests): helper index -> how many
    // ms longer each of its images takes (a slower core).
    async function change_team(n, slow_helpers = {}) {
        // The trainer takes back its helpers' slices of the optimizer state first.
        if (helpers.length > 0) await ask_worker(worker, { type: 'set_team', ports: [] });
        stop_helpers();
        const wanted = training_workers(n);
        const started = await Promise.allSettled(
            Array.from({ length: wanted - 1 }, () => start_worker('team_worker', build))
        );
        helpers = started.filter((r) => r.status === 'fulfilled').map((r) => r.value);
        const size = helpers.length + 1;
        const ports = Array.from({ length: size }, () => Array(size).fill(null));
        for (let i = 0; i < size; i++) {
            for (let j = i + 1; j < size; j++) {
                const channel = new MessageChannel();
                ports[i][j] = channel.port1;
                ports[j][i] = channel.port2;
            }
        }
        await Promise.all(
            helpers.map((h, k) => {
                const own = ports[k + 1];
                h.addEventListener('error', () =>
                    ask_worker(worker, { type: 'team_member_lost', index: k + 1, detail: 'the worker failed' })
                );
                return ask_worker(
                    h,
                    { type: 'join_team', index: k + 1, size, ports: own, slow_ms_per_image: slow_helpers[k + 1] ?? 0 },
                    { transfer: own.filter(Boolean) }
                );
            })
        );
        const leader_ports = ports[0].slice(1);
        return ask_worker(worker, { type: 'set_team', ports: leader_ports }, { transfer: leader_ports });
    }

    return Object.freeze({
        request,
        // Changes are queued: the last one asked for wins, none overlap.
        // slow_helpers_for_test: see change_team (tests: how the team splits its batches).
        set_workers(n, { slow_helpers_for_test = {} } = {}) {
            team_change = team_change.catch(() => null).then(() => change_team(n, slow_helpers_for_test));
            return team_change;
        },
        // Ends a helper as if it had crashed (tests: the trainer goes on alone).
        lose_helper_for_test(index) {
            helpers[index - 1]?.terminate();
            return ask_worker(worker, { type: 'team_member_lost', index, detail: 'terminated' });
        },
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
