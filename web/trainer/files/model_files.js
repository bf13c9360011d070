// Model files and browser storage: save the worker's model as a file or in this browser,
// load one back. A failure never touches the model in the worker: it is replaced only by
// a load that succeeded.
// view: the section's shared pieces; run: run_panel.js (the worker and its readiness).
import { offer_download } from '../../common/download.js';
import { guarded, message_line, read_file_bytes } from './file_actions.js';
import { fetch_stored_model, store_model } from './model_store.js';
import { refusal_text } from '../refusal_text.js';

const model_file_name = 'relu-lab-model.bin';
const max_model_file_bytes = 256 << 20;
const storage_reasons = ['unavailable', 'full', 'empty', 'failed'];

export function create_model_files({ $, control, state }, { run }) {
    const say_file = message_line($('.trainer-file-message'));
    const say_storage_problem = (reason) =>
        say_file(`trainer.storage_${storage_reasons.includes(reason) ? reason : 'failed'}`, {}, true);

    // The worker's model as a file's bytes; null when there is none yet. Throws when the
    // worker cannot write it.
    async function saved_bytes() {
        await run.ready;
        if (!state.has_model) return null;
        const result = await run.client().save();
        if (!result.ok) throw new Error(refusal_text(result) || 'save refused');
        return result.bytes;
    }

    control('save_file').addEventListener('click', () =>
        guarded(say_file, 'trainer.file_save_failed', async () => {
            const bytes = await saved_bytes();
            if (!bytes) return say_file('trainer.file_no_model', {}, true);
            offer_download(document, bytes, model_file_name);
            return say_file('trainer.file_saved', {
                name: model_file_name,
                kilobytes: Math.round(bytes.length / 1024),
            });
        })
    );
    control('save_storage').addEventListener('click', () =>
        guarded(say_file, 'trainer.storage_failed', async () => {
            const bytes = await saved_bytes();
            if (!bytes) return say_file('trainer.file_no_model', {}, true);
            const stored = await store_model(bytes, { epoch: state.model_info?.epoch ?? 0 });
            if (stored.ok) say_file('trainer.storage_saved', { kilobytes: Math.round(bytes.length / 1024) });
            else say_storage_problem(stored.reason);
            return stored;
        })
    );

    // origin: 'file' or 'storage', which the worker's model_changed event carries back.
    function load_bytes(bytes, origin) {
        return guarded(say_file, 'trainer.file_load_failed', async () => {
            await run.ready;
            if (state.running) await run.client().pause();
            const result = await run.client().load(bytes, origin);
            if (!result.ok) {
                say_file(
                    origin === 'storage' ? 'trainer.storage_refused' : 'trainer.file_refused',
                    { reason: refusal_text(result) },
                    true
                );
                return result;
            }
            say_file(origin === 'storage' ? 'trainer.storage_loaded' : 'trainer.file_loaded', { epoch: result.epoch });
            return result;
        });
    }
    control('load_file').addEventListener('change', async () => {
        const input = control('load_file');
        const file = input.files?.[0];
        input.value = '';
        if (!file) return;
        if (file.size === 0) return say_file('trainer.file_empty', {}, true);
        if (file.size > max_model_file_bytes)
            return say_file('trainer.file_too_large', { megabytes: max_model_file_bytes >> 20 }, true);
        const bytes = await read_file_bytes(file);
        if (!bytes) return say_file('trainer.file_read_failed', {}, true);
        return load_bytes(bytes, 'file');
    });
    control('load_storage').addEventListener('click', () =>
        guarded(say_file, 'trainer.storage_failed', async () => {
            const stored = await fetch_stored_model();
            if (!stored.ok) return say_storage_problem(stored.reason);
            return load_bytes(stored.bytes, 'storage');
        })
    );

    return { load_bytes };
}
