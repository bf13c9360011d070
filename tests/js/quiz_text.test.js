// Bank texts in the learner's language with an English fallback, and drawn numbers put
// into prompts in the learner's number format.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { set_language } from '../../web/i18n/i18n.js';
import { bank_text } from '../../web/quiz/bank_text.js';
import { fill_placeholders, show_value } from '../../web/quiz/quiz_view.js';

test('bank_text: the learner’s language, else English, else the first language given', () => {
    const map = { en: 'Hello', de: 'Hallo', 'zh-Hans': '你好' };
    assert.equal(bank_text(map, 'de'), 'Hallo');
    assert.equal(bank_text(map, 'zh-Hans'), '你好');
    assert.equal(bank_text(map, 'it'), 'Hello');
    assert.equal(bank_text({ es: 'Hola' }, 'it'), 'Hola');
    assert.equal(bank_text({ de: 'Hallo' }, 'de-AT'), 'Hallo');
    assert.equal(bank_text(null, 'en'), '');
    // A key named like an Object.prototype member is not a language.
    assert.equal(bank_text({ en: 'x' }, 'constructor'), 'x');
});

test('fill_placeholders and show_value: vectors with commas (semicolons with decimal commas), -0 as 0, unknown names kept', () => {
    set_language('en');
    assert.equal(
        fill_placeholders('relu({x}) with {layers} layers, {missing}', { x: [-2, -0, 1.5], layers: 3 }),
        'relu([-2, 0, 1.5]) with 3 layers, {missing}'
    );
    assert.equal(show_value(-0), '0');
    assert.equal(show_value(0.000061035), '0.000061');
    assert.equal(fill_placeholders('{param}', { param: undefined }), '{param}');
    set_language('de');
    assert.equal(show_value([-0.5, 2]), '[-0,5; 2]');
    set_language('en');
});
