// Messages between an embedded page and the page that frames it (schema and examples:
// web/docs/embedding.md).
// Out: every learning event (web/events/learning_events.js) as
//   { type: 'relu-lab:<event name>', version: 1, ...payload }, e.g. 'relu-lab:quiz.answered'
//   (a payload field called `type` is sent as `question_type`),
// so events that sections add later are forwarded without a change here.
// In: only from our parent window (and only from parent_origin when the address names
// one); a message must be a small plain object of a known type with short primitive
// fields, anything else is dropped unread. Content is only ever compared or passed to
// set_language; it never reaches the DOM, eval or innerHTML.
// A parent_origin that is not an origin is refused, and then nothing goes out and
// nothing comes in: an instructor who asked for one LMS only must not get "anyone who
// frames the page" because of a typo. One console warning names the value.
export const message_version = 1;
const max_fields = 8;
const max_string_chars = 128;
const incoming_types = new Set(['relu-lab:set-language', 'relu-lab:get-state']);

function is_plain_object(value) {
    if (value === null || typeof value !== 'object') return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

function is_small_primitive(value) {
    return (
        value === null ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.length <= max_string_chars)
    );
}

// event.data -> a clean { type, ...fields } of a known type, or null.
export function read_incoming_message(data) {
    if (!is_plain_object(data)) return null;
    const keys = Object.keys(data);
    if (keys.length > max_fields || !incoming_types.has(data.type)) return null;
    const out = {};
    for (const key of keys) {
        if (key.length > 32 || key === '__proto__' || !is_small_primitive(data[key])) return null;
        out[key] = data[key];
    }
    if (out.type === 'relu-lab:set-language' && typeof out.lang !== 'string') return null;
    if ('request_id' in out && typeof out.request_id !== 'string' && typeof out.request_id !== 'number') return null;
    return out;
}

// A learning event -> the message posted to the parent.
export function outgoing_event_message(event) {
    const message = { type: `relu-lab:${event.name}`, version: message_version };
    for (const [key, value] of Object.entries(event)) {
        if (key === 'name' || key === 'version' || !is_small_primitive(value)) continue;
        // The event's own `type` (the question type) must not replace the message type.
        message[key === 'type' ? 'question_type' : key] = value;
    }
    return message;
}

// The target origin of messages to the parent: the parent_origin the address names, '*'
// when it names none, or null (send nothing) when the one it names was refused.
export function message_target_origin(config) {
    if (config.parent_origin_refused !== null && config.parent_origin_refused !== undefined) return null;
    return config.parent_origin ?? '*';
}

// (message) => void, posting to the parent at message_target_origin(config); a no-op when
// that is null or the page is not framed.
export function parent_poster(win, config) {
    const target_origin = message_target_origin(config);
    if (!config.framed || target_origin === null) return () => {};
    return (message) => {
        try {
            win.parent.postMessage(message, target_origin);
        } catch {
            // A parent gone or refusing: the page keeps working on its own.
        }
    };
}

// win: this window; config: embed_config(); hooks: { on_learning_event, set_language,
// language, get_state, report_resize }. Returns { post } (no-op when not framed, or when
// parent_origin was refused).
export function start_parent_messages(win, config, hooks) {
    if (message_target_origin(config) === null) {
        console.warn(
            `ReLU Lab: parent_origin=${JSON.stringify(config.parent_origin_refused)} is not an origin such as https://lms.example.org, ` + // i18n-exempt: console, for developers
                'so the page sends no messages to the page that frames it and accepts none from it.'
        ); // i18n-exempt: console, for developers
        return { post() {}, host_origin: () => null };
    }
    if (!config.framed) return { post() {}, host_origin: () => null };
    let host_origin = null;
    const post = parent_poster(win, config);
    hooks.on_learning_event('*', (event) => post(outgoing_event_message(event)));

    win.addEventListener('message', async (event) => {
        if (event.source !== win.parent) return;
        if (config.parent_origin && event.origin !== config.parent_origin) return;
        const message = read_incoming_message(event.data);
        if (!message) return;
        host_origin ??= event.origin;
        const reply = (body) => {
            try {
                event.source.postMessage(
                    {
                        ...body,
                        version: message_version,
                        ...('request_id' in message ? { request_id: message.request_id } : {}),
                    },
                    event.origin === 'null' ? '*' : event.origin
                );
            } catch {
                // nowhere to reply
            }
        };
        if (message.type === 'relu-lab:set-language') {
            const ok = await hooks.set_language(message.lang);
            reply({ type: 'relu-lab:language', ok, lang: hooks.language() });
            hooks.report_resize();
        } else if (message.type === 'relu-lab:get-state') {
            reply({ type: 'relu-lab:state', host_origin, ...hooks.get_state() });
            hooks.report_resize();
        }
    });
    return { post, host_origin: () => host_origin };
}
