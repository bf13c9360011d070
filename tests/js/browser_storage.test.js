// Opening the browser's storage: storage that is blocked is "none", but storage that is
// merely full is still there to read (the learner's progress stays shown) and is marked
// full, so the page can say that new progress cannot be saved.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';

import { is_quota_error, open_browser_storage } from '../../web/shell/storage.js';

const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
afterEach(() => {
    if (original) Object.defineProperty(globalThis, 'localStorage', original);
    else delete globalThis.localStorage;
});

function set_local_storage(value_or_getter) {
    Object.defineProperty(globalThis, 'localStorage', {
        configurable: true,
        get: typeof value_or_getter === 'function' ? value_or_getter : () => value_or_getter,
    });
}

function memory_storage({ set_error = null } = {}) {
    const map = new Map([['relu-lab.quiz.progress', '{"kept":true}']]);
    return {
        getItem: (k) => (map.has(k) ? map.get(k) : null),
        setItem(k, v) {
            if (set_error) throw set_error;
            map.set(k, String(v));
        },
        removeItem: (k) => map.delete(k),
    };
}

test('working storage: open, not full', () => {
    const storage = memory_storage();
    set_local_storage(storage);
    assert.deepEqual(open_browser_storage(), { storage, full: false });
});

test('blocked storage (the access throws, or every write is refused as insecure): none', () => {
    set_local_storage(() => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    assert.deepEqual(open_browser_storage(), { storage: null, full: false });
    set_local_storage(memory_storage({ set_error: new DOMException('The operation is insecure.', 'SecurityError') }));
    assert.deepEqual(open_browser_storage(), { storage: null, full: false });
    set_local_storage(undefined);
    assert.deepEqual(open_browser_storage(), { storage: null, full: false });
});

test('full storage: still open for reading, and marked full', () => {
    for (const error of [
        new DOMException('The quota has been exceeded.', 'QuotaExceededError'), // Chromium, Safari
        new DOMException('Persistent storage maximum size reached', 'NS_ERROR_DOM_QUOTA_REACHED'), // older Firefox
    ]) {
        const storage = memory_storage({ set_error: error });
        set_local_storage(storage);
        const opened = open_browser_storage();
        assert.equal(opened.storage, storage, error.name);
        assert.equal(opened.full, true, error.name);
        assert.equal(opened.storage.getItem('relu-lab.quiz.progress'), '{"kept":true}');
    }
});

test('is_quota_error tells a full quota from other failures', () => {
    assert.equal(is_quota_error(new DOMException('x', 'QuotaExceededError')), true);
    assert.equal(is_quota_error(new DOMException('x', 'NS_ERROR_DOM_QUOTA_REACHED')), true);
    assert.equal(is_quota_error(new DOMException('x', 'SecurityError')), false);
    assert.equal(is_quota_error(new Error('QuotaExceededError')), false);
    assert.equal(is_quota_error(null), false);
});
