// Packs the built site as H5P content: dist/relu-lab.h5p, with the content type's library
// H5P.ReluLab-1.0 inside (web/h5p/: the content type; the page itself as the single-file
// build in a script, wasm included, as an H5P library may carry only scripts and styles),
// h5p.json and content/content.json (the author's choices). In the platform's H5P editor
// an author then picks the section, the lab, the language, the quiz topics and the
// mastery score (semantics.json, labelled in the page's five languages).
//   node build-scripts/package-h5p.mjs [--title TEXT] [--mastery-score N] [--sections ONE]
//       [--lab NAME] [--lang TAG] [--lock language] [--topics definition,history]
// The options set the content's starting values; the editor can change them all.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { is_main, option_error, read_options, run_packager } from './package_cli_options.mjs';
import { dist_dir, zip_files } from './package-site.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const package_name = 'relu-lab.h5p';
export const h5p_flags = ['--topics'];
export const library = { machineName: 'H5P.ReluLab', majorVersion: 1, minorVersion: 0, patchVersion: 0 };
const library_dir = `${library.machineName}-${library.majorVersion}.${library.minorVersion}`;
const sections = ['learn', 'explorer', 'labs', 'trainer', 'quiz'];
const languages = ['en', 'de', 'zh-Hans', 'es', 'it'];
// H5P names its language files by lower-case tag.
const h5p_language_file = (tag) => `${tag.toLowerCase()}.json`;

async function page_data() {
    const locales = await import(pathToFileURL(join(root, 'web', 'i18n', 'locales', 'index.js')).href);
    const { lab_ids } = await import(pathToFileURL(join(root, 'web', 'labs', 'lab_experiments.js')).href);
    const bank = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));
    const topics = [...new Set(bank.questions.map((q) => q.topic))];
    return { tables: locales.locale_tables, lab_ids, bank, topics };
}

// The editor's fields in one language (labels only: H5P's language files mirror this).
function fields_in(tables, tag, { lab_ids, topics }) {
    const text = tables[tag];
    const editor = text.embed.h5p_editor;
    const option = (value, label) => ({ value, label });
    return [
        {
            name: 'section',
            type: 'select',
            label: editor.section_label,
            description: editor.section_description,
            options: [option('all', editor.section_all), ...sections.map((s) => option(s, text[s].nav))],
        },
        {
            name: 'lab',
            type: 'select',
            label: editor.lab_label,
            description: editor.lab_description,
            options: [option('all', editor.lab_all), ...lab_ids.map((id) => option(id, text.labs.names[id]))],
        },
        {
            name: 'language',
            type: 'select',
            label: editor.language_label,
            options: languages.map((l) => option(l, text.common[`language_name_${l.replace('-', '_')}`])),
        },
        { name: 'lock_language', type: 'boolean', label: editor.lock_language_label },
        {
            name: 'quiz_topics',
            type: 'group',
            label: editor.topics_label,
            description: editor.topics_description,
            fields: topics.map((topic) => ({ name: topic, type: 'boolean', label: text.quiz.topics[topic] ?? topic })),
        },
        { name: 'mastery_score', type: 'number', label: editor.mastery_label, description: editor.mastery_description },
    ];
}

// semantics.json: the English fields with types, limits and defaults.
export function h5p_semantics(data, defaults) {
    const fields = fields_in(data.tables, 'en', data);
    const by_name = Object.fromEntries(fields.map((f) => [f.name, f]));
    by_name.section.default = defaults.section;
    by_name.lab.default = defaults.lab;
    by_name.language.default = defaults.language;
    by_name.lock_language.default = defaults.lock_language;
    by_name.quiz_topics.expanded = true;
    for (const field of by_name.quiz_topics.fields) field.default = defaults.quiz_topics[field.name];
    Object.assign(by_name.mastery_score, { default: defaults.mastery_score, min: 0, max: 100, decimals: 0 });
    return fields;
}

// A language file: the translatable strings of semantics.json, in its shape.
function h5p_language(data, tag) {
    const strip = (field) => {
        const out = { label: field.label };
        if (field.description) out.description = field.description;
        if (field.options) out.options = field.options.map((o) => ({ label: o.label }));
        if (field.fields) out.fields = field.fields.map(strip);
        return out;
    };
    return { semantics: fields_in(data.tables, tag, data).map(strip) };
}

