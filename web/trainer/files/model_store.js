// A trained model kept in the browser (IndexedDB: model files are megabytes, beyond
// localStorage's few). Storage may be missing, blocked, broken or full: every call
// resolves (never rejects) to { ok: true, ... } or
// { ok: false, reason: 'unavailable' | 'full' | 'empty' | 'failed' }.
const database_name = 'relu-lab';
const store_name = 'models';
const model_key = 'trainer-model';
// An open request that never settles (seen in some private modes) must not leave the
// learner waiting without a word.
const open_timeout_ms = 10_000;

function is_quota_error(error) {
    return error?.name === 'QuotaExceededError' || /quota/i.test(String(error?.message ?? ''));
}

// Why storage failed, as a reason the trainer has a message for: blocked (privacy
// modes, opaque origins) is 'unavailable', a full quota 'full', anything else 'failed'.
function reason_of(error) {
    if (is_quota_error(error)) return 'full';
    if (error?.name === 'SecurityError' || error?.name === 'InvalidStateError') return 'unavailable';
    return 'failed';
}

// -> { db } or { reason }.
function open_database() {
    return new Promise((resolve) => {
        let request;
        try {
            request = globalThis.indexedDB?.open(database_name, 1);
        } catch (error) {
            // Opaque origins and some privacy modes throw on access; a broken store throws too.
            resolve({ reason: reason_of(error) });
            return;
        }
        if (!request) {
            resolve({ reason: 'unavailable' });
            return;
        }
        let settled = false;
        const settle = (value) => {
            if (settled) {
                value.db?.close();
                return;
            }
            settled = true;
            clearTimeout(timer);
            resolve(value);
        };
        const timer = setTimeout(() => settle({ reason: 'failed' }), open_timeout_ms);
        request.onupgradeneeded = () => {
            try {
                request.result.createObjectStore(store_name);
            } catch (error) {
                request.transaction?.abort();
                settle({ reason: reason_of(error) });
            }
        };
        request.onsuccess = () => settle({ db: request.result });
        request.onerror = (event) => {
            event?.preventDefault?.(); // handled here: not an uncaught error in the console
            settle({ reason: reason_of(request.error) });
        };
        // Another tab holds an older version open: the learner can close it and retry.
        request.onblocked = () => settle({ reason: 'failed' });
    });
}

async function transaction(mode, fn) {
    const { db, reason } = await open_database();
    if (!db) return { ok: false, reason };
    return new Promise((resolve) => {
        let result;
        let tx;
        try {
            tx = db.transaction(store_name, mode);
            result = fn(tx.objectStore(store_name));
        } catch (error) {
            db.close();
            resolve({ ok: false, reason: reason_of(error) === 'full' ? 'full' : 'failed' });
            return;
        }
        tx.oncomplete = () => {
            db.close();
            resolve({ ok: true, value: result?.result });
        };
        tx.onerror = tx.onabort = (event) => {
            event?.preventDefault?.();
            db.close();
            resolve({ ok: false, reason: is_quota_error(tx.error ?? result?.error) ? 'full' : 'failed' });
        };
    });
}

// { bytes: Uint8Array, saved_at: ms since 1970, summary: {...} }
export async function store_model(bytes, summary) {
    return transaction('readwrite', (store) =>
        store.put({ bytes: bytes.slice(), saved_at: Date.now(), summary }, model_key)
    );
}

export async function fetch_stored_model() {
    const got = await transaction('readonly', (store) => store.get(model_key));
    if (!got.ok) return got;
    const record = got.value;
    if (!record || !(record.bytes instanceof Uint8Array)) return { ok: false, reason: 'empty' };
    return { ok: true, bytes: record.bytes, saved_at: record.saved_at, summary: record.summary };
}
