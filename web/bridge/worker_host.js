// Starting a worker that owns its own wasm instance, from http(s):// and file:// alike.
// new Worker(url-of-a-file) is blocked on file://, so the worker is a Blob URL whose text
// is the Emscripten glue followed by the worker's own bundled code; the wasm bytes are
// posted to it. Worker sources are bundled into the page at build time (build_web.mjs).
import worker_sources from 'relu-lab:worker-sources';

import { artifact_global, artifact_wasm_bytes } from './artifacts.js';
import { relu_lab_error } from '../common/relu_lab_error.js';

// Resolves with the worker once its module is ready. `name` is a file in web/workers/.
export function start_module_worker(name, build) {
    const source = worker_sources[name];
    const artifact = globalThis[artifact_global]?.[build];
    if (!source || !artifact)
        return Promise.reject(new relu_lab_error('common.error_module_missing', { file: `${name} (${build})` }));
    const url = URL.createObjectURL(new Blob([artifact.glue, '\n', source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    const wasm_binary = artifact_wasm_bytes(artifact);
    return new Promise((resolve, reject) => {
        const on_message = (event) => {
            if (event.data?.type !== 'ready' && event.data?.type !== 'init_failed') return;
            worker.removeEventListener('message', on_message);
            URL.revokeObjectURL(url);
            if (event.data.type === 'ready') resolve(worker);
            else {
                worker.terminate();
                reject(new relu_lab_error('common.error_unexpected', { detail: event.data.detail }));
            }
        };
        worker.addEventListener('message', on_message);
        worker.addEventListener(
            'error',
            (event) =>
                reject(new relu_lab_error('common.error_unexpected', { detail: event.message ?? 'worker error' })),
            { once: true }
        );
        worker.postMessage({ type: 'init', build, wasm_binary: wasm_binary.buffer }, [wasm_binary.buffer]);
    });
}
