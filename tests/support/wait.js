// Waiting for the state an action produces. A click, a fill or a key press returns once
// the browser has dispatched its input events; whatever the page does after that (a
// `toggle` event, a worker's answer, a file read, a language script) lands later, so a
// test that reads right after the action races the page. These helpers poll until the
// produced state is there and fail with the last value seen.
import assert from 'node:assert/strict';

const default_timeout_ms = 10_000;

// Polls read() until accept(value) holds; returns that value. read may be async (a page
// evaluation). On timeout, fails naming `what` and the last value read.
export async function poll(
    read,
    accept,
    { timeout_ms = default_timeout_ms, interval_ms = 50, what = 'the expected state' } = {}
) {
    const deadline = Date.now() + timeout_ms;
    let last;
    for (;;) {
        last = await read();
        if (accept(last)) return last;
        if (Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, interval_ms));
    }
    assert.fail(`waited ${timeout_ms} ms for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 400)}`);
}

// As poll, with deepEqual against `expected`.
export async function poll_equal(read, expected, options = {}) {
    const is_expected = (value) => {
        try {
            assert.deepEqual(value, expected);
            return true;
        } catch {
            return false;
        }
    };
    return poll(read, is_expected, { what: JSON.stringify(expected)?.slice(0, 200), ...options });
}

const text_in_page = (selector) => document.querySelector(selector)?.textContent ?? null;

// Waits until the text of `selector` (in a page or frame) matches `expected` (a RegExp,
// or a string for equality); returns the text.
export async function wait_for_text(target, selector, expected, { timeout_ms = default_timeout_ms } = {}) {
    const accept = (text) => text !== null && (expected instanceof RegExp ? expected.test(text) : text === expected);
    return poll(() => target.evaluate(text_in_page, selector), accept, {
        timeout_ms,
        what: `${selector} to read ${expected}`,
    });
}

// Waits until `name` of `selector` equals `expected` (null: the attribute is absent).
export async function wait_for_attribute(target, selector, name, expected, { timeout_ms = default_timeout_ms } = {}) {
    return poll(
        () => target.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name]),
        (value) => value === expected,
        { timeout_ms, what: `${selector} [${name}] = ${expected}` }
    );
}

// Waits until the number of elements matching `selector` satisfies accept(count).
export async function wait_for_count(target, selector, accept, { timeout_ms = default_timeout_ms } = {}) {
    return poll(() => target.evaluate((s) => document.querySelectorAll(s).length, selector), accept, {
        timeout_ms,
        what: `the number of ${selector}`,
    });
}

// Waits until `selector` is visible (true) or not (false).
export async function wait_for_visible(target, selector, visible = true, { timeout_ms = default_timeout_ms } = {}) {
    return poll(
        () => target.isVisible(selector),
        (value) => value === visible,
        { timeout_ms, what: `${selector} ${visible ? 'visible' : 'hidden'}` }
    );
}
