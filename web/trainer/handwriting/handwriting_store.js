// The learner's drawings in browser storage (localStorage, which works from file:// too):
// about 100 drawings of 784 bytes, a little over 100 KB as base64. Storage may be missing
// (sandboxed iframes, privacy modes) or full: the panel then keeps the drawings for this
// visit only and says so; a damaged record is reported, never trusted (the next save replaces it).
//
//   const store = create_handwriting_store(storage)   storage: a Storage or null
//   store.load() -> { samples, problem }   problem: a handwriting.* key or null
//   store.save(samples) -> problem or null
import { is_quota_error } from '../../shell/storage.js';
import { samples_from_json, samples_to_json } from './handwriting_samples.js';

export const handwriting_storage_key = 'relu-lab.handwriting';

export function create_handwriting_store(storage, key = handwriting_storage_key) {
    return Object.freeze({
        available: storage !== null,
        load() {
            if (!storage) return { samples: [], problem: 'handwriting.storage_unavailable' };
            let text;
            try {
                text = storage.getItem(key);
            } catch {
                return { samples: [], problem: 'handwriting.storage_unavailable' };
            }
            if (text === null) return { samples: [], problem: null };
            const read = samples_from_json(text);
            return read.ok
                ? { samples: read.samples, problem: null }
                : { samples: [], problem: 'handwriting.storage_damaged' };
        },
        save(samples) {
            if (!storage) return 'handwriting.storage_unavailable';
            try {
                if (samples.length === 0) storage.removeItem(key);
                else storage.setItem(key, samples_to_json(samples));
                return null;
            } catch (error) {
                return is_quota_error(error) ? 'handwriting.storage_full' : 'handwriting.storage_unavailable';
            }
        },
    });
}
