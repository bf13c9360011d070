// The question bank's schema (documented in bank/SCHEMA.md) and its validator, shared by
// the page (instructor banks loaded with the file picker) and the command-line checker
// (build-scripts/validate-quiz-bank.mjs). Validation never throws on bad input: it
// returns every problem found as { question_id, field, problem, params }, where problem
// names a message (quiz.problems.<problem> in the locale files).
import { t } from '../i18n/i18n.js';
import { activation_catalogue } from './activation_catalogue.js';
import { check_experiment, experiment_spec } from './experiments.js';
import { check_generator, generator_specs } from './generators.js';
import { check_activation_param, is_plain_object } from './param_spec.js';
import { is_target } from '../common/page_targets.js';

export const bank_format = 'relu-lab-quiz-bank';
export const bank_schema_version = 1;
export const question_types = Object.freeze([
    'single_choice',
    'multiple_select',
    'numeric',
    'true_false',
    'which_curve',
    'predict_run',
]);
// The nine topics the module teaches, in teaching order (definition first, history last).
export const builtin_topics = Object.freeze([
    'definition',
    'derivative',
    'why_relu',
    'sigmoid_tanh',
    'problems',
    'variants',
    'cnn',
    'initialisation',
    'history',
]);
export const limits = Object.freeze({
    bank_bytes: 1_000_000,
    questions: 1000,
    text_chars: 2000,
    id_chars: 64,
    choices: 8,
    languages: 12,
    answer_values: 16,
    depth: 8,
    curve_x: 50,
});

