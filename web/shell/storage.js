// Browser storage that may be missing or full. Sandboxed iframes and some privacy modes
// throw on the mere access to localStorage (or refuse every write): callers get null and
// keep working without it. Storage that is full is still there to read, so what it holds
// (a learner's progress) stays shown; it comes back marked full, so the page can say that
// new progress may not be saved.

// A write refused because the origin's quota is used up (Chromium and Safari name it
// QuotaExceededError; older Firefox NS_ERROR_DOM_QUOTA_REACHED).
export function is_quota_error(error) {
    return (
        error instanceof Error && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED')
    );
}

// -> { storage: Storage | null, full: boolean }
export function open_browser_storage() {
    let storage;
    try {
        storage = globalThis.localStorage;
        if (!storage) return { storage: null, full: false };
    } catch {
        return { storage: null, full: false };
    }
    const probe = 'relu-lab.probe';
    try {
        storage.setItem(probe, '1');
        storage.removeItem(probe);
        return { storage, full: false };
    } catch (error) {
        return is_quota_error(error) ? { storage, full: true } : { storage: null, full: false };
    }
}
