// Builds the static site in dist/ from web/ and the three wasm builds:
//   dist/index.html, dist/app.js (one classic script), dist/app.css (KaTeX fonts inlined),
//   dist/wasm/relu_lab_{fma,simd,scalar}.js (glue + wasm bytes as one classic script each),
//   dist/data/digits.js (the bundled digits, loaded when a section needs them),
//   dist/data/pretrained_model.js (the draw pad's model before a learner trains one),
//   dist/relu-lab-resizer.js (for course pages that frame the site),
//   dist/docs/ (the instructor's guide and the embedding reference, HTML and Markdown).
// Everything is a classic script or inlined, so dist/index.html also works from file://.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { markdown_page } from './markdown_page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// $RELU_LAB_DIST lets several people build and test side by side; the default is dist/.
const dist = process.env.RELU_LAB_DIST ? resolve(process.env.RELU_LAB_DIST) : join(root, 'dist');
// $RELU_LAB_WASM_FMA_DIR / _SIMD_DIR / _SCALAR_DIR: wasm build directories of one's own.
const wasm_builds = {
    fma: resolve(process.env.RELU_LAB_WASM_FMA_DIR ?? join(root, 'build', 'wasm-fma')),
    simd: resolve(process.env.RELU_LAB_WASM_SIMD_DIR ?? join(root, 'build', 'wasm-simd')),
    scalar: resolve(process.env.RELU_LAB_WASM_SCALAR_DIR ?? join(root, 'build', 'wasm-scalar')),
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'wasm'), { recursive: true });

for (const [name, dir] of Object.entries(wasm_builds)) {
    const glue = readFileSync(join(dir, 'cpp', 'relu_lab.js'), 'utf8');
    const wasm_base64 = readFileSync(join(dir, 'cpp', 'relu_lab.wasm')).toString('base64');
    const script =
        `// ReLU Lab wasm module, ${name} build: Emscripten glue and wasm bytes (generated).\n` +
        `(globalThis.RELU_LAB_ARTIFACTS = globalThis.RELU_LAB_ARTIFACTS || {})[${JSON.stringify(name)}] = ` +
        `{ glue: ${JSON.stringify(glue)}, wasm_base64: ${JSON.stringify(wasm_base64)} };\n`;
    writeFileSync(join(dist, 'wasm', `relu_lab_${name}.js`), script);
    // The same two pieces apart, for pages served over http(s): binary wasm is a third
    // smaller than base64, and the glue is fetched as text (load_in_page.js).
    writeFileSync(join(dist, 'wasm', `relu_lab_${name}.glue.js`), glue);
    copyFileSync(join(dir, 'cpp', 'relu_lab.wasm'), join(dist, 'wasm', `relu_lab_${name}.wasm`));
}

// The bundled digits as one classic script (web/data/digit_files.js loads it on demand).
mkdirSync(join(dist, 'data'), { recursive: true });
const digits_dir = join(root, 'web', 'data', 'digits');
const digits = {
    images_gz_base64: readFileSync(join(digits_dir, 'digits-images.idx3-ubyte.gz')).toString('base64'),
    labels_gz_base64: readFileSync(join(digits_dir, 'digits-labels.idx1-ubyte.gz')).toString('base64'),
};
writeFileSync(
    join(dist, 'data', 'digits.js'),
    `// The 5,000 bundled digits (see PROVENANCE.md in web/data/digits), gzipped IDX as base64 (generated).\n` +
        `(globalThis.RELU_LAB_DATA = globalThis.RELU_LAB_DATA || {}).digits = ${JSON.stringify(digits)};\n`
);
copyFileSync(join(digits_dir, 'PROVENANCE.md'), join(dist, 'data', 'digits-PROVENANCE.md'));

// The pretrained model the draw pad starts with (web/data/pretrained_model.js loads it on demand).
const models_dir = join(root, 'web', 'data', 'models');
const pretrained_model = {
    name: 'pretrained-small',
    model_base64: readFileSync(join(models_dir, 'pretrained-small.relulab')).toString('base64'),
};
writeFileSync(
    join(dist, 'data', 'pretrained_model.js'),
    `// The pretrained model (see PROVENANCE.md in web/data/models), a model file as base64 (generated).\n` +
        `(globalThis.RELU_LAB_DATA = globalThis.RELU_LAB_DATA || {}).pretrained_model = ${JSON.stringify(pretrained_model)};\n`
);
copyFileSync(join(models_dir, 'PROVENANCE.md'), join(dist, 'data', 'pretrained-model-PROVENANCE.md'));

