// The learner's own data: a pair of IDX files (MNIST's format, gzipped or not), picked or
// dropped, to train on or to evaluate with; and the way back to the bundled digits.
// view: the section's shared pieces; run: run_panel.js (the worker and the data note).
import { load_bundled_digit_files } from '../../data/digit_files.js';
import { t } from '../../i18n/i18n.js';
import { guarded, message_line, read_file_bytes } from './file_actions.js';
import { refusal_text } from '../refusal_text.js';
import { round_to } from '../trainer_format.js';

const max_idx_file_bytes = 512 << 20;
const max_shown_file_name_chars = 80;

// Sorts dropped or picked files into images and labels by their names (MNIST's own
// names: train-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte, ...).
export function classify_idx_files(files) {
    const images = files.filter((f) => /idx3|image/i.test(f.name));
    const labels = files.filter((f) => /idx1|label/i.test(f.name) && !images.includes(f));
    if (files.length === 2 && images.length === 1 && labels.length === 1)
        return { images: images[0], labels: labels[0] };
    return null;
}

export function create_idx_files({ $, control, state }, { run }) {
    const say_data = message_line($('.trainer-data-message'));

    async function use_idx_files(files) {
        const pair = classify_idx_files([...files]);
        if (!pair) return say_data('trainer.idx_need_pair', {}, true);
        if (pair.images.size === 0 || pair.labels.size === 0) return say_data('trainer.idx_empty', {}, true);
        if (pair.images.size > max_idx_file_bytes || pair.labels.size > max_idx_file_bytes)
            return say_data('trainer.idx_too_large', { megabytes: max_idx_file_bytes >> 20 }, true);
        const role = control('idx_role').value === 'eval' ? 'eval' : 'train';
        return guarded(say_data, 'trainer.data_failed', () => use_idx_pair(pair, role));
    }

    async function use_idx_pair(pair, role) {
        await run.ready;
        const client = run.client();
        if (state.running) await client.pause();
        say_data('trainer.idx_reading');
        const images = await read_file_bytes(pair.images);
        const labels = images && (await read_file_bytes(pair.labels));
        if (!labels) return say_data('trainer.idx_read_failed', {}, true);
        const name = pair.images.name.slice(0, max_shown_file_name_chars);
        const result = await client.set_idx_data(role, images, labels, name);
        if (!result.ok) return say_data('trainer.idx_refused', { reason: refusal_text(result) }, true);
        state.data = result;
        run.render_data_note();
        say_data(role === 'eval' ? 'trainer.idx_loaded_eval' : 'trainer.idx_loaded_train', {
            count: role === 'eval' ? result.test_count : result.train_count,
        });
        if (role === 'eval' && state.has_model) {
            // The files are in use by now: a failed evaluation only leaves the line empty.
            const evaluation = await client.evaluate().catch(() => ({ ok: false }));
            if (evaluation.ok)
                $('.trainer-accuracy').textContent = t('trainer.evaluated', {
                    accuracy: round_to(100 * evaluation.accuracy, 2),
                    count: evaluation.count,
                });
        }
        return result;
    }

    control('idx_files').addEventListener('change', async () => {
        const input = control('idx_files');
        const files = [...(input.files ?? [])];
        input.value = '';
        if (files.length) await use_idx_files(files);
    });
    const drop = control('idx_drop');
    drop.addEventListener('dragover', (event) => {
        event.preventDefault();
        drop.classList.add('is-over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('is-over'));
    drop.addEventListener('drop', async (event) => {
        event.preventDefault();
        drop.classList.remove('is-over');
        await use_idx_files([...(event.dataTransfer?.files ?? [])]);
    });
    control('bundled_data').addEventListener('click', () =>
        guarded(say_data, 'trainer.data_failed', async () => {
            await run.ready;
            if (state.running) await run.client().pause();
            const result = await run.client().set_bundled_data(await load_bundled_digit_files());
            if (!result.ok) return say_data('trainer.idx_refused', { reason: refusal_text(result) }, true);
            state.data = result;
            run.render_data_note();
            say_data('trainer.data_back_to_bundled');
            return result;
        })
    );

    return { use_idx_files };
}
