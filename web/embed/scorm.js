// SCORM 1.2 run-time: when an LMS launched the page (its API object sits in a parent
// frame or in the window that opened us), the quiz reports to it:
//   launch      LMSInitialize(''); lesson_status 'incomplete' on a first attempt;
//               quiz progress restored from cmi.suspend_data (scorm_suspend_data.js)
//   each answer cmi.suspend_data updated, cmi.core.exit = 'suspend' (so the LMS keeps it)
//   completion  cmi.core.score.raw/min/max (0..100, the best session so far) and
//               cmi.core.lesson_status: 'passed'/'failed' against cmi.student_data.mastery_score,
//               or 'completed' when the LMS has no mastery score; LMSCommit
//   pagehide    suspend_data, cmi.core.session_time, LMSCommit, LMSFinish
// Without an LMS the page runs standalone and none of this happens.
import { decode_suspend_data, encode_suspend_data } from './scorm_suspend_data.js';

const max_search_depth = 10;

function api_in(win) {
    try {
        const api = win.API;
        return api && typeof api.LMSInitialize === 'function' ? api : null;
    } catch {
        return null;  // a cross-origin frame: not our LMS
    }
}

function api_up_from(start) {
    let win = start;
    for (let depth = 0; win && depth <= max_search_depth; depth++) {
        const api = api_in(win);
        if (api) return api;
        let parent;
        try {
            parent = win.parent;
        } catch {
            return null;
        }
        if (!parent || parent === win) return null;
        win = parent;
    }
    return null;
}

// The LMS's API object, looked for up the frame chain, then from the opener; or null.
export function find_scorm_api(win) {
    const found = api_up_from(win);
    if (found) return found;
    try {
        return win.opener ? api_up_from(win.opener) : null;
    } catch {
        return null;
    }
}

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

// quiz: the object mount_quiz returns (progress_record, restore_progress);
// on_learning_event: from events/learning_events.js. Returns { mode: 'lms' | 'standalone' }.
export function start_scorm(win, { quiz, on_learning_event }) {
    const api = find_scorm_api(win);
    if (!api) return { mode: 'standalone' };
    const call = (name, ...args) => {
        try {
            return api[name](...args);
        } catch (error) {
            console.warn(`SCORM ${name} failed:`, error);  // i18n-exempt: console, for developers
            return '';
        }
    };
    if (!is_true(call('LMSInitialize', ''))) return { mode: 'standalone' };
    let finished = false;
    const started_ms = Date.now();
    const get = (element) => String(call('LMSGetValue', element) ?? '');
    const set = (element, value) => is_true(call('LMSSetValue', element, String(value)));

    const status = get('cmi.core.lesson_status');
    if (status === '' || status === 'not attempted') set('cmi.core.lesson_status', 'incomplete');
    const mastery_text = get('cmi.student_data.mastery_score');
    const mastery_score = mastery_text.trim() === '' ? null : Number(mastery_text);
    const previous_raw = get('cmi.core.score.raw');
    let best_percent = previous_raw.trim() === '' ? null : Number(previous_raw);

    const restored = decode_suspend_data(get('cmi.suspend_data'));
    if (restored) quiz.restore_progress(restored.bank_id, restored.record);

    function save_suspend_data() {
        const { bank_id, record } = quiz.progress_record();
        set('cmi.suspend_data', encode_suspend_data(bank_id, record));
        set('cmi.core.exit', 'suspend');
    }

    on_learning_event('quiz.answered', () => {
        if (!finished) save_suspend_data();
    });
    on_learning_event('quiz.completed', (event) => {
        if (finished) return;
        save_suspend_data();
        if (best_percent === null || !Number.isFinite(best_percent) || event.percent >= best_percent) {
            best_percent = event.percent;
            set('cmi.core.score.min', 0);
            set('cmi.core.score.max', 100);
            set('cmi.core.score.raw', event.percent);
            const passed = mastery_score !== null && Number.isFinite(mastery_score) ? event.percent >= mastery_score : null;
            set('cmi.core.lesson_status', passed === null ? 'completed' : passed ? 'passed' : 'failed');
        }
        call('LMSCommit', '');
    });
    win.addEventListener('pagehide', () => {
        if (finished) return;
        save_suspend_data();
        set('cmi.core.session_time', scorm_timespan(Date.now() - started_ms));
        call('LMSCommit', '');
        call('LMSFinish', '');
        finished = true;
    });
    return { mode: 'lms', restored: Boolean(restored) };
}
