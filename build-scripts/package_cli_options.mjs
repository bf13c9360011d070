// The packagers' command line (package-scorm.mjs, package-cmi5.mjs, package-h5p.mjs), read
// and checked in one place: the options every package takes, the graded quiz's options
// for the packages whose index.html carries them, and the flags a packager reads itself.
// A bad value stops packaging with a sentence naming the flag and what it takes (exit 2).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { check_quiz_parameter } from '../web/embed/quiz_parameters.js';

export const default_title = 'ReLU Lab: the ReLU activation family';
export const default_mastery_score = 80;
// Languages the page speaks (web/i18n/locales/index.js), and the names an embedding takes
// (web/embed/embed_config.js: sections, controls to lock).
const language_tags = ['en', 'de', 'zh-Hans', 'es', 'it'];
const name_pattern = /^[a-z][a-z0-9_-]{0,31}$/;
const common_flags = ['--title', '--mastery-score', '--sections', '--lab', '--lang', '--lock', '--parameters'];
// Flag -> the quiz option it sets (web/embed/quiz_parameters.js has the rules), written into
// the package's index.html as <meta name="relu-lab-quiz-...">. --mastery-score is the
// mastery option.
export const quiz_flags = Object.freeze({
    '--quiz-questions': 'quiz_questions',
    '--quiz-topics': 'quiz_topics',
    '--quiz-seed': 'quiz_seed',
    '--quiz-attempts': 'quiz_attempts',
    '--quiz-counts': 'quiz_counts',
});

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

// argv -> { title, mastery_score, sections, lab, lang, lock, parameters, quiz, extra }:
//   quiz: { quiz_questions: '12', ... } with the quiz options given (with_quiz only);
//   extra: the flags a packager reads itself (own_flags), by name without '--'.
// Throws option_error with a sentence saying what is wrong.
export function read_options(argv, own_flags = [], { with_quiz = false } = {}) {
    const known = [...common_flags, ...(with_quiz ? Object.keys(quiz_flags) : []), ...own_flags];
    const values = new Map();
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        if (!flag.startsWith('--')) throw new option_error(`unexpected argument "${flag}".`);
        if (!known.includes(flag)) throw new option_error(`unknown option ${flag} (known: ${known.join(', ')}).`);
        if (i + 1 >= argv.length) throw new option_error(`${flag} needs a value.`);
        if (values.has(flag)) throw new option_error(`${flag} is given twice.`);
        values.set(flag, argv[++i]);
    }
    const get = (flag) => values.get(flag) ?? null;
    const title = get('--title') ?? default_title;
    if (title.trim() === '' || title.length > 200) throw new option_error('--title must be 1 to 200 characters.');
    const mastery = check_quiz_parameter('mastery', get('--mastery-score') ?? String(default_mastery_score));
    if (mastery.problem) throw new option_error('--mastery-score must be a whole number from 0 to 100.');
    const mastery_score = Number(mastery.value);
    const sections = list_option(get('--sections'), 'sections');
    const lock = list_option(get('--lock'), 'lock');
    const lab = get('--lab');
    if (lab !== null && !name_pattern.test(lab))
        throw new option_error(`--lab: "${lab}" is not a lab name such as dying_relu.`);
    const lang = get('--lang');
    if (lang !== null && !language_tags.includes(lang))
        throw new option_error(`--lang must be one of ${language_tags.join(', ')}.`);
    const raw_parameters = get('--parameters');
    if (raw_parameters !== null && !/^\?[A-Za-z0-9_=,&.%:-]{1,200}$/.test(raw_parameters))
        throw new option_error("--parameters must look like '?sections=quiz&lang=de'.");
    const quiz = {};
    for (const [flag, name] of Object.entries(quiz_flags)) {
        if (get(flag) === null) continue;
        const checked = check_quiz_parameter(name, get(flag));
        if (checked.problem) throw new option_error(`${flag} ${checked.problem}.`);
        quiz[name] = checked.value;
    }
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
    return {
        title,
        mastery_score,
        sections,
        lab,
        lang,
        lock,
        parameters: parameters ? `?${parameters}` : '',
        quiz,
        extra,
    };
}

// Whether the module at module_url is the script node was started with.
export const is_main = (module_url) =>
    Boolean(process.argv[1]) && resolve(process.argv[1]) === fileURLToPath(module_url);

// Runs a packager's main: pack(argv) does the work; an option_error is printed as
// "<name>: <sentence>" and exits with 2, anything else is a bug and throws.
export async function run_packager(name, pack) {
    try {
        await pack(process.argv.slice(2));
    } catch (error) {
        if (!(error instanceof option_error)) throw error;
        console.error(`${name}: ${error.message}`);
        process.exit(2);
    }
}
