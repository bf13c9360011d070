import assert from 'node:assert/strict';
import { test } from 'node:test';

import { choose_language, format_number, has_key, match_language, set_language, t } from '../../web/i18n/i18n.js';
import { parse_number, parse_vector } from '../../web/common/number_input.js';

function fake_storage(initial = {}) {
    const data = new Map(Object.entries(initial));
    return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => data.set(k, String(v)), data };
}

test('language choice: ?lang= beats storage beats browser beats English', () => {
    const storage = fake_storage({ 'relu-lab.language': 'en' });
    assert.deepEqual(choose_language({ url_language: 'en', storage, browser_languages: [] }), {
        tag: 'en',
        notice: null,
    });
    assert.equal(choose_language({ url_language: null, storage: null, browser_languages: ['xx-YY'] }).tag, 'en');
    assert.equal(choose_language({ url_language: null, storage: null, browser_languages: [] }).tag, 'en');
});

test('a language code we do not have falls back to English with a notice, never a crash', () => {
    for (const bad of ['klingon', '', '<script>alert(1)</script>', 'x'.repeat(5000)]) {
        const choice = choose_language({ url_language: bad, storage: null, browser_languages: [] });
        assert.equal(choice.tag, 'en');
        assert.equal(choice.notice.key, 'common.language_unavailable');
        assert.ok(choice.notice.params.requested.length <= 35);
    }
    assert.equal(match_language(42), null);
});

test('storage that throws is survived', () => {
    const throwing = {
        getItem() {
            throw new Error('denied');
        },
        setItem() {
            throw new Error('full');
        },
    };
    assert.equal(choose_language({ url_language: null, storage: throwing, browser_languages: [] }).tag, 'en');
    assert.equal(set_language('en', { storage: throwing }), true);
});

test('t fills placeholders, formats numbers, and shows the key when it is missing', () => {
    set_language('en');
    assert.equal(t('explorer.error_param_range', { min: 0, max: 1 }), 'Enter a number from 0 to 1.');
    assert.equal(t('explorer.no_such_key'), 'explorer.no_such_key');
    assert.ok(has_key('explorer.names.relu'));
    assert.equal(format_number(0.25), '0.25');
    assert.equal(format_number(-0), '−0');
    assert.equal(format_number(Infinity), '+∞');
    assert.equal(format_number(NaN), 'NaN');
    assert.match(format_number(1e-40), /E-40$/);
});

test('numbers typed by learners: decimal point or comma, typographic minus', () => {
    assert.equal(parse_number('-2.5'), -2.5);
    assert.equal(parse_number('−2,5'), -2.5);
    assert.equal(parse_number('1e3'), 1000);
    for (const bad of ['', 'abc', '1..2', 'NaN', 'Infinity', '1e999', '--1', undefined])
        assert.equal(parse_number(bad), null, String(bad));
    assert.deepEqual(parse_vector('-2, -1, 0, 1, 2').values, [-2, -1, 0, 1, 2]);
    assert.deepEqual(parse_vector('[-0,5; 1,5; 2]').values, [-0.5, 1.5, 2]);
    assert.equal(parse_vector('1, x, 3').error.key, 'explorer.error_not_a_number');
    // What a Chinese keyboard types: full-width commas, semicolons, digits and minus.
    assert.deepEqual(parse_vector('-2，-1，0，1，2').values, [-2, -1, 0, 1, 2]);
    assert.deepEqual(parse_vector('－２；１.５').values, [-2, 1.5]);
    assert.equal(parse_number('－０.２５'), -0.25);
    assert.equal(parse_vector('   ').error.key, 'explorer.error_vector_empty');
    assert.equal(parse_vector(Array(65).fill(1).join(',')).error.key, 'explorer.error_vector_too_long');
});
