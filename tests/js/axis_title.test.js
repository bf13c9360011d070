// Y-axis titles beside the trainer's short charts: a long one is broken at a space into
// two even lines, a short one (or one without spaces) stays whole, and no word is lost.
// Every language's trainer axis titles are checked, since German and Spanish run longest.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { axis_title_lines } from '../../web/charts/axis_title.js';
import { locale_tables } from '../../web/i18n/locales/index.js';

test('a short title stays one line; a long one becomes two even lines at a space', () => {
    assert.equal(axis_title_lines('cross-entropy loss'), 'cross-entropy loss');
    assert.deepEqual(axis_title_lines('gradient norm (log scale)'), ['gradient norm', '(log scale)']);
    assert.deepEqual(axis_title_lines('Gradientennorm (logarithmische Skala)'), [
        'Gradientennorm',
        '(logarithmische Skala)',
    ]);
    assert.equal(axis_title_lines('Gradientennormlogarithmisch'), 'Gradientennormlogarithmisch', 'no space: whole');
    assert.deepEqual(axis_title_lines('abc def', 3), ['abc', 'def']);
});

test("every language's trainer y-axis titles keep all their words, each line shorter than the whole", () => {
    const keys = ['axis_loss', 'axis_accuracy', 'axis_zero_share', 'axis_dead_units', 'axis_grad_norm'];
    let broken = 0;
    for (const [language, table] of Object.entries(locale_tables)) {
        for (const key of keys) {
            const text = table.trainer[key];
            assert.equal(typeof text, 'string', `${language} has trainer.${key}`);
            const lines = axis_title_lines(text);
            const joined = Array.isArray(lines) ? lines.join(' ') : lines;
            assert.equal(joined, text, `${language} ${key}`);
            if (text.length > 22 && text.includes(' ')) {
                assert.ok(Array.isArray(lines) && lines.length === 2, `${language} ${key} is broken in two`);
                broken += 1;
                for (const line of lines) assert.ok(line.length < text.length * 0.75, `${language} ${key}: "${line}"`);
            }
        }
    }
    assert.ok(broken >= 3, `the long titles (German, Spanish, Italian gradient norms at least) were broken: ${broken}`);
});
