// The SCORM 2004 (4th edition) run-time API (window.API_1484_11: Initialize, GetValue,
// ...) behind the version-neutral calls scorm.js makes, the twin of scorm12_runtime.js.
// What differs from 1.2: the learner is cmi.learner_id; completion (completion_status)
// and success (success_status, against cmi.scaled_passing_score) are separate; the score
// also has a scaled value (-1..1); times are ISO 8601 (durations "PT1M5.2S", timestamps
// with a time zone); suspend_data holds 64,000 characters; an interaction has a
// description, and its responses use the [,] and [:] delimiters (RTE 4.1.7).
import { decimal_text } from './answer_record.js';
import { interaction_journal } from './interaction_journal.js';
import { iso_duration } from './iso_duration.js';
import { suspend_data_max_chars_scorm2004 as suspend_data_max_chars } from './scorm_suspend_data.js';

export const scorm2004_runtime = Object.freeze({
    version: '2004',
    api_name: 'API_1484_11',
    is_api: (candidate) =>
        Boolean(candidate) && typeof candidate.Initialize === 'function' && typeof candidate.GetValue === 'function',
    open: open_scorm2004,
});

const is_true = (value) => value === true || value === 'true';

// Milliseconds since the epoch -> a SCORM 2004 time(second,10,0) in UTC, to the hundredth:
// "2026-11-02T10:00:00.00Z" (the zone designator is allowed only after a fraction).
export function scorm2004_timestamp(ms) {
    return `${new Date(ms).toISOString().slice(0, 22)}Z`;
}

// long_identifier_type: no white space, at most 4,000 characters (a short id stays short).
const identifier = (id) => id.replace(/\s+/g, '_').slice(0, 250);
// localized_string_type, 250 characters: {lang=xx} then the text, which must not start
// with "{" (it would read as another delimiter).
function localized_250(text, language) {
    const body = [...text.replace(/^\{+/, '')].slice(0, 250).join('');
    return language ? `{lang=${language}}${body}` : body;
}
const characterstring = (text, max) => [...text].slice(0, max).join('');

// An answer record (answer_record.js) -> { type, learner_response, pattern } in SCORM
// 2004's vocabulary; pattern is null where the question has no correct response.
export function scorm2004_interaction_values(record) {
    switch (record.kind) {
        case 'true-false':
            return { type: 'true-false', learner_response: String(record.learner), pattern: String(record.correct) };
        case 'choice': {
            const ids = (list) => list.map((i) => record.option_ids[i]);
            if (record.learner.some((i) => record.option_ids[i] === undefined)) return null;
            return {
                type: 'choice',
                learner_response: ids(record.learner).join('[,]'),
                pattern: record.correct ? ids(record.correct).join('[,]') : null,
            };
        }
        case 'numeric':
            return {
                type: 'numeric',
                learner_response: decimal_text(record.learner),
                pattern: record.correct
                    ? `${decimal_text(record.correct.min) ?? ''}[:]${decimal_text(record.correct.max) ?? ''}`
                    : null,
            };
        case 'fill-in':
            // One answer string; a vector is written as one ("0; 0; 1"), its order mattering.
            return {
                type: 'fill-in',
                learner_response: localized_250(record.learner, null),
                pattern: record.correct === null ? null : localized_250(record.correct, null),
            };
        default:
            return { type: 'other', learner_response: characterstring(record.learner, 4000), pattern: null };
    }
}

// A value the LMS holds ('' or text) -> a number, or null.
function number_or_null(text) {
    if (text.trim() === '') return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
}

// api: the LMS's object; warn(name, error) hears calls that threw.
function open_scorm2004(api, { warn }) {
    const call = (name, ...args) => {
        try {
            return api[name](...args);
        } catch (error) {
            warn(name, error);
            return '';
        }
    };
    const get = (element) => String(call('GetValue', element) ?? '');
    const set = (element, value) => is_true(call('SetValue', element, String(value)));
    const journal = interaction_journal({ get, set });
    return {
        version: '2004',
        suspend_data_max_chars,
        initialize: () => is_true(call('Initialize', '')),
        learner_id: () => get('cmi.learner_id'),
        // A first attempt becomes 'incomplete', so the LMS shows the learner started.
        mark_started() {
            const status = get('cmi.completion_status');
            if (status === '' || status === 'unknown' || status === 'not attempted')
                set('cmi.completion_status', 'incomplete');
        },
        // cmi.scaled_passing_score (-1..1, from the manifest's minNormalizedMeasure) as a percent.
        mastery_percent() {
            const scaled = number_or_null(get('cmi.scaled_passing_score'));
            return scaled === null ? null : Math.round(scaled * 10_000) / 100;
        },
        recorded_percent: () => number_or_null(get('cmi.score.raw')),
        read_suspend_data: () => get('cmi.suspend_data'),
        // 'suspend' on exit, so the LMS keeps suspend_data (and the attempt) for the next launch.
        write_suspend_data(text) {
            set('cmi.suspend_data', text);
            set('cmi.exit', 'suspend');
        },
        // The quiz was finished: completed; passed or failed against the mastery score,
        // or success left 'unknown' when there is none (passed: null).
        write_result({ percent, passed }) {
            set('cmi.score.min', 0);
            set('cmi.score.max', 100);
            set('cmi.score.raw', percent);
            set('cmi.score.scaled', decimal_text(percent / 100));
            set('cmi.completion_status', 'completed');
            if (passed !== null) set('cmi.success_status', passed ? 'passed' : 'failed');
        },
        write_session_time: (ms) => set('cmi.session_time', iso_duration(ms)),
        // One answer as cmi.interactions.n (each answer a new entry; id first, then type,
        // then the responses, as SCORM 2004 requires). After a refusal it stops trying.
        write_interaction(record) {
            const values = scorm2004_interaction_values(record);
            if (journal.refused || !values || values.learner_response === null) return false;
            const base = journal.open_entry(identifier(record.id));
            if (base === null) return false;
            set(`${base}.type`, values.type);
            if (record.description) set(`${base}.description`, localized_250(record.description, record.language));
            set(`${base}.timestamp`, scorm2004_timestamp(record.at_ms));
            if (values.pattern !== null) set(`${base}.correct_responses.0.pattern`, values.pattern);
            set(`${base}.weighting`, 1);
            set(`${base}.learner_response`, values.learner_response);
            set(`${base}.result`, record.result);
            if (record.latency_ms !== null) set(`${base}.latency`, iso_duration(record.latency_ms));
            return true;
        },
        commit: () => call('Commit', ''),
        finish: () => call('Terminate', ''),
    };
}
