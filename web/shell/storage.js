// Browser storage that may be missing: sandboxed iframes and some privacy modes throw
// on the mere access to localStorage. Callers get null and keep working without it.
export function browser_storage() {
    try {
        const storage = globalThis.localStorage;
        const probe = 'relu-lab.probe';
        storage.setItem(probe, '1');
        storage.removeItem(probe);
        return storage;
    } catch {
        return null;
    }
}
