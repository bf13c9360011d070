// The cmi5 launch (cmi5 spec, section 8): a platform that launches an assignable unit
// appends five parameters to its address, and the unit then
//   1. POSTs once to the fetch URL and gets its auth token ({ "auth-token": ... }),
//   2. GETs the LMS.LaunchData state document (launch mode, mastery score, moveOn, the
//      context template every statement must carry),
// and from then on sends xAPI statements to the endpoint with "Authorization: Basic <token>".
// Values are checked here and nowhere else; nothing is fetched from anywhere but the
// endpoint and the fetch URL the platform named.
export const xapi_version = '1.0.3';
const uuid_pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const max_param_chars = 2048;

function http_url(text) {
    try {
        const url = new URL(text);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
    } catch {
        return null;
    }
}

// An Agent as xAPI 1.0.3 identifies one: exactly one of account { homePage, name }, mbox,
// mbox_sha1sum, openid. cmi5 platforms send an account.
function agent_or_null(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    const agent = { objectType: 'Agent' };
    if (typeof value.name === 'string') agent.name = value.name.slice(0, 256);
    const account = value.account;
    if (
        account &&
        typeof account.homePage === 'string' &&
        typeof account.name === 'string' &&
        http_url(account.homePage) &&
        account.name !== ''
    ) {
        agent.account = { homePage: account.homePage, name: account.name };
    } else if (typeof value.mbox === 'string' && /^mailto:[^@\s]+@[^@\s]+$/.test(value.mbox)) {
        agent.mbox = value.mbox;
    } else {
        return null;
    }
    return agent;
}

// location.search -> { endpoint, fetch_url, actor, registration, activity_id, learner_id }
// or null when the page was not launched the cmi5 way (or a parameter is not valid).
export function read_cmi5_launch(search) {
    if (typeof search !== 'string' || search.length > 4 * max_param_chars) return null;
    const params = new URLSearchParams(search);
    const get = (name) => {
        const value = params.get(name);
        return value !== null && value.length <= max_param_chars ? value : null;
    };
    const endpoint = http_url(get('endpoint') ?? '');
    const fetch_url = http_url(get('fetch') ?? '');
    const registration = get('registration');
    const activity_id = get('activityId');
    let actor = null;
    try {
        actor = agent_or_null(JSON.parse(get('actor') ?? 'null'));
    } catch {
        actor = null;
    }
    if (
        !endpoint ||
        !fetch_url ||
        !actor ||
        !registration ||
        !uuid_pattern.test(registration) ||
        !activity_id ||
        !/^[a-z][a-z0-9+.-]*:\S+$/i.test(activity_id)
    )
        return null;
    const endpoint_text = endpoint.href.endsWith('/') ? endpoint.href : `${endpoint.href}/`;
    const learner_id = actor.account ? `${actor.account.homePage}#${actor.account.name}` : actor.mbox;
    return Object.freeze({
        endpoint: endpoint_text,
        fetch_url: fetch_url.href,
        actor,
        registration: registration.toLowerCase(),
        activity_id,
        learner_id,
    });
}

// The cmi5 failures a learner can be told about, by kind.
export class cmi5_error extends Error {
    constructor(kind, detail) {
        super(`${kind}: ${detail}`);
        this.kind = kind; // 'offline' (try again later) or 'refused' (the platform said no)
    }
}

// POST to the fetch URL -> the auth token. Network trouble is 'offline' (the fetch URL was
// not used up, so it can be tried again); an answer with an error code is 'refused'.
export async function fetch_auth_token(launch, { fetch_impl }) {
    let response;
    try {
        response = await fetch_impl(launch.fetch_url, { method: 'POST', cache: 'no-store', credentials: 'omit' });
    } catch (error) {
        throw new cmi5_error('offline', String(error));
    }
    let body = null;
    try {
        body = await response.json();
    } catch {
        body = null;
    }
    const token = body?.['auth-token'];
    if (!response.ok || typeof token !== 'string' || token === '') {
        throw new cmi5_error(
            'refused',
            `fetch URL answered ${response.status} ${body?.['error-code'] ?? ''} ${String(body?.['error-text'] ?? '').slice(0, 200)}`
        );
    }
    return token;
}

export function xapi_headers(token) {
    return { Authorization: `Basic ${token}`, 'X-Experience-API-Version': xapi_version };
}

// The launch data the platform keeps for this registration, checked: { launch_mode,
// mastery_score (0-1 or null), move_on, context_template, return_url }.
export async function fetch_launch_data(launch, token, { fetch_impl }) {
    const query = new URLSearchParams({
        stateId: 'LMS.LaunchData',
        activityId: launch.activity_id,
        agent: JSON.stringify(launch.actor),
        registration: launch.registration,
    });
    let response;
    try {
        response = await fetch_impl(`${launch.endpoint}activities/state?${query}`, {
            headers: xapi_headers(token),
            cache: 'no-store',
            credentials: 'omit',
        });
    } catch (error) {
        throw new cmi5_error('offline', String(error));
    }
    let data = null;
    try {
        data = response.ok ? await response.json() : null;
    } catch {
        data = null;
    }
    const template = data?.contextTemplate;
    if (!data || typeof data !== 'object' || !template || typeof template !== 'object')
        throw new cmi5_error('refused', `LMS.LaunchData: ${response.status}`);
    const mastery =
        typeof data.masteryScore === 'number' && data.masteryScore >= 0 && data.masteryScore <= 1
            ? data.masteryScore
            : null;
    const modes = ['Normal', 'Browse', 'Review'];
    const move_on_values = ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'];
    return Object.freeze({
        launch_mode: modes.includes(data.launchMode) ? data.launchMode : 'Normal',
        mastery_score: mastery,
        move_on: move_on_values.includes(data.moveOn) ? data.moveOn : 'NotApplicable',
        context_template: JSON.parse(JSON.stringify(template)),
        return_url: typeof data.returnURL === 'string' && http_url(data.returnURL) ? data.returnURL : null,
    });
}
