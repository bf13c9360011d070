// What every learning-platform package shares (package-scorm.mjs, package-cmi5.mjs,
// package-h5p.mjs): the built site's files; its index.html carrying the options the page
// reads (web/embed/package_options.js); and a zip that is the same for the same files.
// The instructor's options are read in package_cli_options.mjs.
import { zipSync } from 'fflate';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { quiz_meta_names } from '../web/embed/quiz_parameters.js';
import { option_error } from './package_cli_options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dist_dir = process.env.RELU_LAB_DIST ? resolve(process.env.RELU_LAB_DIST) : join(root, 'dist');
// The command line is read in package_cli_options.mjs; these names stay importable here.
export { default_mastery_score, default_title, option_error, read_options } from './package_cli_options.mjs';

export const xml_text = (text) =>
    String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

// Every file of the built site a package carries, as paths with '/'. Not carried: the
// single-file build (it duplicates the site), zips and other packages (outputs).
export function site_files(dir = dist_dir) {
    const out = [];
    const walk = (at) => {
        for (const name of readdirSync(at).sort()) {
            const path = join(at, name);
            if (statSync(path).isDirectory()) walk(path);
            else out.push(relative(dir, path).split(sep).join('/'));
        }
    };
    walk(dir);
    const files = out.filter((f) => f !== 'relu-lab-single-file.html' && !f.endsWith('.zip') && !f.endsWith('.h5p'));
    if (!files.includes('index.html'))
        throw new option_error(`no index.html in ${dir}; build the site first (build-scripts/build.sh).`);
    return files;
}

// index.html with the instructor's options as <meta> tags the page reads
// (web/embed/package_options.js), right after <meta charset>: the mastery score and the
// graded quiz's options given (quiz: { quiz_questions: '12', ... }, values already
// checked by read_options). connect_sources: origins the page may connect to besides its
// own (a cmi5 package's learning record store), added to its Content Security Policy.
export function index_html_with_options(html, { mastery_score, quiz = {}, connect_sources = [] }) {
    const anchor = '<meta charset="utf-8">';
    if (!html.includes(anchor)) throw new Error(`index.html has no ${anchor}`);
    const metas = [`<meta name="${quiz_meta_names.mastery}" content="${mastery_score}">`];
    for (const [name, meta_name] of Object.entries(quiz_meta_names))
        if (name !== 'mastery' && quiz[name] !== undefined)
            metas.push(`<meta name="${meta_name}" content="${xml_text(quiz[name])}">`);
    let out = html.replace(anchor, () => `${anchor}\n${metas.join('\n')}`);
    if (connect_sources.length) {
        const policy = "connect-src 'self' data: blob:";
        if (!out.includes(policy)) throw new Error(`index.html's Content Security Policy has no "${policy}"`);
        out = out.replace(policy, `${policy} ${connect_sources.join(' ')}`);
    }
    return out;
}

// { path: bytes or text } -> zip bytes. A fixed date keeps the zip the same for the same files.
export function zip_files(files) {
    const mtime = new Date('2026-01-01T00:00:00Z');
    const entries = {};
    for (const [path, content] of Object.entries(files))
        entries[path] = [typeof content === 'string' ? new TextEncoder().encode(content) : content, { mtime }];
    return zipSync(entries, { level: 9 });
}

// The site's files as { path: bytes }, index.html carrying the options.
export function site_entries(files, options, dir = dist_dir) {
    const entries = {};
    for (const f of files) entries[f] = new Uint8Array(readFileSync(join(dir, f)));
    entries['index.html'] = index_html_with_options(readFileSync(join(dir, 'index.html'), 'utf8'), options);
    return entries;
}