const id_pattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const section_pattern = /^[a-z][a-z0-9-]{0,40}$/;
const language_pattern = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
const forbidden_keys = new Set(['__proto__', 'constructor', 'prototype']);
// Tags, comments and CDATA: bank text is plain text, never markup.
const markup_pattern = /<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>|<!--|<!\[CDATA\[|<!doctype/i;
// Control characters other than tab and newline (and Unicode bidi overrides).
const control_pattern = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

const common_fields = ['id', 'type', 'topic', 'section', 'learn_more', 'prompt', 'explanation'];
const fields_by_type = {
    single_choice: ['choices', 'answer'],
    multiple_select: ['choices', 'answer'],
    true_false: ['answer'],
    numeric: ['answer', 'generator', 'tolerance'],
    which_curve: ['curve', 'choices'],
    predict_run: ['experiment', 'prediction'],
};
const bank_fields = ['format', 'version', 'id', 'title', 'description', 'topics', 'questions'];

// Bytes as read from a file: must be UTF-8 JSON.
export function validate_bank_bytes(bytes) {
    if (bytes.byteLength > limits.bank_bytes) return refused('', 'too_large', { max: limits.bank_bytes });
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        return refused('', 'not_utf8', {});
    }
    return validate_bank_text(text);
}

export function validate_bank_text(text) {
    if (typeof text !== 'string') return refused('', 'wrong_type', { expected: 'string' });
    if (text.length > limits.bank_bytes) return refused('', 'too_large', { max: limits.bank_bytes });
    let value;
    try {
        value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
        return refused('', 'not_json', { detail: String(error?.message ?? error).slice(0, 120) });
    }
    return validate_bank(value);
}

// A parsed value. Returns { bank, problems }: bank is the input when problems is empty.
export function validate_bank(value) {
    const problems = [];
    const add = (question_id, field, problem, params = {}) => problems.push({ question_id, field, problem, params });

    // Structure first: nesting depth and keys that could reach an object's prototype.
    // Checking goes on after a forbidden key (the checks below only read own data), so
    // the instructor sees every problem at once.
    walk_structure(value, '', 0, add);
    if (!is_plain_object(value)) {
        add(null, '', 'wrong_type', { expected: 'object' });
        return { bank: null, problems };
    }

    unknown_fields(value, bank_fields, '', null, add);
    if (value.format !== bank_format) add(null, 'format', 'wrong_value', { expected: bank_format });
    if (value.version !== bank_schema_version)
        add(null, 'version', 'unsupported_version', { expected: bank_schema_version });
    check_id(value.id, 'id', null, add);
    check_text(value.title, 'title', null, add);
    if (value.description !== undefined) check_text(value.description, 'description', null, add);

    const topics = new Set(builtin_topics);
    if (value.topics !== undefined) {
        if (!is_plain_object(value.topics)) add(null, 'topics', 'wrong_type', { expected: 'object' });
        else {
            for (const [topic, label] of Object.entries(value.topics)) {
                if (!id_pattern.test(topic) || topic.length > limits.id_chars)
                    add(null, `topics.${topic.slice(0, 40)}`, 'bad_id', { max: limits.id_chars });
                check_text(label, `topics.${topic.slice(0, 40)}`, null, add);
                topics.add(topic);
            }
        }
    }

    if (!Array.isArray(value.questions)) {
        add(null, 'questions', value.questions === undefined ? 'missing_field' : 'wrong_type', { expected: 'array' });
        return { bank: null, problems };
    }
    if (value.questions.length === 0) add(null, 'questions', 'empty', {});
    if (value.questions.length > limits.questions) {
        add(null, 'questions', 'too_many', { max: limits.questions });
        return { bank: null, problems };
    }
    const seen_ids = new Set();
    value.questions.forEach((question, index) => {
        check_question(question, `questions[${index}]`, topics, seen_ids, add);
    });
    return { bank: problems.length ? null : value, problems };
}

function refused(field, problem, params) {
    return { bank: null, problems: [{ question_id: null, field, problem, params }] };
}

function walk_structure(value, field, depth, add) {
    if (depth > limits.depth) {
        add(null, field, 'too_deep', { max: limits.depth });
        return false;
    }
    let ok = true;
    if (Array.isArray(value)) {
        value.forEach((item, i) => {
            ok = walk_structure(item, `${field}[${i}]`, depth + 1, add) && ok;
        });
    } else if (value !== null && typeof value === 'object') {
        for (const key of Object.keys(value)) {
            const where = field ? `${field}.${key.slice(0, 40)}` : key.slice(0, 40);
            if (forbidden_keys.has(key)) {
                add(null, where, 'forbidden_key', { key });
                ok = false;
            } else ok = walk_structure(value[key], where, depth + 1, add) && ok;
        }
    }
    return ok;
}

function unknown_fields(object, allowed, field, question_id, add) {
    for (const key of Object.keys(object)) {
        if (!allowed.includes(key) && !forbidden_keys.has(key))
            add(question_id, field ? `${field}.${key.slice(0, 40)}` : key.slice(0, 40), 'unknown_field', {});
    }
}

function check_id(value, field, question_id, add) {
    if (typeof value !== 'string')
        add(question_id, field, value === undefined ? 'missing_field' : 'wrong_type', { expected: 'string' });
    else if (value.length > limits.id_chars || !id_pattern.test(value))
        add(question_id, field, 'bad_id', { max: limits.id_chars });
}

// A text in several languages: { "en": "...", "de": "..." }.
function check_text(value, field, question_id, add) {
    if (value === undefined) return add(question_id, field, 'missing_field', {});
    if (!is_plain_object(value)) return add(question_id, field, 'wrong_type', { expected: 'language_map' });
    const entries = Object.entries(value);
    if (entries.length === 0) return add(question_id, field, 'empty', {});
    if (entries.length > limits.languages) add(question_id, field, 'too_many', { max: limits.languages });
    for (const [tag, text] of entries.slice(0, limits.languages)) {
        const where = `${field}.${tag.slice(0, 20)}`;
        if (!language_pattern.test(tag)) add(question_id, where, 'bad_language', {});
        if (typeof text !== 'string') add(question_id, where, 'wrong_type', { expected: 'string' });
        else if (text.trim() === '') add(question_id, where, 'empty', {});
        else if (text.length > limits.text_chars) add(question_id, where, 'too_long', { max: limits.text_chars });
        else if (markup_pattern.test(text)) add(question_id, where, 'markup', {});
        else if (control_pattern.test(text)) add(question_id, where, 'control_characters', {});
    }
}

function check_finite(value, field, question_id, add, { min = -Infinity, integer = false } = {}) {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
        add(question_id, field, value === undefined ? 'missing_field' : 'wrong_type', {
            expected: integer ? 'integer' : 'number',
        });
        return false;
    }
    if (value < min) {
        add(question_id, field, 'out_of_range', { min, max: '∞' });
        return false;
    }
    return true;
}

