// The worker side of worker_host.js: builds the module from the posted wasm bytes with
// the glue that precedes this code in the worker's Blob, then serves requests.
import { glue_factory_name } from '../bridge/artifacts.js';
import { wrap_module } from '../bridge/relu_lab_module.js';

// handle(module, request) -> result (or a Promise of it); thrown relu_lab_errors travel back.
export function serve_module_requests(handle) {
    let module = null;
    self.addEventListener('message', async (event) => {
        const message = event.data;
        if (message?.type === 'init') {
            try {
                const raw = await self[glue_factory_name]({ wasmBinary: new Uint8Array(message.wasm_binary) });
                module = wrap_module(raw, message.build);
                self.postMessage({ type: 'ready', build: module.build });
            } catch (error) {
                self.postMessage({ type: 'init_failed', detail: String(error?.message ?? error) });
            }
            return;
        }
        if (!module || typeof message?.id !== 'number') return;
        try {
            self.postMessage({ id: message.id, result: await handle(module, message) });
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