// Languages: the page's script carries English; every other language is its own classic
// script, i18n/<tag>.js, loaded when chosen (web/i18n/language_scripts.js).
const locales_index = join(root, 'web', 'i18n', 'locales', 'index.js');
const locales = await import(pathToFileURL(locales_index).href);
mkdirSync(join(dist, 'i18n'), { recursive: true });
const language_script_files = [];
for (const [tag, sections] of Object.entries(locales.locale_tables)) {
    if (tag === locales.source_language) continue;
    const file = join('i18n', `${tag}.js`);
    writeFileSync(
        join(dist, file),
        `// ReLU Lab texts in ${tag} (generated from web/i18n/locales/${tag}/).\n` +
            `(globalThis.RELU_LAB_LOCALES = globalThis.RELU_LAB_LOCALES || {})[${JSON.stringify(tag)}] = ${JSON.stringify(sections)};\n`
    );
    language_script_files.push(file);
}
const source_language_only_plugin = {
    name: 'source-language-only',
    setup(b) {
        b.onResolve({ filter: /locales[\\/]index\.js$/ }, (args) =>
            resolve(args.resolveDir, args.path) === locales_index
                ? { path: 'locales', namespace: 'relu-lab-locales' }
                : undefined
        );
        b.onLoad({ filter: /.*/, namespace: 'relu-lab-locales' }, () => ({
            loader: 'js',
            contents:
                `export const source_language = ${JSON.stringify(locales.source_language)};\n` +
                `export const supported_languages = ${JSON.stringify(locales.supported_languages)};\n` +
                `export const sections_awaiting_translation = ${JSON.stringify(locales.sections_awaiting_translation)};\n` +
                `export const locale_tables = ${JSON.stringify({ [locales.source_language]: locales.locale_tables[locales.source_language] })};\n`,
        }));
    },
};

const common = {
    bundle: true,
    minify: true,
    legalComments: 'linked',
    logLevel: 'warning',
    target: ['chrome100', 'firefox100', 'safari15'],
    plugins: [source_language_only_plugin],
};

// Workers: each web/workers/<name>.js (except helpers) is bundled to text and offered to
// the page as the virtual module 'relu-lab:worker-sources' ({ name: source }), because
// from file:// a worker can only be started from a Blob made of text the page holds.
const worker_names = readdirSync(join(root, 'web', 'workers'))
    .filter((f) => f.endsWith('_worker.js'))
    .map((f) => f.replace(/\.js$/, ''));
const worker_sources = {};
for (const name of worker_names) {
    const result = await build({
        ...common,
        entryPoints: [join(root, 'web', 'workers', `${name}.js`)],
        write: false,
        format: 'iife',
        legalComments: 'none',
    });
    worker_sources[name] = result.outputFiles[0].text;
}
const worker_sources_plugin = {
    name: 'worker-sources',
    setup(b) {
        b.onResolve({ filter: /^relu-lab:worker-sources$/ }, () => ({ path: 'worker-sources', namespace: 'relu-lab' }));
        b.onLoad({ filter: /.*/, namespace: 'relu-lab' }, () => ({
            contents: `export default ${JSON.stringify(worker_sources)};`,
            loader: 'js',
        }));
    },
};
await build({
    ...common,
    entryPoints: [join(root, 'web', 'main.js')],
    outfile: join(dist, 'app.js'),
    format: 'iife',
    plugins: [source_language_only_plugin, worker_sources_plugin],
});
await build({
    ...common,
    entryPoints: [join(root, 'web', 'styles', 'main.css')],
    outfile: join(dist, 'app.css'),
    // woff2 is what every supported browser uses; the older formats are dropped.
    loader: { '.woff2': 'dataurl', '.woff': 'empty', '.ttf': 'empty' },
});
drop_unused_katex_fonts(join(dist, 'app.css'));
copyFileSync(join(root, 'web', 'index.html'), join(dist, 'index.html'));
// For course pages that frame the site: the script that sizes the frame to its content.
copyFileSync(join(root, 'web', 'embed', 'course_page_resizer.js'), join(dist, 'relu-lab-resizer.js'));
write_docs();
// KaTeX ships no licence banner for esbuild to collect; its MIT licence goes in by hand.
writeFileSync(
    join(dist, 'app.js.LEGAL.txt'),
    `${readFileSync(join(dist, 'app.js.LEGAL.txt'), 'utf8')}\nkatex (JavaScript, CSS and fonts):\n${readFileSync(join(root, 'node_modules', 'katex', 'LICENSE'), 'utf8')}`
);
write_single_file();
console.log(`dist/ written: ${dist}`);