function check_choices(choices, field, question_id, add) {
    if (!Array.isArray(choices)) {
        add(question_id, field, choices === undefined ? 'missing_field' : 'wrong_type', { expected: 'array' });
        return 0;
    }
    if (choices.length < 2 || choices.length > limits.choices) {
        add(question_id, field, 'count_out_of_range', { min: 2, max: limits.choices });
        return 0;
    }
    choices.forEach((choice, i) => check_text(choice, `${field}[${i}]`, question_id, add));
    return choices.length;
}

function check_tolerance(tolerance, field, question_id, add) {
    if (!is_plain_object(tolerance))
        return add(question_id, field, tolerance === undefined ? 'missing_field' : 'wrong_type', {
            expected: 'object',
        });
    unknown_fields(tolerance, ['absolute', 'relative'], field, question_id, add);
    check_finite(tolerance.absolute, `${field}.absolute`, question_id, add, { min: 0 });
    check_finite(tolerance.relative, `${field}.relative`, question_id, add, { min: 0 });
}

function check_question(q, field, topics, seen_ids, add) {
    if (!is_plain_object(q)) return add(null, field, 'wrong_type', { expected: 'object' });
    const id = typeof q.id === 'string' && q.id.length <= limits.id_chars ? q.id : null;
    check_id(q.id, `${field}.id`, id, add);
    if (id !== null) {
        if (seen_ids.has(id)) add(id, `${field}.id`, 'duplicate_id', {});
        seen_ids.add(id);
    }
    if (!question_types.includes(q.type)) {
        add(id, `${field}.type`, q.type === undefined ? 'missing_field' : 'unknown_type', {
            allowed: question_types.join(', '),
        });
        return;
    }
    unknown_fields(q, [...common_fields, ...fields_by_type[q.type]], field, id, add);
    if (typeof q.topic !== 'string' || !topics.has(q.topic)) {
        add(id, `${field}.topic`, q.topic === undefined ? 'missing_field' : 'unknown_topic', {
            allowed: [...topics].join(', ').slice(0, 300),
        });
    }
    if (q.section !== undefined && (typeof q.section !== 'string' || !section_pattern.test(q.section)))
        add(id, `${field}.section`, 'bad_section', {});
    // Where "learn more" leads: a page target such as learn/derivative (common/page_targets.js).
    if (q.learn_more !== undefined && !is_target(q.learn_more)) add(id, `${field}.learn_more`, 'bad_learn_more', {});
    check_text(q.prompt, `${field}.prompt`, id, add);
    check_text(q.explanation, `${field}.explanation`, id, add);

    switch (q.type) {
        case 'single_choice': {
            const count = check_choices(q.choices, `${field}.choices`, id, add);
            if (
                check_finite(q.answer, `${field}.answer`, id, add, { min: 0, integer: true }) &&
                count &&
                q.answer >= count
            ) {
                add(id, `${field}.answer`, 'answer_out_of_range', { max: count - 1 });
            }
            break;
        }
        case 'multiple_select': {
            const count = check_choices(q.choices, `${field}.choices`, id, add);
            if (!Array.isArray(q.answer))
                add(id, `${field}.answer`, q.answer === undefined ? 'missing_field' : 'wrong_type', {
                    expected: 'array',
                });
            else if (q.answer.length === 0 || q.answer.length > limits.choices)
                add(id, `${field}.answer`, 'count_out_of_range', { min: 1, max: limits.choices });
            else {
                q.answer.forEach((a, i) => {
                    if (
                        check_finite(a, `${field}.answer[${i}]`, id, add, { min: 0, integer: true }) &&
                        count &&
                        a >= count
                    ) {
                        add(id, `${field}.answer[${i}]`, 'answer_out_of_range', { max: count - 1 });
                    }
                });
                if (new Set(q.answer).size !== q.answer.length) add(id, `${field}.answer`, 'duplicate_value', {});
            }
            break;
        }
        case 'true_false':
            if (typeof q.answer !== 'boolean')
                add(id, `${field}.answer`, q.answer === undefined ? 'missing_field' : 'wrong_type', {
                    expected: 'boolean',
                });
            break;
        case 'numeric':
            check_numeric(q, field, id, add);
            break;
        case 'which_curve':
            check_curve(q, field, id, add);
            break;
        case 'predict_run':
            check_predict_run(q, field, id, add);
            break;
    }
}

