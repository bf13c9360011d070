// cmi5: a learning platform launched the page as an assignable unit (cmi5_launch.js), and
// what the learner does goes to its learning record store as xAPI statements
// (xapi_statements.js) through a queue that survives going offline (xapi_queue.js).
// main.js connects before the quiz mounts (the learner decides where the quiz keeps
// progress in this browser), then attaches the quiz and Learn. In cmi5's order:
//   launch           initialized (after statements a closed page left queued)
//   each answer      answered, on the bank shipped in the package, with its result
//   a chapter read, a lab run, a training run finished: experienced
//   a quiz session finished on the shipped bank, in launch mode Normal: passed or failed
//                    against the mastery score (the platform's, else the package's; passed
//                    once per registration), then completed (once per registration)
//   pagehide         terminated, and the queue sent in a request that outlives the page
// Nothing is sent anywhere but the endpoint and fetch URL the platform gave at launch.
// Without cmi5 launch parameters the page does none of this.
import builtin_bank from '../quiz/bank/relu_lab_bank.json' with { type: 'json' };
import { language, t } from '../i18n/i18n.js';
import { answer_record, flashcard_answer } from './answer_record.js';
import { cmi5_error, fetch_auth_token, fetch_launch_data, read_cmi5_launch, xapi_headers } from './cmi5_launch.js';
import { page_embed_config } from './embed_config.js';
import { package_mastery_percent } from './package_options.js';
import { create_statement_factory, sessionid_extension } from './xapi_statements.js';
import { create_statement_queue } from './xapi_queue.js';

const shipped_questions = new Map(builtin_bank.questions.map((q) => [q.id, q]));
const queue_key_prefix = 'relu-lab.cmi5.queue.';
const status_key_prefix = 'relu-lab.cmi5.status.';
// A launch that found the network down tries again this often (and when it is back).
const launch_retry_ms = 15_000;

const warn = (what, error) => console.warn(`cmi5 ${what}:`, error); // i18n-exempt: console, for developers

