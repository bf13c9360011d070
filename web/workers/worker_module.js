// The worker side of worker_host.js: builds the module from the posted wasm bytes with
// the glue that precedes this code in the worker's Blob, then serves requests. Every
// worker speaks one protocol:
//   page -> worker  { type: 'init', build, wasm_binary } once, then { id, type, ...payload }
//   worker -> page  { type: 'ready' } or { type: 'init_failed', detail } once; for each
//                   request zero or more { id, progress }, then { id, result } or
//                   { id, error: { i18n_key, params } }; and { event, ...payload } for
//                   what the worker announces on its own (the trainer's training stream).
import { glue_factory_name } from '../bridge/artifacts.js';
import { wrap_module } from '../bridge/relu_lab_module.js';

let when_built = null;

// fn(module) runs once the module is built and 'ready' is posted, in the same task, so
// requests that arrive meanwhile wait for it (a training worker's warm_up.js).
export function on_module_built(fn) {
    when_built = fn;
}

// handle(module, request, { progress }) -> result (or a Promise of it); progress(value)
// reaches the request's on_progress in the page; thrown relu_lab_errors travel back.
export function serve_module_requests(handle) {
    let module = null;
    self.addEventListener('message', async (event) => {
        const message = event.data;
        if (message?.type === 'init') {
            try {
                const raw = await self[glue_factory_name]({ wasmBinary: new Uint8Array(message.wasm_binary) });
                module = wrap_module(raw, message.build);
                self.postMessage({ type: 'ready', build: module.build });
                when_built?.(module);
            } catch (error) {
                self.postMessage({ type: 'init_failed', detail: String(error?.message ?? error) });
            }
            return;
        }
        if (!module || typeof message?.id !== 'number') return;
        try {
            const progress = (value) => self.postMessage({ id: message.id, progress: value });
            self.postMessage({ id: message.id, result: await handle(module, message, { progress }) });
        } catch (error) {
            self.postMessage({
                id: message.id,
                error: {
                    i18n_key: error?.i18n_key ?? 'common.error_unexpected',
                    params: error?.params ?? { detail: String(error?.message ?? error) },
                },
            });
        }
    });
}

// An announcement no request asked for (worker_host.js on_worker_events hears it).
export function post_event(name, payload = {}) {
    self.postMessage({ ...payload, event: name });
}