function check_numeric(q, field, id, add) {
    check_tolerance(q.tolerance, `${field}.tolerance`, id, add);
    if ((q.answer === undefined) === (q.generator === undefined)) {
        add(id, `${field}.answer`, 'answer_or_generator', {});
        return;
    }
    if (q.answer !== undefined) {
        if (Array.isArray(q.answer)) {
            if (q.answer.length === 0 || q.answer.length > limits.answer_values)
                add(id, `${field}.answer`, 'count_out_of_range', { min: 1, max: limits.answer_values });
            else q.answer.forEach((a, i) => check_finite(a, `${field}.answer[${i}]`, id, add));
        } else check_finite(q.answer, `${field}.answer`, id, add);
        return;
    }
    const g = q.generator;
    if (!is_plain_object(g)) return add(id, `${field}.generator`, 'wrong_type', { expected: 'object' });
    unknown_fields(g, ['name', 'params'], `${field}.generator`, id, add);
    if (typeof g.name !== 'string' || !Object.hasOwn(generator_specs, g.name)) {
        return add(id, `${field}.generator.name`, 'unknown_value', {
            allowed: Object.keys(generator_specs).join(', '),
        });
    }
    for (const p of check_generator(g, `${field}.generator`)) add(id, p.field, p.problem, p.params);
}

function check_curve(q, field, id, add) {
    const c = q.curve;
    if (!is_plain_object(c))
        return add(id, `${field}.curve`, c === undefined ? 'missing_field' : 'wrong_type', { expected: 'object' });
    unknown_fields(c, ['activation', 'param', 'show', 'x_min', 'x_max'], `${field}.curve`, id, add);
    const names = Object.keys(activation_catalogue);
    if (!names.includes(c.activation))
        add(id, `${field}.curve.activation`, 'unknown_value', { allowed: names.join(', ') });
    else
        for (const p of check_activation_param(c.activation, c.param, `${field}.curve.param`))
            add(id, p.field, p.problem, p.params);
    if (c.show !== 'f' && c.show !== 'df') add(id, `${field}.curve.show`, 'unknown_value', { allowed: 'f, df' });
    const lo_ok = check_finite(c.x_min, `${field}.curve.x_min`, id, add, { min: -limits.curve_x });
    const hi_ok = check_finite(c.x_max, `${field}.curve.x_max`, id, add, { min: -limits.curve_x });
    if (lo_ok && hi_ok && (c.x_min >= c.x_max || c.x_max > limits.curve_x))
        add(id, `${field}.curve.x_max`, 'range_reversed', { low: 'x_min', high: 'x_max' });
    if (!Array.isArray(q.choices))
        return add(id, `${field}.choices`, q.choices === undefined ? 'missing_field' : 'wrong_type', {
            expected: 'array',
        });
    if (q.choices.length < 2 || q.choices.length > limits.choices)
        return add(id, `${field}.choices`, 'count_out_of_range', { min: 2, max: limits.choices });
    q.choices.forEach((name, i) => {
        if (!names.includes(name)) add(id, `${field}.choices[${i}]`, 'unknown_value', { allowed: names.join(', ') });
    });
    if (new Set(q.choices).size !== q.choices.length) add(id, `${field}.choices`, 'duplicate_value', {});
    if (!q.choices.includes(c.activation)) add(id, `${field}.choices`, 'answer_not_in_choices', {});
}

