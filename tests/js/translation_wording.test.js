// Wording rules the translations keep (issue 16): in German, Spanish and Italian every
// decimal is written with a comma, so no decimal point appears beside them (an interval
// with a decimal comma takes a semicolon: (0; 0,25]); a unit is "Einheit" / "unità"
// throughout, never "Neuron" / "neurone"; and Spanish calls sparsity "esparsidad", since
// "dispersión" reads as statistical spread; and counts that are often 1 (the model note's
// epochs after the first epoch, a learner's first drawings, a slider at 1 layer) never
// stand before a plural noun ("epochs trained so far: 1", not "1 epochs"). Checked in the
// locale files and the quiz bank.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { locale_tables, sections_awaiting_translation, supported_languages } from '../../web/i18n/locales/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bank = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));

// Every translated text of one language: [where, text].
function texts(tag) {
    const out = [];
    const walk = (value, where) => {
        if (typeof value === 'string') out.push([where, value]);
        else if (value && typeof value === 'object')
            for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
    };
    for (const [section, table] of Object.entries(locale_tables[tag])) {
        if (!sections_awaiting_translation.includes(section)) walk(table, `${tag}/${section}`);
    }
    const walk_bank = (value, where) => {
        if (Array.isArray(value)) value.forEach((v, i) => walk_bank(v, `${where}[${i}]`));
        else if (value && typeof value === 'object') {
            if (typeof value[tag] === 'string') out.push([`${where}.${tag}`, value[tag]]);
            for (const [k, v] of Object.entries(value)) if (k !== tag) walk_bank(v, `${where}.${k}`);
        }
    };
    walk_bank(bank.questions, 'bank');
    return out;
}

test('German, Spanish and Italian texts write decimals with a comma only', () => {
    // A decimal point between digits, except in a version number (TensorFlow 2.16) and
    // in German and Italian thousands (10.816).
    const point_decimal = /(?<!TensorFlow |[\w.])\d+\.\d+(?![\w.])/g;
    const thousands = /^[1-9]\d{0,2}(\.\d{3})+$/;
    for (const tag of ['de', 'es', 'it']) {
        const bad = [];
        for (const [where, text] of texts(tag)) {
            for (const number of text.match(point_decimal) ?? [])
                if (!(tag !== 'es' && thousands.test(number))) bad.push(`${where}: ${number}`);
        }
        assert.deepEqual(bad, [], `${tag}: decimal points in ${bad.join('; ')}`);
    }
});

test('a unit is "Einheit" in German and "unità" in Italian, never a neuron', () => {
    assert.deepEqual(
        texts('de')
            .filter(([, text]) => /Neuron/.test(text))
            .map(([where]) => where),
        []
    );
    assert.deepEqual(
        texts('it')
            .filter(([, text]) => /\bneuron[ei]\b/i.test(text))
            .map(([where]) => where),
        []
    );
});

test('Spanish names sparsity "esparsidad", not "dispersión"', () => {
    assert.deepEqual(
        texts('es')
            .filter(([, text]) => /dispersión/i.test(text))
            .map(([where]) => where),
        []
    );
});

test('counts that are often 1 never stand before a plural noun', () => {
    // The count goes after a colon or in brackets instead ("epochs trained so far: 1"): the
    // model note after the first epoch, a learner's first drawings, the Learn examples'
    // sliders that start at 1 layer, a network with one bend. Chinese counts with a measure
    // word (已训练 1 轮) and has no plural to get wrong.
    const plural_after_count =
        /\{(epoch|count|layers|kinks)\}\s+(epochs|Epochen|épocas|epoche|drawings|Zeichnungen|dibujos|disegni|layers|Schichten|capas|strati|bends|Knicke|codos|punti)\b/u;
    const paths = [
        'trainer.model_origin_new',
        'trainer.model_origin_file',
        'trainer.model_origin_storage',
        'handwriting.added',
        'handwriting.exported',
        'handwriting.imported',
        'handwriting.delete_confirm',
        'handwriting.tested',
        'learn.examples.linear_collapse.summary',
        'learn.examples.gradient_depth.summary',
        'learn.examples.init_signal.summary',
    ];
    for (const tag of supported_languages.filter((tag) => tag !== 'zh-Hans')) {
        for (const path of paths) {
            const text = path.split('.').reduce((table, key) => table?.[key], locale_tables[tag]);
            assert.ok(typeof text === 'string' && !plural_after_count.test(text), `${tag}/${path}: ${text}`);
        }
    }
});
