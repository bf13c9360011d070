// The interactions journal both SCORM runtimes share: entries after those the LMS holds,
// _count read once, and no further asking after the LMS refuses an entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { interaction_journal } from '../../web/embed/interaction_journal.js';

function fake_lms({ count = '2', refuse_from = Infinity } = {}) {
    const calls = [];
    return {
        calls,
        get: (element) => (calls.push(`get ${element}`), count),
        set: (element, value) => (
            calls.push(`set ${element}=${value}`),
            calls.filter((c) => c.startsWith('set')).length <= refuse_from
        ),
    };
}

test('entries follow those the LMS holds, and _count is read once', () => {
    const lms = fake_lms();
    const journal = interaction_journal(lms);
    assert.equal(journal.open_entry('a'), 'cmi.interactions.2');
    assert.equal(journal.open_entry('b'), 'cmi.interactions.3');
    assert.deepEqual(lms.calls, [
        'get cmi.interactions._count',
        'set cmi.interactions.2.id=a',
        'set cmi.interactions.3.id=b',
    ]);
});

test('an unreadable _count starts at 0; after a refused entry the LMS is not asked again', () => {
    const lms = fake_lms({ count: '', refuse_from: 1 });
    const journal = interaction_journal(lms);
    assert.equal(journal.open_entry('a'), 'cmi.interactions.0');
    assert.equal(journal.open_entry('b'), null);
    assert.equal(journal.refused, true);
    const asked = lms.calls.length;
    assert.equal(journal.open_entry('c'), null);
    assert.equal(lms.calls.length, asked);
});
