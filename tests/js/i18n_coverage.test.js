// The i18n layer is the only source of user-visible text: every key the page uses exists,
// every locale has every English key with the same placeholders, and no text hides in
// web/ outside it (a scan of the HTML and JS sources).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { has_key } from '../../web/i18n/i18n.js';
import { locale_tables, sections_awaiting_translation, source_language } from '../../web/i18n/locales/index.js';
import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

function files_under(dir, extensions) {
    const out = [];
    for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
            if (name !== 'locales' && name !== 'docs') out.push(...files_under(path, extensions));
        } else if (extensions.some((e) => name.endsWith(e))) out.push(path);
    }
    return out;
}

function flatten(prefix, value, out = new Map()) {
    if (typeof value === 'string') out.set(prefix, value);
    else for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
    return out;
}

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every locale has every English key, with the same placeholders, and nothing empty', () => {
    const english = flatten('', locale_tables[source_language]);
    for (const [tag, sections] of Object.entries(locale_tables)) {
        const table = flatten('', sections);
        for (const [key, text] of english) {
            // A section still awaiting translation may be missing (English shows instead);
            // where a translation exists, its placeholders must still match.
            if (!table.has(key) && sections_awaiting_translation.includes(key.split('.')[0])) continue;
            assert.ok(table.has(key), `${tag} lacks ${key}`);
            assert.deepEqual(placeholders(table.get(key)), placeholders(text), `${tag} ${key}: placeholders differ`);
        }
        for (const [key, text] of table) {
            assert.ok(english.has(key), `${tag} has ${key}, which English does not`);
            assert.ok(text.trim().length > 0 || key === 'explorer.intro', `${tag} ${key} is empty`);
        }
    }
});

test('every key named in the page sources exists in English', () => {
    const missing = [];
    for (const file of files_under(web, ['.js', '.html'])) {
        // Comment lines document the API with example keys; they are not uses.
        const source = readFileSync(file, 'utf8')
            .split('\n')
            .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
            .join('\n');
        const keys = [
            ...[...source.matchAll(/\bt\(\s*'([a-z_]+\.[a-z0-9_.]+)'/g)].map((m) => m[1]),
            ...[...source.matchAll(/data-i18n="([a-z_]+\.[a-z0-9_.]+)"/g)].map((m) => m[1]),
            ...[...source.matchAll(/data-i18n-attr="([^"]+)"/g)].flatMap((m) =>
                m[1].split(';').map((p) => p.split(':')[1]?.trim())
            ),
            ...[...source.matchAll(/(?:key|label_key|i18n_key):\s*'([a-z_]+\.[a-z0-9_.]+)'/g)].map((m) => m[1]),
            ...[...source.matchAll(/relu_lab_error\(\s*'([a-z_]+\.[a-z0-9_.]+)'/g)].map((m) => m[1]),
        ].filter((k) => k && !k.includes('${'));
        for (const key of keys) if (!has_key(key)) missing.push(`${relative(web, file)}: ${key}`);
    }
    assert.deepEqual(missing, []);
});

test('keys built from the kernel registry exist for every activation and parameter', async () => {
    const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
    for (const a of relu_lab.activations) {
        assert.ok(has_key(`explorer.names.${a.name}`), a.name);
        assert.ok(has_key(`explorer.notes.${a.name}`), a.name);
        if (a.param_name) assert.ok(has_key(`explorer.params.${a.param_name}`), a.param_name);
    }
});

// Words between tags, or string literals that read like a sentence, are user-visible
// text and must come from the i18n layer. A line may opt out with "i18n-exempt: why".
test('no user-visible text in web/ outside the i18n layer', () => {
    const offenders = [];
    for (const file of files_under(web, ['.html'])) {
        const html = readFileSync(file, 'utf8')
            .replace(/<noscript>[\s\S]*?<\/noscript>/g, '')
            .replace(/<script[\s\S]*?<\/script>/g, '');
        for (const match of html.matchAll(/<([a-z0-9]+)([^>]*)>([^<]*[A-Za-z\u00C0-\u024F\u4E00-\u9FFF][^<]*)</g)) {
            const [, tag, attributes, text] = match;
            if (tag === 'title' || /data-i18n=/.test(attributes)) continue;
            offenders.push(`${relative(web, file)}: <${tag}> "${text.trim().slice(0, 40)}"`);
        }
    }
    for (const file of files_under(web, ['.js'])) {
        readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, index) => {
                if (/i18n-exempt:|^\s*(\/\/|\*|\/\*)/.test(line)) return;
                // Text between tags in template HTML.
                for (const m of line.matchAll(
                    />\s*([A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F ,.'!?:-]*[A-Za-z\u00C0-\u024F.!?:])\s*</g
                )) {
                    if (m[1].trim())
                        offenders.push(`${relative(web, file)}:${index + 1}: "${m[1].trim().slice(0, 40)}"`);
                }
                // Sentence-like literals given to the DOM.
                const m = line.match(
                    /(textContent|innerText|title|placeholder|alt)\s*=\s*(['"`])([A-Z][a-z]+[^'"`]* [a-z]+[^'"`]*)\2/
                );
                if (m) offenders.push(`${relative(web, file)}:${index + 1}: "${m[3].slice(0, 40)}"`);
                const attribute = line.match(
                    /setAttribute\(\s*'(aria-label|title|placeholder|alt)'\s*,\s*(['"`])([^'"`]*[A-Za-z]{2,}[^'"`]*)\2/
                );
                if (attribute)
                    offenders.push(
                        `${relative(web, file)}:${index + 1}: ${attribute[1]} "${attribute[3].slice(0, 40)}"`
                    );
            });
    }
    assert.deepEqual(offenders, []);
});

test('the built-in quiz bank is complete in every language, with matching placeholders', async () => {
    const { supported_languages } = await import('../../web/i18n/locales/index.js');
    const bank = JSON.parse(readFileSync(join(web, 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));
    const problems = [];
    let maps = 0;
    const visit = (value, path) => {
        if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
        else if (value && typeof value === 'object') {
            if (typeof value.en === 'string') {
                maps++;
                for (const tag of supported_languages) {
                    if (typeof value[tag] !== 'string' || !value[tag].trim()) problems.push(`${path}: no ${tag}`);
                    else if (placeholders(value[tag]).join() !== placeholders(value.en).join())
                        problems.push(`${path}: ${tag} placeholders differ`);
                }
            } else for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
        }
    };
    visit(bank, '$');
    assert.ok(maps > 300, `only ${maps} texts found`);
    assert.deepEqual(problems, []);
});