function random_uuid(win) {
    if (typeof win.crypto?.randomUUID === 'function') return win.crypto.randomUUID();
    const bytes = win.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// What this registration has been sent already ({ passed, completed }), kept in storage
// so a relaunch does not send them twice.
function status_store(storage, registration) {
    const key = status_key_prefix + registration;
    let status = { passed: false, completed: false };
    try {
        const parsed = JSON.parse(storage?.getItem(key) ?? 'null');
        if (parsed && typeof parsed === 'object')
            status = { passed: parsed.passed === true, completed: parsed.completed === true };
    } catch {
        // unreadable: start afresh
    }
    return {
        get: () => ({ ...status }),
        set(change) {
            status = { ...status, ...change };
            try {
                storage?.setItem(key, JSON.stringify(status));
            } catch {
                // kept for this visit
            }
        },
    };
}

// -> null (no cmi5 launch) or a session { version: 'cmi5', learner_id, attach(...), ... }.
// fetch, storage, the clock, timers and ids can be passed in for tests.
export function connect_cmi5(
    win,
    {
        storage = safe_local_storage(win),
        fetch_impl = (...args) => win.fetch(...args),
        now = () => Date.now(),
        set_timer = (fn, ms) => win.setTimeout(fn, ms),
        clear_timer = (id) => win.clearTimeout(id),
        new_id = () => random_uuid(win),
        page_language = language,
        on_problem = (key) => show_problem(win.document, key),
    } = {}
) {
    const launch = read_cmi5_launch(win.location?.search ?? '');
    if (!launch) return null;
    const started_ms = now();
    let token = null;
    let factory = null; // statements can be made once the launch data is known
    let launch_data = null;
    const waiting = []; // (factory) => statement, in order, until then
    let terminated = false;
    const status = status_store(storage, launch.registration);

    const session_of = (statement) => statement?.context?.extensions?.[sessionid_extension] ?? null;
    const current_session = () => launch_data?.context_template?.extensions?.[sessionid_extension] ?? null;

    async function send_batch(statements, { keepalive }) {
        let response;
        try {
            response = await fetch_impl(`${launch.endpoint}statements`, {
                method: 'POST',
                headers: { ...xapi_headers(token), 'Content-Type': 'application/json' },
                body: JSON.stringify(statements),
                keepalive,
                cache: 'no-store',
                credentials: 'omit',
            });
        } catch {
            return 'retry';
        }
        if (response.ok || response.status === 409) return 'sent'; // 409: the store has these ids
        // A session that ended before it could send (the page closed offline): a platform
        // may refuse its late statements; they are dropped, the present session goes on.
        if (response.status >= 400 && response.status < 500 && session_of(statements[0]) !== current_session()) {
            warn('statements of an earlier session refused', response.status);
            return 'refused';
        }
        if (response.status === 401 || response.status === 403) {
            on_problem('embed.cmi5_refused');
            return 'blocked';
        }
        if (response.status === 400) {
            warn('statements refused', await response.text().catch(() => ''));
            return 'refused';
        }
        return 'retry';
    }

    const queue = create_statement_queue({
        storage,
        storage_key: queue_key_prefix + launch.registration,
        send_batch,
        set_timer,
        clear_timer,
        group_of: session_of,
    });

    // make: (factory) -> statement or null; made now, or once the launch data is in.
    function add(make) {
        if (terminated) return;
        if (!factory) {
            waiting.push(make);
            return;
        }
        const statement = make(factory);
        if (statement) queue.add(statement);
    }

    let starting = false;
    let retry_timer = null;
    async function start() {
        if (starting || factory) return;
        starting = true;
        if (retry_timer !== null) clear_timer(retry_timer);
        retry_timer = null;
        try {
            token ??= await fetch_auth_token(launch, { fetch_impl });
            launch_data = await fetch_launch_data(launch, token, { fetch_impl });
        } catch (error) {
            starting = false;
            if (error instanceof cmi5_error && error.kind === 'offline') {
                retry_timer = set_timer(start, launch_retry_ms);
                return;
            }
            warn('launch failed', error);
            on_problem('embed.cmi5_launch_failed');
            return;
        }
        starting = false;
        factory = create_statement_factory(launch, launch_data, { new_id, now });
        // One by one: a waiting result judged now adds its statements behind the earlier ones.
        for (const make of waiting.splice(0)) {
            const statement = make(factory);
            if (statement) queue.add(statement);
        }
        queue.start();
    }
    // initialized first: made at launch time, sent once the launch data is in.
    const initialized_ms = now();
    add((f) => ({ ...f.initialized(), timestamp: new Date(initialized_ms).toISOString() }));
    start();
    win.addEventListener?.('online', () => {
        if (factory) queue.start();
        else start();
    });

    win.addEventListener?.('pagehide', () => {
        if (terminated) return;
        const duration_ms = now() - started_ms;
        add((f) => f.terminated(duration_ms));
        terminated = true;
        queue.flush();
    });

    function record_result(percent) {
        if (!launch_data || launch_data.launch_mode !== 'Normal') return;
        const mastery_percent =
            launch_data.mastery_score !== null
                ? launch_data.mastery_score * 100
                : (package_mastery_percent(win.document) ?? page_embed_config().quiz.mastery);
        const duration_ms = now() - started_ms;
        const sent = status.get();
        if (mastery_percent !== null && !sent.passed) {
            if (percent >= mastery_percent) {
                add((f) => f.passed(percent, duration_ms));
                status.set({ passed: true });
            } else {
                add((f) => f.failed(percent, duration_ms));
            }
        }
        if (!sent.completed) {
            add((f) => f.completed(duration_ms));
            status.set({ completed: true });
        }
    }

    return {
        version: 'cmi5',
        learner_id: launch.learner_id,
        // What is waiting to be sent (for tests and the curious).
        pending_statements: () => queue.pending() + waiting.length,
        // quiz, learn: what mount_quiz and mount_learn return (or null).
        attach({ quiz, on_learning_event }) {
            // What the learner went through, in the page's language.
            const experienced = (kind, id, name_key) =>
                add((f) => f.experienced(kind, id, t(name_key), page_language()));
            on_learning_event('learn.chapter_read', (event) =>
                experienced('chapters', event.chapter_id, `learn.chapters.${event.chapter_id}.title`)
            );
            on_learning_event('labs.run_finished', (event) =>
                experienced('labs', event.lab_id, `labs.names.${event.lab_id}`)
            );
            on_learning_event('trainer.run_finished', () => experienced('training', 'run', 'trainer.nav'));
            if (!quiz) return { mode: 'cmi5', restored: false };
            quiz.set_graded_by_platform(true);
            const on_shipped_bank = () => !terminated && quiz.in_shipped_bank();
            on_learning_event('quiz.answered', (event) => {
                if (!on_shipped_bank()) return;
                const record = answer_record(event, shipped_questions.get(event.question_id), {
                    at_ms: now(),
                    language: page_language(),
                });
                if (record) add((f) => f.answered(record));
            });
            on_learning_event('learn.flashcard_graded', (event) => {
                if (!on_shipped_bank()) return;
                const graded = flashcard_answer(event);
                const record =
                    graded && answer_record(graded.event, graded.question, { at_ms: now(), language: page_language() });
                if (record) add((f) => f.answered(record));
            });
            on_learning_event('quiz.completed', (event) => {
                if (!on_shipped_bank()) return;
                // Practice after the last graded attempt is not reported; the score is the
                // one the instructor's rule counts (quiz/quiz_rules.js), else this session's.
                if (event.graded === false) return;
                const percent = event.counted_percent ?? event.percent;
                // A platform may launch before its launch data arrives: judged once it is in.
                if (launch_data) record_result(percent);
                else
                    add((f) => {
                        record_result(percent);
                        return null;
                    });
            });
            return { mode: 'cmi5', restored: false };
        },
    };
}

function safe_local_storage(win) {
    try {
        return win.localStorage ?? null;
    } catch {
        return null;
    }
}

// The page's notice line (index.html #notice), in the learner's language.
function show_problem(doc, key) {
    const notice = doc?.getElementById?.('notice');
    if (!notice) return;
    notice.textContent = t(key);
    notice.hidden = false;
}