// dist/relu-lab-single-file.html: the whole page in one file (for e-mail and LMS upload).
// Styles, scripts and the three wasm builds are inlined; the CSP then allows exactly these
// inline scripts by their SHA-256 hashes, and still nothing else.
function write_single_file() {
    let html = readFileSync(join(dist, 'index.html'), 'utf8');
    const inline_scripts = [
        ...Object.keys(wasm_builds).map((name) => readFileSync(join(dist, 'wasm', `relu_lab_${name}.js`), 'utf8')),
        readFileSync(join(dist, 'data', 'digits.js'), 'utf8'),
        readFileSync(join(dist, 'data', 'pretrained_model.js'), 'utf8'),
        ...language_script_files.map((file) => readFileSync(join(dist, file), 'utf8')),
        readFileSync(join(dist, 'app.js'), 'utf8').replace(
            /\n\/\*! For license information please see app\.js\.LEGAL\.txt \*\/\s*$/,
            ''
        ),
        // '</script' would end the element; '<script' after a '<!--' (a regex in the bank
        // validator has one) would make the parser skip the real end tag. \x3C is '<' in
        // every JS string, template and regex.
    ].map((code) => code.replaceAll('</script', '<\\/script').replace(/(?<!\\)<script/g, '\\x3Cscript'));
    const hashes = inline_scripts.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    const css = readFileSync(join(dist, 'app.css'), 'utf8').replaceAll('</style', '<\\/style');
    const replace_once = (text, from, to) => {
        if (!text.includes(from)) throw new Error(`single-file build: "${from}" not found in index.html`);
        return text.replace(from, () => to);
    };
    // The guide is a page of dist/docs/, which one file cannot carry: no link to it.
    html = replace_once(html, guide_link_paragraph(html), '');
    html = replace_once(html, `script-src 'self' blob:`, `script-src 'self' blob: ${hashes.join(' ')}`);
    html = replace_once(html, '<link rel="stylesheet" href="app.css">', `<style>${css}</style>`);
    html = replace_once(
        html,
        '<script src="app.js"></script>',
        inline_scripts.map((code) => `<script>${code}</script>`).join('\n')
    );
    const licences = readFileSync(join(dist, 'app.js.LEGAL.txt'), 'utf8').replaceAll('--', '- -');
    writeFileSync(join(dist, 'relu-lab-single-file.html'), `${html}<!-- Third-party licences:\n${licences}-->\n`);
}

// dist/docs/: the instructor's guide and the embedding reference as HTML pages (linked
// from the page's footer and the Embed dialog) and as the Markdown they are made from.
function write_docs() {
    const pages = { 'instructor-guide.md': "ReLU Lab: instructor's guide", 'embedding.md': 'ReLU Lab: embedding' };
    mkdirSync(join(dist, 'docs'), { recursive: true });
    for (const [file, title] of Object.entries(pages)) {
        const markdown = readFileSync(join(root, 'web', 'docs', file), 'utf8');
        copyFileSync(join(root, 'web', 'docs', file), join(dist, 'docs', file));
        writeFileSync(
            join(dist, 'docs', file.replace(/\.md$/, '.html')),
            markdown_page(markdown, { title, shipped_pages: Object.keys(pages) })
        );
    }
}

function guide_link_paragraph(html) {
    const found = html.match(/\n *<p[^>]*data-control="guide"[^>]*>.*?<\/p>/);
    if (!found) throw new Error('index.html has no data-control="guide" paragraph');
    return found[0];
}

// KaTeX ships 20 font faces; our formulas (explorer, quiz bank) use the roman, math
// italic and delimiter-size faces only (no AMS symbols such as \mathbb). The AMS,
// calligraphic, fraktur, sans-serif, script and typewriter faces (~120 KB gzip of
// incompressible woff2) are dropped; if a formula ever used them, the browser would
// fall back to a system font, not fail.
function drop_unused_katex_fonts(css_path) {
    const unused = [
        'KaTeX_AMS',
        'KaTeX_Caligraphic',
        'KaTeX_Fraktur',
        'KaTeX_SansSerif',
        'KaTeX_Script',
        'KaTeX_Typewriter',
    ];
    const css = readFileSync(css_path, 'utf8');
    const kept = css.replace(/@font-face\s*\{[^}]*\}/g, (face) =>
        unused.some((family) => face.includes(`font-family:${family};`) || face.includes(`font-family: ${family};`))
            ? ''
            : face
    );
    writeFileSync(css_path, kept);
}