function check_predict_run(q, field, id, add) {
    const e = q.experiment;
    if (!is_plain_object(e))
        add(id, `${field}.experiment`, e === undefined ? 'missing_field' : 'wrong_type', { expected: 'object' });
    else {
        unknown_fields(e, ['name', 'params'], `${field}.experiment`, id, add);
        if (typeof e.name !== 'string' || experiment_spec(e.name) === null)
            add(id, `${field}.experiment.name`, 'unknown_value', { allowed: 'see SCHEMA.md' });
        else for (const p of check_experiment(e, `${field}.experiment`)) add(id, p.field, p.problem, p.params);
    }
    const p = q.prediction;
    if (!is_plain_object(p))
        return add(id, `${field}.prediction`, p === undefined ? 'missing_field' : 'wrong_type', { expected: 'object' });
    if (p.kind === 'number') {
        unknown_fields(p, ['kind', 'tolerance'], `${field}.prediction`, id, add);
        check_tolerance(p.tolerance, `${field}.prediction.tolerance`, id, add);
    } else if (p.kind === 'choice') {
        unknown_fields(p, ['kind', 'choices'], `${field}.prediction`, id, add);
        const where = `${field}.prediction.choices`;
        if (!Array.isArray(p.choices))
            return add(id, where, p.choices === undefined ? 'missing_field' : 'wrong_type', { expected: 'array' });
        if (p.choices.length < 2 || p.choices.length > limits.choices)
            return add(id, where, 'count_out_of_range', { min: 2, max: limits.choices });
        // Each choice is a range [min, max) of results; the ranges must not overlap.
        const ranges = [];
        p.choices.forEach((choice, i) => {
            if (!is_plain_object(choice)) return add(id, `${where}[${i}]`, 'wrong_type', { expected: 'object' });
            unknown_fields(choice, ['text', 'min', 'max'], `${where}[${i}]`, id, add);
            check_text(choice.text, `${where}[${i}].text`, id, add);
            const lo = choice.min ?? -Infinity;
            const hi = choice.max ?? Infinity;
            if (choice.min !== undefined) check_finite(choice.min, `${where}[${i}].min`, id, add);
            if (choice.max !== undefined) check_finite(choice.max, `${where}[${i}].max`, id, add);
            if (!(lo < hi)) add(id, `${where}[${i}].max`, 'range_reversed', { low: 'min', high: 'max' });
            ranges.push([lo, hi, i]);
        });
        ranges.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < ranges.length; i++) {
            if (ranges[i][0] < ranges[i - 1][1]) add(id, `${where}[${ranges[i][2]}]`, 'ranges_overlap', {});
        }
    } else add(id, `${field}.prediction.kind`, 'unknown_value', { allowed: 'number, choice' });
}

// One line per problem, in the current language, e.g.
// "question “relu-def-1”, field questions[3].answer: the answer must be ...".
export function format_problem(problem) {
    const message = t(`quiz.problems.${problem.problem}`, problem.params);
    const where = problem.field ? t('quiz.problem_field', { field: problem.field }) : t('quiz.problem_whole_file');
    return problem.question_id !== null
        ? t('quiz.problem_line_question', { id: problem.question_id, where, message })
        : t('quiz.problem_line', { where, message });
}
