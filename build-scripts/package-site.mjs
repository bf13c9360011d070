// What every learning-platform package shares (package-scorm.mjs, package-cmi5.mjs,
// package-h5p.mjs): the instructor's options, read and checked once; the built site's
// files; its index.html carrying the options the page reads (web/embed/package_options.js);
// and a zip that is the same for the same files.
import { zipSync } from 'fflate';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dist_dir = process.env.RELU_LAB_DIST ? resolve(process.env.RELU_LAB_DIST) : join(root, 'dist');
export const default_title = 'ReLU Lab: the ReLU activation family';
export const default_mastery_score = 80;
// Languages the page speaks (web/i18n/locales/index.js), and the names an embedding takes
// (web/embed/embed_config.js: sections, controls to lock).
const language_tags = ['en', 'de', 'zh-Hans', 'es', 'it'];
const name_pattern = /^[a-z][a-z0-9_-]{0,31}$/;

export const xml_text = (text) =>
    String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export class option_error extends Error {}

function list_option(raw, name) {
    if (raw === null) return [];
    const items = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    for (const item of items)
        if (!name_pattern.test(item))
            throw new option_error(`--${name}: "${item}" is not a name such as quiz or language.`);
    return items;
}

// argv -> { title, mastery_score, sections, lab, lang, lock, parameters, extra }; extra
// holds the flags a packager reads itself (names listed in own_flags). Throws option_error
// with a sentence saying what is wrong.
export function read_options(argv, own_flags = []) {
    const values = new Map();
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        if (!flag.startsWith('--')) throw new option_error(`unexpected argument "${flag}".`);
        const known = [
            '--title',
            '--mastery-score',
            '--sections',
            '--lab',
            '--lang',
            '--lock',
            '--parameters',
            ...own_flags,
        ];
        if (!known.includes(flag)) throw new option_error(`unknown option ${flag} (known: ${known.join(', ')}).`);
        if (i + 1 >= argv.length) throw new option_error(`${flag} needs a value.`);
        values.set(flag, argv[++i]);
    }
    const get = (flag) => values.get(flag) ?? null;
    const title = get('--title') ?? default_title;
    if (title.trim() === '' || title.length > 200) throw new option_error('--title must be 1 to 200 characters.');
    const mastery_text = get('--mastery-score') ?? String(default_mastery_score);
    const mastery_score = Number(mastery_text);
    if (!/^\d{1,3}$/.test(mastery_text) || mastery_score > 100)
        throw new option_error('--mastery-score must be a whole number from 0 to 100.');
    const sections = list_option(get('--sections'), 'sections');
    const lock = list_option(get('--lock'), 'lock');
    const lab = get('--lab');
    if (lab !== null && !name_pattern.test(lab))
        throw new option_error(`--lab: "${lab}" is not a lab name such as dying_relu.`);
    const lang = get('--lang');
    if (lang !== null && !language_tags.includes(lang))
        throw new option_error(`--lang must be one of ${language_tags.join(', ')}.`);
    const raw_parameters = get('--parameters');
    if (raw_parameters !== null && !/^\?[A-Za-z0-9_=,&.%-]{1,200}$/.test(raw_parameters))
        throw new option_error("--parameters must look like '?sections=quiz&lang=de'.");
    // The launch address's query: the named options first, then --parameters as given.
    const query = new URLSearchParams();
    if (sections.length) query.set('sections', sections.join(','));
    if (lab !== null) query.set('lab', lab);
    if (lang !== null) query.set('lang', lang);
    if (lock.length) query.set('lock', lock.join(','));
    let parameters = query.toString().replaceAll('%2C', ',');
    if (raw_parameters !== null)
        parameters = parameters ? `${parameters}&${raw_parameters.slice(1)}` : raw_parameters.slice(1);
    const extra = Object.fromEntries(own_flags.map((flag) => [flag.slice(2), get(flag)]));
    return { title, mastery_score, sections, lab, lang, lock, parameters: parameters ? `?${parameters}` : '', extra };
}

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
// (web/embed/package_options.js), right after <meta charset>. connect_sources: origins
// the page may connect to besides its own (a cmi5 package's learning record store),
// added to its Content Security Policy.
export function index_html_with_options(html, { mastery_score, connect_sources = [] }) {
    const anchor = '<meta charset="utf-8">';
    if (!html.includes(anchor)) throw new Error(`index.html has no ${anchor}`);
    let out = html.replace(anchor, `${anchor}\n<meta name="relu-lab-mastery-score" content="${mastery_score}">`);
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
