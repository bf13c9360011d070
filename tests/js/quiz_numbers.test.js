// Numbers in the quiz (issue 20): vectors separated by commas where the decimal mark is
// a point and by semicolons where it is a comma, no digit grouping (a year is 2012, and
// what is shown can be typed back), fractions such as 2/64 accepted, and a wrong count of
// values named instead of marked wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { set_language } from '../../web/i18n/i18n.js';
import { parse_numeric_answer } from '../../web/quiz/numeric_answer.js';
import { fill_placeholders, show_value, uses_decimal_comma } from '../../web/quiz/quiz_numbers.js';

test('show_value: commas in English and Chinese vectors, semicolons in German, Spanish and Italian', () => {
    set_language('en');
    assert.equal(show_value([-2, -1, 0, 1, 2]), '[-2, -1, 0, 1, 2]');
    assert.equal(fill_placeholders('relu({x})', { x: [-0.5, 2] }), 'relu([-0.5, 2])');
    set_language('zh-Hans');
    assert.equal(show_value([-0.5, 2]), '[-0.5, 2]');
    for (const tag of ['de', 'es', 'it']) {
        set_language(tag);
        assert.equal(show_value([-0.5, 2]), '[-0,5; 2]', tag);
        assert.equal(uses_decimal_comma(), true, tag);
    }
    set_language('en');
    assert.equal(uses_decimal_comma(), false);
});

test('show_value: no digit grouping (a year, a fan-in, an answer to type back)', () => {
    for (const tag of ['en', 'de', 'zh-Hans', 'es', 'it']) {
        set_language(tag);
        assert.equal(show_value(2012), '2012', tag);
        assert.equal(show_value(16384), '16384', tag);
        assert.equal(show_value([1024, 2048]).replace(/[;,] /, '|'), '[1024|2048]', tag);
    }
    set_language('en');
});

test('parse_numeric_answer: plain numbers, decimal commas for one value, fractions', () => {
    assert.deepEqual(parse_numeric_answer('0.5', 1), { values: [0.5] });
    assert.deepEqual(parse_numeric_answer('0,5', 1), { values: [0.5] });
    assert.deepEqual(parse_numeric_answer('2/64', 1), { values: [2 / 64] });
    assert.deepEqual(parse_numeric_answer(' 2 / 64 ', 1), { values: [2 / 64] });
    assert.deepEqual(parse_numeric_answer('−1/4', 1), { values: [-0.25] });
    assert.deepEqual(parse_numeric_answer('１/２', 1), { values: [0.5] });
    assert.deepEqual(parse_numeric_answer('1.5e-4', 1), { values: [1.5e-4] });
    assert.deepEqual(parse_numeric_answer('[0, 1/2, 2]', 3), { values: [0, 0.5, 2] });
    assert.deepEqual(parse_numeric_answer('0,5; 1; 1/4', 3), { values: [0.5, 1, 0.25] });
    assert.deepEqual(parse_numeric_answer('-2 -1 0', 3), { values: [-2, -1, 0] });
});

test('parse_numeric_answer: refusals say what is wrong', () => {
    assert.equal(parse_numeric_answer('', 1).error.key, 'explorer.error_vector_empty');
    assert.deepEqual(parse_numeric_answer('2/0', 1).error, {
        key: 'quiz.error_zero_denominator',
        params: { text: '2/0' },
    });
    assert.equal(parse_numeric_answer('a/b', 1).error.key, 'explorer.error_not_a_number');
    assert.equal(parse_numeric_answer('1/2/3', 1).error.key, 'explorer.error_not_a_number');
    // A count that is off is said as such: expected 4 values, got 5.
    assert.deepEqual(parse_numeric_answer('1, 2, 3, 4, 5', 4).error, {
        key: 'quiz.error_value_count',
        params: { expected: 4, got: 5 },
    });
    assert.deepEqual(parse_numeric_answer('1, 2', 1).error, {
        key: 'quiz.error_value_count',
        params: { expected: 1, got: 2 },
    });
    // Commas that may be decimal commas: the message says to separate with semicolons.
    assert.deepEqual(parse_numeric_answer('0,5, 1,5', 2).error, {
        key: 'quiz.error_value_count_commas',
        params: { expected: 2, got: 4 },
    });
});
