// The text of a number field (common/number_field.js): the page's decimal separator, the
// shortest decimal that reads back as the same number, no thousands separators; and the
// value ArrowUp/ArrowDown give, as in an <input type="number">.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';

import { set_language } from '../../web/i18n/i18n.js';
import { parse_number } from '../../web/common/number_input.js';
import { number_text, shortest_number, stepped_value } from '../../web/common/number_field.js';

afterEach(() => set_language('en'));

test('a float32 from the kernels shows as its shortest decimal; a double as its own', () => {
    assert.equal(shortest_number(Math.fround(0.01)), 0.01);
    assert.equal(shortest_number(Math.fround(1.6732632423543772)), 1.6732632);
    assert.equal(shortest_number(0.1), 0.1);
    assert.equal(shortest_number(2147483647), 2147483647);
    assert.equal(shortest_number(1 / 3), 1 / 3);
    assert.equal(shortest_number(0.25), 0.25);
    assert.ok(Object.is(shortest_number(-0), 0));
});

test('English and Chinese show a decimal point, German, Spanish and Italian a comma', () => {
    for (const [tag, expected] of [
        ['en', '0.05'],
        ['zh-Hans', '0.05'],
        ['de', '0,05'],
        ['es', '0,05'],
        ['it', '0,05'],
    ]) {
        set_language(tag);
        assert.equal(number_text(0.05), expected, tag);
        assert.equal(number_text(-0.5), expected.replace('0.05', '-0.5').replace('0,05', '-0,5'), tag);
    }
});

test('every digit that is needed and no more: no 0.009999999776482582, no rounding to 4 decimals', () => {
    set_language('de');
    assert.equal(number_text(Math.fround(0.01)), '0,01');
    assert.equal(number_text(0.1), '0,1');
    assert.equal(number_text(0.12345678), '0,12345678');
    assert.equal(number_text(0.0001), '0,0001');
    assert.equal(number_text(0.00005), '0,00005');
    assert.equal(number_text(600), '600');
    assert.equal(number_text(-100), '-100');
    assert.equal(number_text(0), '0');
    assert.equal(number_text(-0), '0');
});

test('no thousands separators ("1.000" would read back as 1) and no rounding of large numbers', () => {
    for (const tag of ['en', 'de', 'zh-Hans', 'es', 'it']) {
        set_language(tag);
        assert.equal(number_text(1000), '1000', tag);
        assert.equal(number_text(2147483647), '2147483647', tag);
    }
});

test('the text reads back as the same number in every language', () => {
    const values = [
        0.1,
        0.05,
        -0.5,
        1 / 3,
        Math.PI,
        123456.789,
        2147483647,
        1e20,
        1e21,
        1.5e-7,
        1e-25,
        -1.2345678901234567e-5,
        Number.MAX_SAFE_INTEGER,
        Number.MIN_VALUE,
        Number.MAX_VALUE,
    ];
    // And a spread of float32 values, which show as their shortest float32 decimal.
    let seed = 12345;
    for (let i = 0; i < 200; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        values.push(Math.fround((seed / 2 ** 31 - 0.5) * 10 ** ((i % 12) - 6)));
    }
    for (const tag of ['en', 'de', 'zh-Hans', 'es', 'it']) {
        set_language(tag);
        for (const value of values) {
            const text = number_text(value);
            const back = parse_number(text);
            assert.notEqual(back, null, `${tag}: "${text}" is not read`);
            if (Math.fround(value) === value) assert.equal(Math.fround(back), value, `${tag}: ${value} -> "${text}"`);
            else assert.equal(back, value, `${tag}: ${value} -> "${text}"`);
        }
    }
});

test('infinities and NaN show as elsewhere on the page', () => {
    assert.equal(number_text(Infinity), '+∞');
    assert.equal(number_text(NaN), 'NaN');
});

test('ArrowUp/ArrowDown: one step on the grid from min, to the next grid point from between two', () => {
    const lr = { step: 0.005, min: 0.0001, max: 1 };
    assert.equal(stepped_value(0.0001, 1, lr), 0.0051);
    assert.equal(stepped_value(0.0051, -1, lr), 0.0001);
    assert.equal(stepped_value(0.01, 1, lr), 0.0101);
    assert.equal(stepped_value(0.01, -1, lr), 0.0051);
    const steps = { step: 10, min: 10, max: 600 };
    assert.equal(stepped_value(200, 1, steps), 210);
    assert.equal(stepped_value(65, 1, steps), 70);
    assert.equal(stepped_value(65, -1, steps), 60);
    const bias = { step: 0.1, min: -2, max: 2 };
    assert.equal(stepped_value(-0.5, 1, bias), -0.4);
    assert.equal(stepped_value(0, -1, bias), -0.1);
    // No min: the grid is k × step; the default step is 1.
    assert.equal(stepped_value(-5, 1), -4);
    assert.equal(stepped_value(-2.5, 1), -2);
    assert.equal(stepped_value(-2.5, -1), -3);
});

test('ArrowUp/ArrowDown stay within min and max', () => {
    const steps = { step: 10, min: 10, max: 600 };
    assert.equal(stepped_value(600, 1, steps), 600);
    assert.equal(stepped_value(595, 1, steps), 600);
    assert.equal(stepped_value(10, -1, steps), 10);
    // From outside the range, a step towards it lands on the bound; away from it, nothing moves.
    assert.equal(stepped_value(5, 1, steps), 10);
    assert.equal(stepped_value(5, -1, steps), 5);
    assert.equal(stepped_value(900, -1, steps), 600);
    assert.equal(stepped_value(900, 1, steps), 900);
    const lr = { step: 0.005, min: 0.0001, max: 1 };
    assert.equal(stepped_value(0.999, 1, lr), 1);
    const seed = { step: 1, min: 0, max: 2147483647 };
    assert.equal(stepped_value(2147483647, 1, seed), 2147483647);
    assert.equal(stepped_value(2147483646, 1, seed), 2147483647);
});
