// A cmi5 platform for the browser tests, on 127.0.0.1: it serves the unzipped package
// (the launch), a fetch URL per session (one auth token, once), the LMS.LaunchData state
// document and a statement endpoint (POST, one statement or an array; with CORS, so a
// package served from another origin can reach it). Every statement received is kept
// with the session it came in, and requests without the token or the xAPI version
// header are refused, as a learning record store refuses them. Plus the xAPI 1.0.3 and
// cmi5 checks a statement must pass.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const content_types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm',
    '.xml': 'application/xml',
    '.md': 'text/markdown',
};
export const sessionid_extension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const masteryscore_extension = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
export const cmi5_category = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const moveon_category = 'https://w3id.org/xapi/cmi5/context/categories/moveon';

// content_dir: the unzipped package, served under /content/ (null: serve none).
export function start_mock_platform({
    content_dir = null,
    activity_id,
    publisher_id = 'urn:relu-lab:course',
    mastery_score = 0.5,
    move_on = 'CompletedAndPassed',
    launch_mode = 'Normal',
}) {
    const sessions = new Map(); // fetch id -> { token, session_id, used }
    const tokens = new Map(); // token -> session
    const statements = []; // { statement, session_id, batch }
    const requests = [];
    let batches = 0;
    let unreachable = false; // statement requests get no answer (the connection drops)
    const root = content_dir ? resolve(content_dir) : null;

    const cors = (request) => ({
        'access-control-allow-origin': request.headers.origin ?? '*',
        'access-control-allow-headers': 'Authorization, Content-Type, X-Experience-API-Version',
        'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    });
    const json = (request, response, status, body) =>
        response.writeHead(status, { 'content-type': 'application/json', ...cors(request) }).end(JSON.stringify(body));
    const read_body = (request) =>
        new Promise((r) => {
            const chunks = [];
            request.on('data', (c) => chunks.push(c));
            request.on('end', () => r(Buffer.concat(chunks).toString('utf8')));
        });
    // The session whose token the request carries, or null (then it was answered 401).
    function authorised(request, response) {
        const token = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        const session = token ? tokens.get(token) : null;
        if (!session) {
            json(request, response, 401, { error: 'no valid token' });
            return null;
        }
        if (request.headers['x-experience-api-version'] !== '1.0.3') {
            json(request, response, 400, { error: 'X-Experience-API-Version 1.0.3 missing' });
            return null;
        }
        return session;
    }

    const server = createServer(async (request, response) => {
        const url = new URL(request.url, 'http://127.0.0.1');
        requests.push(`${request.method} ${url.pathname}`);
        if (request.method === 'OPTIONS') {
            response.writeHead(204, cors(request)).end();
            return;
        }
        if (url.pathname.startsWith('/content/') && request.method === 'GET' && root) {
            const file = normalize(join(root, decodeURIComponent(url.pathname.slice('/content/'.length))));
            try {
                if (!file.startsWith(root + sep) || !statSync(file).isFile()) throw new Error('not a file');
            } catch {
                response.writeHead(404).end();
                return;
            }
            response.writeHead(200, {
                'content-type': content_types[extname(file)] ?? 'application/octet-stream',
                'cache-control': 'no-cache',
            });
            createReadStream(file).pipe(response);
            return;
        }
        const fetch_id = /^\/fetch\/([\w-]+)$/.exec(url.pathname)?.[1];
        if (fetch_id && request.method === 'POST') {
            const session = sessions.get(fetch_id);
            if (!session) return json(request, response, 404, { 'error-code': '3', 'error-text': 'unknown fetch URL' });
            if (session.used)
                return json(request, response, 200, {
                    'error-code': '1',
                    'error-text': 'the fetch URL was used already',
                });
            session.used = true;
            return json(request, response, 200, { 'auth-token': session.token });
        }
        if (url.pathname === '/lrs/activities/state' && request.method === 'GET') {
            const session = authorised(request, response);
            if (!session) return;
            if (
                url.searchParams.get('stateId') !== 'LMS.LaunchData' ||
                url.searchParams.get('activityId') !== activity_id ||
                url.searchParams.get('registration') !== session.registration
            ) {
                return json(request, response, 404, { error: 'no such state document' });
            }
            return json(request, response, 200, {
                contextTemplate: {
                    contextActivities: { grouping: [{ id: publisher_id, objectType: 'Activity' }] },
                    extensions: { [sessionid_extension]: session.session_id },
                },
                launchMode: launch_mode,
                launchMethod: 'AnyWindow',
                moveOn: move_on,
                masteryScore: mastery_score,
                returnURL: 'http://127.0.0.1/return',
            });
        }
        if (url.pathname === '/lrs/statements' && request.method === 'POST') {
            if (unreachable) {
                request.socket.destroy();
                return;
            }
            const session = authorised(request, response);
            if (!session) return;
            let body;
            try {
                body = JSON.parse(await read_body(request));
            } catch {
                return json(request, response, 400, { error: 'not JSON' });
            }
            const list = Array.isArray(body) ? body : [body];
            const batch = ++batches;
            for (const statement of list) {
                const known = statements.find((s) => s.statement.id === statement.id);
                if (known && JSON.stringify(known.statement) !== JSON.stringify(statement))
                    return json(request, response, 409, { error: `statement ${statement.id} differs` });
            }
            for (const statement of list) {
                // session_id: the session the statement says it belongs to (a page closed
                // offline sends its statements at the next launch, with that launch's token).
                if (!statements.some((s) => s.statement.id === statement.id))
                    statements.push({
                        statement,
                        session_id: statement.context?.extensions?.[sessionid_extension] ?? null,
                        token_session_id: session.session_id,
                        batch,
                    });
            }
            return json(
                request,
                response,
                200,
                list.map((s) => s.id)
            );
        }
        response.writeHead(404).end();
    });

    return new Promise((resolve_start) => {
        server.listen(0, '127.0.0.1', () => {
            const origin = `http://127.0.0.1:${server.address().port}`;
            resolve_start({
                origin,
                statements,
                requests,
                // A new session of the registration: the launch address of the unit.
                launch_url({ content_url, actor, registration }) {
                    const fetch_id = randomUUID();
                    const session = {
                        token: randomUUID().replaceAll('-', ''),
                        session_id: randomUUID(),
                        registration,
                        used: false,
                    };
                    sessions.set(fetch_id, session);
                    tokens.set(session.token, session);
                    const params = new URLSearchParams({
                        endpoint: `${origin}/lrs/`,
                        fetch: `${origin}/fetch/${fetch_id}`,
                        actor: JSON.stringify(actor),
                        registration,
                        activityId: activity_id,
                    });
                    return {
                        url: `${content_url}${content_url.includes('?') ? '&' : '?'}${params}`,
                        session_id: session.session_id,
                    };
                },
                // The record store cannot be reached (also by a request that outlives its page).
                set_unreachable(value) {
                    unreachable = value;
                },
                close: () =>
                    new Promise((r) => {
                        server.closeAllConnections?.();
                        server.close(r);
                    }),
            });
        });
    });
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iri = /^[a-z][a-z0-9+.-]*:\S+$/i;
const iso_duration = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const iso_timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const defined_verbs = {
    initialized: 'http://adlnet.gov/expapi/verbs/initialized',
    completed: 'http://adlnet.gov/expapi/verbs/completed',
    passed: 'http://adlnet.gov/expapi/verbs/passed',
    failed: 'http://adlnet.gov/expapi/verbs/failed',
    terminated: 'http://adlnet.gov/expapi/verbs/terminated',
};
const allowed_verbs = {
    answered: 'http://adlnet.gov/expapi/verbs/answered',
    experienced: 'http://adlnet.gov/expapi/verbs/experienced',
};
export const verb_name = (statement) =>
    Object.entries({ ...defined_verbs, ...allowed_verbs }).find(([, id]) => id === statement.verb.id)?.[0] ??
    statement.verb.id;
const interaction_types = [
    'true-false',
    'choice',
    'fill-in',
    'long-fill-in',
    'matching',
    'performance',
    'sequencing',
    'likert',
    'numeric',
    'other',
];

// The xAPI 1.0.3 rules that matter here, and cmi5's rules for each statement.
export function check_statement(
    statement,
    { actor, registration, activity_id, session_id, publisher_id, mastery_score }
) {
    const name = verb_name(statement);
    const label = `${name} ${statement.id}`;
    assert.match(statement.id, uuid, `${label}: id`);
    assert.deepEqual(statement.actor, { objectType: 'Agent', ...actor }, `${label}: actor`);
    assert.ok(
        Object.values({ ...defined_verbs, ...allowed_verbs }).includes(statement.verb.id),
        `${label}: a known verb IRI`
    );
    assert.equal(typeof statement.verb.display?.['en-US'], 'string', `${label}: verb display`);
    assert.match(statement.object.id, iri, `${label}: object id is an IRI`);
    assert.equal(statement.object.objectType, 'Activity', label);
    assert.match(statement.timestamp, iso_timestamp, `${label}: timestamp`);
    assert.ok(Number.isFinite(Date.parse(statement.timestamp)), `${label}: timestamp parses`);
    const context = statement.context;
    assert.equal(context.registration, registration, `${label}: registration`);
    assert.equal(
        context.extensions?.[sessionid_extension],
        session_id,
        `${label}: session id from the context template`
    );
    assert.ok(
        context.contextActivities.grouping.some((a) => a.id === publisher_id),
        `${label}: the template's grouping`
    );
    const categories = (context.contextActivities.category ?? []).map((a) => a.id);
    const result = statement.result;
    if (result?.duration !== undefined) assert.match(result.duration, iso_duration, `${label}: ISO 8601 duration`);
    if (result?.score) {
        const { scaled, raw, min, max } = result.score;
        assert.ok(scaled >= -1 && scaled <= 1, `${label}: scaled in [-1, 1]`);
        assert.ok(min <= raw && raw <= max, `${label}: min <= raw <= max`);
        assert.ok(Math.abs(scaled - raw / 100) < 1e-9, `${label}: scaled = raw / 100`);
    }
    if (name in defined_verbs) {
        assert.equal(statement.object.id, activity_id, `${label}: about the unit`);
        assert.ok(categories.includes(cmi5_category), `${label}: the cmi5 category`);
        if (name !== 'initialized') assert.match(result?.duration ?? '', iso_duration, `${label}: a duration`);
        if (['completed', 'passed', 'failed'].includes(name))
            assert.ok(categories.includes(moveon_category), `${label}: the moveOn category`);
        if (name === 'completed') assert.equal(result.completion, true, label);
        if (name === 'passed' || name === 'failed') {
            assert.equal(result.success, name === 'passed', label);
            assert.equal(context.extensions[masteryscore_extension], mastery_score, `${label}: the mastery score`);
            assert.equal(
                result.score.scaled >= mastery_score,
                name === 'passed',
                `${label}: judged against the mastery score`
            );
        }
    } else {
        assert.ok(!categories.includes(cmi5_category), `${label}: an allowed statement has no cmi5 category`);
        assert.ok(statement.object.id.startsWith(`${activity_id}/`), `${label}: under the unit's id`);
        if (name === 'answered') {
            assert.equal(
                statement.object.definition.type,
                'http://adlnet.gov/expapi/activities/cmi.interaction',
                label
            );
            assert.ok(
                interaction_types.includes(statement.object.definition.interactionType),
                `${label}: interaction type`
            );
            assert.equal(typeof result.success, 'boolean', `${label}: right or wrong`);
            assert.equal(typeof result.response, 'string', `${label}: the response`);
        }
    }
}

// cmi5's order within one session: initialized first, terminated last, passed at most
// once and not after failed... (9.3), and timestamps that never go back.
export function check_session_order(names, timestamps) {
    assert.equal(names[0], 'initialized', `first: ${names.join(' ')}`);
    assert.equal(names.at(-1), 'terminated', `last: ${names.join(' ')}`);
    assert.equal(names.filter((n) => n === 'initialized').length, 1);
    assert.equal(names.filter((n) => n === 'terminated').length, 1);
    assert.ok(names.filter((n) => n === 'passed').length <= 1, 'passed at most once');
    assert.ok(names.filter((n) => n === 'completed').length <= 1, 'completed at most once');
    const passed_at = names.indexOf('passed');
    if (passed_at >= 0) assert.ok(!names.slice(passed_at + 1).includes('failed'), 'no failed after passed');
    for (let i = 1; i < timestamps.length; i++)
        assert.ok(
            Date.parse(timestamps[i]) >= Date.parse(timestamps[i - 1]),
            `timestamps in order at ${i}: ${names[i - 1]} ${names[i]}`
        );
}
