// The SCORM 1.2 run-time API (window.API: LMSInitialize, LMSGetValue, ...) behind the
// version-neutral calls scorm.js makes. A SCORM 2004 twin (window.API_1484_11: Initialize,
// cmi.learner_id, cmi.score.scaled, completion_status and success_status, ISO 8601
// durations, 64,000 characters of suspend_data) offers the same object and joins the list
// of run-times in scorm.js; nothing else needs to know which version runs.
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
    return {
        version: '1.2',
        suspend_data_max_chars: 4096,
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
        commit: () => call('LMSCommit', ''),
        finish: () => call('LMSFinish', ''),
    };
}
