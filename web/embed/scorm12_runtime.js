// The SCORM 1.2 run-time API (window.API: LMSInitialize, LMSGetValue, ...) behind the
// version-neutral calls scorm.js makes. Its SCORM 2004 twin is scorm2004_runtime.js; both
// offer the same object, so nothing else needs to know which version runs.
import { decimal_text } from './answer_record.js';
import { interaction_journal } from './interaction_journal.js';
import { suspend_data_max_chars_scorm12 as suspend_data_max_chars } from './scorm_suspend_data.js';

export const scorm12_runtime = Object.freeze({
    version: '1.2',
    api_name: 'API',
    is_api: (candidate) => Boolean(candidate) && typeof candidate.LMSInitialize === 'function',
    open: open_scorm12,
});

const is_true = (value) => value === true || value === 'true';

// Milliseconds -> SCORM 1.2 CMITimespan "HHHH:MM:SS.SS" (hours capped at 9999).
export function scorm_timespan(ms) {
    const centiseconds = Math.max(0, Math.round(ms / 10));
    const hours = Math.min(9999, Math.floor(centiseconds / 360_000));
    const minutes = Math.floor(centiseconds / 6000) % 60;
    const seconds = (centiseconds % 6000) / 100;
    const pad = (n, width) => String(n).padStart(width, '0');
    return `${pad(hours, 4)}:${pad(minutes, 2)}:${seconds.toFixed(2).padStart(5, '0')}`;
}

// Milliseconds since the epoch -> CMITime "HH:MM:SS", the learner's local time of day
// (SCORM 1.2 keeps no date with an interaction).
export function scorm12_time_of_day(ms) {
    const date = new Date(ms);
    const pad = (n) => String(n).padStart(2, '0');
    return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

// SCORM 1.2 spells a choice as single characters 0-9, a-z (RTE 3.4.4): option i is the
// i-th of "abc...z0...9", so 36 options at most, as in SCORM.
const choice_letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
const letters = (list) =>
    list.every((i) => i < choice_letters.length) ? list.map((i) => choice_letters[i]).join(',') : null;
// CMIIdentifier: no white space, at most 255 characters.
const identifier = (id) => id.replace(/\s+/g, '_').slice(0, 255);
const string255 = (text) => [...text].slice(0, 255).join('');

// An answer record (answer_record.js) -> { type, student_response, pattern } in SCORM 1.2's
// vocabulary (RTE 3.4.4); pattern is null where the question has no correct response.
export function scorm12_interaction_values(record) {
    switch (record.kind) {
        case 'true-false':
            return {
                type: 'true-false',
                student_response: record.learner ? 't' : 'f',
                pattern: record.correct ? 't' : 'f',
            };
        case 'choice': {
            const student_response = letters(record.learner);
            if (student_response === null) return null;
            return { type: 'choice', student_response, pattern: record.correct ? letters(record.correct) : null };
        }
        case 'numeric':
            // One value for the pattern: the middle of the accepted range.
            return {
                type: 'numeric',
                student_response: decimal_text(record.learner),
                pattern: record.correct ? decimal_text((record.correct.min + record.correct.max) / 2) : null,
            };
        case 'fill-in':
            return {
                type: 'fill-in',
                student_response: string255(record.learner),
                pattern: record.correct === null ? null : string255(record.correct),
            };
        default:
            return { type: 'performance', student_response: string255(record.learner), pattern: null };
    }
}

// A percent the LMS holds ('' or text) -> a number, or null.
function percent_or_null(text) {
    if (text.trim() === '') return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
}

// api: the LMS's object; warn(name, error) hears calls that threw.
function open_scorm12(api, { warn }) {
    const call = (name, ...args) => {
        try {
            return api[name](...args);
        } catch (error) {
            warn(name, error);
            return '';
        }
    };
    const get = (element) => String(call('LMSGetValue', element) ?? '');
    const set = (element, value) => is_true(call('LMSSetValue', element, String(value)));
    const journal = interaction_journal({ get, set });
    return {
        version: '1.2',
        suspend_data_max_chars,
        initialize: () => is_true(call('LMSInitialize', '')),
        learner_id: () => get('cmi.core.student_id'),
        // A first attempt becomes 'incomplete', so the LMS shows the learner started.
        mark_started() {
            const status = get('cmi.core.lesson_status');
            if (status === '' || status === 'not attempted') set('cmi.core.lesson_status', 'incomplete');
        },
        mastery_percent: () => percent_or_null(get('cmi.student_data.mastery_score')),
        recorded_percent: () => percent_or_null(get('cmi.core.score.raw')),
        read_suspend_data: () => get('cmi.suspend_data'),
        // 'suspend' on exit, so the LMS keeps suspend_data for the next launch.
        write_suspend_data(text) {
            set('cmi.suspend_data', text);
            set('cmi.core.exit', 'suspend');
        },
        // passed: true, false, or null when the LMS has no mastery score ('completed').
        write_result({ percent, passed }) {
            set('cmi.core.score.min', 0);
            set('cmi.core.score.max', 100);
            set('cmi.core.score.raw', percent);
            set('cmi.core.lesson_status', passed === null ? 'completed' : passed ? 'passed' : 'failed');
        },
        write_session_time: (ms) => set('cmi.core.session_time', scorm_timespan(ms)),
        // One answer as cmi.interactions.n (a journal: each answer is a new entry). After a
        // refusal (an LMS without interactions, or one that is full) it stops trying.
        write_interaction(record) {
            const values = scorm12_interaction_values(record);
            if (journal.refused || !values || values.student_response === null) return false;
            const base = journal.open_entry(identifier(record.id));
            if (base === null) return false;
            set(`${base}.time`, scorm12_time_of_day(record.at_ms));
            set(`${base}.type`, values.type);
            if (values.pattern !== null) set(`${base}.correct_responses.0.pattern`, values.pattern);
            set(`${base}.weighting`, 1);
            set(`${base}.student_response`, values.student_response);
            set(`${base}.result`, record.result === 'correct' ? 'correct' : 'wrong');
            if (record.latency_ms !== null) set(`${base}.latency`, scorm_timespan(record.latency_ms));
            return true;
        },
        commit: () => call('LMSCommit', ''),
        finish: () => call('LMSFinish', ''),
    };
}
