// A trained model kept in the browser (IndexedDB: model files are megabytes, beyond
// localStorage's few). Storage may be missing, blocked or full: every call resolves to
// { ok: true, ... } or { ok: false, reason: 'unavailable' | 'full' | 'empty' | 'failed' }.
const database_name = 'relu-lab';
const store_name = 'models';
const model_key = 'trainer-model';

function open_database() {
    return new Promise((resolve) => {
        let request;
        try {
            request = globalThis.indexedDB?.open(database_name, 1);
        } catch {
            request = null;  // opaque origins and some privacy modes throw on access
        }
        if (!request) {
            resolve(null);
            return;
        }
        request.onupgradeneeded = () => request.result.createObjectStore(store_name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(null);
        request.onblocked = () => resolve(null);
    });
}

function is_quota_error(error) {
    return error?.name === 'QuotaExceededError' || /quota/i.test(String(error?.message ?? ''));
}

async function transaction(mode, fn) {
    const db = await open_database();
    if (!db) return { ok: false, reason: 'unavailable' };
    return new Promise((resolve) => {
        let result;
        let tx;
        try {
            tx = db.transaction(store_name, mode);
            result = fn(tx.objectStore(store_name));
        } catch (error) {
            db.close();
            resolve({ ok: false, reason: is_quota_error(error) ? 'full' : 'failed' });
            return;
        }
        tx.oncomplete = () => {
            db.close();
            resolve({ ok: true, value: result?.result });
        };
        tx.onerror = tx.onabort = () => {
            db.close();
            resolve({ ok: false, reason: is_quota_error(tx.error) ? 'full' : 'failed' });
        };
    });
}

// { bytes: Uint8Array, saved_at: ms since 1970, summary: {...} }
export async function store_model(bytes, summary) {
    return transaction('readwrite', (store) => store.put({ bytes: bytes.slice(), saved_at: Date.now(), summary }, model_key));
}

export async function fetch_stored_model() {
    const got = await transaction('readonly', (store) => store.get(model_key));
    if (!got.ok) return got;
    const record = got.value;
    if (!record || !(record.bytes instanceof Uint8Array)) return { ok: false, reason: 'empty' };
    return { ok: true, bytes: record.bytes, saved_at: record.saved_at, summary: record.summary };
}