// The author's starting values from the packaging options.
function content_defaults(options, data) {
    if (options.sections.length > 1)
        throw new option_error('--sections: H5P content shows one section (or all: leave it out).');
    const section = options.sections[0] ?? 'all';
    if (section !== 'all' && !sections.includes(section))
        throw new option_error(`--sections must be one of ${sections.join(', ')}.`);
    if (options.lab !== null && !data.lab_ids.includes(options.lab))
        throw new option_error(`--lab must be one of ${data.lab_ids.join(', ')}.`);
    if (options.lock.some((c) => c !== 'language'))
        throw new option_error('--lock: H5P content can lock the language only.');
    const picked = options.extra.topics === null ? data.topics : options.extra.topics.split(',').map((s) => s.trim());
    for (const topic of picked)
        if (!data.topics.includes(topic))
            throw new option_error(`--topics: "${topic}" is not one of ${data.topics.join(', ')}.`);
    return {
        section,
        lab: options.lab ?? 'all',
        language: options.lang ?? 'en',
        lock_language: options.lock.includes('language'),
        quiz_topics: Object.fromEntries(data.topics.map((t) => [t, picked.includes(t)])),
        mastery_score: options.mastery_score,
    };
}

export async function h5p_package(options, dir = dist_dir) {
    const data = await page_data();
    const defaults = content_defaults(options, data);
    let page_html;
    try {
        page_html = readFileSync(join(dir, 'relu-lab-single-file.html'), 'utf8');
    } catch {
        throw new option_error(
            `no relu-lab-single-file.html in ${dir}; build the site first (build-scripts/build.sh).`
        );
    }
    const page_script =
        `// ReLU Lab for H5P (generated by build-scripts/package-h5p.mjs): the page as one HTML text\n` +
        `// (the single-file build) and the quiz bank it ships.\n` +
        `H5P.ReluLabPage = ${JSON.stringify({ html: page_html, bank: data.bank })};\n`;
    const library_json = {
        title: 'ReLU Lab',
        description:
            'The ReLU activation family: chapters, an activation explorer, concept labs, a CNN trainer and a quiz.',
        ...library,
        runnable: 1,
        author: 'ReLU Lab',
        license: 'MIT',
        embedTypes: ['iframe'],
        fullscreen: 0,
        coreApi: { majorVersion: 1, minorVersion: 19 },
        preloadedJs: [{ path: 'relu_lab_page.js' }, { path: 'h5p_relu_lab.js' }],
        preloadedCss: [{ path: 'h5p_relu_lab.css' }],
    };
    const h5p_json = {
        title: options.title,
        language: defaults.language === 'zh-Hans' ? 'zh-hans' : defaults.language,
        mainLibrary: library.machineName,
        embedTypes: ['iframe'],
        license: 'U',
        preloadedDependencies: [
            {
                machineName: library.machineName,
                majorVersion: String(library.majorVersion),
                minorVersion: String(library.minorVersion),
            },
        ],
    };
    const files = {
        'h5p.json': JSON.stringify(h5p_json, null, 2),
        'content/content.json': JSON.stringify(defaults, null, 2),
        [`${library_dir}/library.json`]: JSON.stringify(library_json, null, 2),
        [`${library_dir}/semantics.json`]: JSON.stringify(h5p_semantics(data, defaults), null, 2),
        [`${library_dir}/language/.en.json`]: JSON.stringify(h5p_language(data, 'en'), null, 2),
        [`${library_dir}/relu_lab_page.js`]: page_script,
        [`${library_dir}/h5p_relu_lab.js`]: readFileSync(join(root, 'web', 'h5p', 'h5p_relu_lab.js'), 'utf8'),
        [`${library_dir}/h5p_relu_lab.css`]: readFileSync(join(root, 'web', 'h5p', 'h5p_relu_lab.css'), 'utf8'),
    };
    for (const tag of languages.filter((l) => l !== 'en'))
        files[`${library_dir}/language/${h5p_language_file(tag)}`] = JSON.stringify(h5p_language(data, tag), null, 2);
    const bytes = zip_files(files);
    return { name: package_name, bytes, files: Object.keys(files).length };
}

// The H5P editor sets the content's options (semantics.json); the graded quiz's
// --quiz-* options are not among them yet, so this packager refuses them.
if (is_main(import.meta.url))
    await run_packager('package-h5p', async (argv) => {
        const { name, bytes, files } = await h5p_package(read_options(argv, h5p_flags));
        writeFileSync(join(dist_dir, name), bytes);
        console.log(`${name}: ${files} files, ${bytes.length} bytes`);
    });
