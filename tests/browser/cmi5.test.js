// The cmi5 package (build-scripts/package-cmi5.mjs) in real Chromium, launched the cmi5
// way by a mock platform on 127.0.0.1 (tests/support/cmi5_platform.js: launch, fetch URL,
// launch data, statement endpoint). A learner reads a chapter and answers a quiz session,
// going offline in the middle: every statement arrives (none lost, none twice), each
// passes the xAPI 1.0.3 and cmi5 checks (actor, verb IRI, object id, result, registration,
// session id, timestamp, durations), in cmi5's order. A page left while offline keeps its
// statements in the browser, and the next launch of the registration sends them before
// its own. A record store on another origin is reached when the package names it. The
// page requests nothing but its own files and the platform's endpoint and fetch URL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { unzipSync } from 'fflate';

import { cmi5_flags, cmi5_package } from '../../build-scripts/package-cmi5.mjs';
import { read_options } from '../../build-scripts/package-site.mjs';
import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, launch_browser, open_page } from '../support/browser.js';
import { check_session_order, check_statement, start_mock_platform, verb_name } from '../support/cmi5_platform.js';
import { answer_any } from '../support/scorm_host.js';

const activity_id = 'urn:relu-lab:course/au';
const publisher_id = 'urn:relu-lab:course';
const mastery_score = 0.5;

function unpack(bytes, dir) {
    const files = unzipSync(new Uint8Array(bytes));
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), content);
    }
    return Object.keys(files);
}

const learner = (name) => ({ account: { homePage: 'https://lms.example.org', name }, name: `Learner ${name}` });

async function launch(context, platform, { actor, registration }) {
    const { url, session_id } = platform.launch_url({
        content_url: `${platform.origin}/content/index.html`,
        actor,
        registration,
    });
    const opened = await open_page(context, url);
    await opened.page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
    assert.equal(await opened.page.getAttribute('html', 'data-scorm'), 'cmi5');
    return { ...opened, session_id };
}

async function start_session(page, size = '5') {
    await page.selectOption('#quiz-session-size', size);
    await page.click('#quiz-start button[type="submit"]');
}

const received = (platform, session_id) =>
    platform.statements.filter((s) => s.session_id === session_id).map((s) => s.statement);
const wait_for = async (predicate, what) => {
    for (let i = 0; i < 600; i++) {
        if (predicate()) return;
        await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`waited 60 s for ${what}`);
};

describe('cmi5 package', () => {
    let dir;
    let names;
    let platform;
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'relu-lab-cmi5-'));
        let zip;
        try {
            zip = readFileSync(join(dist_dir, 'relu-lab-cmi5.zip'));
        } catch {
            assert.fail(
                'relu-lab-cmi5.zip is missing: run build-scripts/build.sh (or node build-scripts/package-cmi5.mjs)'
            );
        }
        console.log(`relu-lab-cmi5.zip: ${zip.length} bytes`);
        names = unpack(zip, join(dir, 'pkg'));
        platform = await start_mock_platform({
            content_dir: join(dir, 'pkg'),
            activity_id,
            publisher_id,
            mastery_score,
        });
    });
    after(async () => {
        await platform?.close();
    });

    test('cmi5.xml: one assignable unit launching index.html, moveOn and masteryScore from the packaging options', () => {
        const xml = readFileSync(join(dir, 'pkg', 'cmi5.xml'), 'utf8');
        assert.match(
            xml,
            /<courseStructure xmlns="https:\/\/w3id\.org\/xapi\/profiles\/cmi5\/v1\/CourseStructure\.xsd">/
        );
        assert.match(xml, /<course id="urn:relu-lab:course">/);
        const units = [...xml.matchAll(/<au [^>]*>/g)];
        assert.equal(units.length, 1);
        assert.match(units[0][0], /id="urn:relu-lab:course\/au"/);
        assert.match(units[0][0], /moveOn="CompletedAndPassed"/);
        assert.match(units[0][0], /masteryScore="0\.80"/);
        assert.match(xml, /<url>index\.html<\/url>/);
        assert.ok(names.includes('index.html') && names.includes('app.js'));
        const other = cmi5_package(
            read_options(
                [
                    '--mastery-score',
                    '65',
                    '--move-on',
                    'Passed',
                    '--sections',
                    'quiz',
                    '--title',
                    'Quiz <1>',
                    '--course-id',
                    'https://example.org/relu',
                ],
                cmi5_flags
            )
        );
        const other_xml = new TextDecoder().decode(unzipSync(other.bytes)['cmi5.xml']);
        assert.match(other_xml, /<au id="https:\/\/example\.org\/relu\/au" moveOn="Passed" masteryScore="0\.65"/);
        assert.match(other_xml, /<url>index\.html\?sections=quiz<\/url>/);
        assert.match(other_xml, /<langstring lang="en-US">Quiz &lt;1&gt;<\/langstring>/);
        // The page may talk to a record store on any https address (the one named at launch).
        assert.match(readFileSync(join(dir, 'pkg', 'index.html'), 'utf8'), /connect-src 'self' data: blob: https:;/);
    });

    test("a session with the network gone in the middle: every statement arrives, valid, in cmi5's order", async () => {
        const browser = await launch_browser();
        try {
            const actor = learner('ada');
            const registration = randomUUID();
            const { page, errors, requests, session_id } = await launch(browser.context, platform, {
                actor,
                registration,
            });
            await wait_for(
                () => received(platform, session_id).some((s) => verb_name(s) === 'initialized'),
                'initialized'
            );
            // A chapter read to its end (its "next" link): experienced.
            const chapter = await page.evaluate(() => globalThis.relu_lab.learn.current());
            await page.click('#learn .learn-next');
            await wait_for(
                () => received(platform, session_id).some((s) => verb_name(s) === 'experienced'),
                'experienced'
            );
            await start_session(page);
            const verdicts = [await answer_any(page.mainFrame()), await answer_any(page.mainFrame())];
            await wait_for(
                () => received(platform, session_id).filter((s) => verb_name(s) === 'answered').length === 2,
                'two answers'
            );
            await browser.context.setOffline(true);
            for (let i = 0; i < 3; i++) verdicts.push(await answer_any(page.mainFrame()));
            await page.waitForFunction(() => document.activeElement?.id === 'quiz-summary-title');
            // Offline, nothing more arrives; it waits in the browser.
            assert.equal(received(platform, session_id).filter((s) => verb_name(s) === 'answered').length, 2);
            assert.ok(
                await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('relu-lab.cmi5.queue.'))),
                'queued in storage'
            );
            await browser.context.setOffline(false);
            await wait_for(
                () => received(platform, session_id).some((s) => verb_name(s) === 'completed'),
                'the rest after reconnecting'
            );
            await page.evaluate(() => {
                location.href = 'about:blank';
            });
            await wait_for(
                () => received(platform, session_id).some((s) => verb_name(s) === 'terminated'),
                'terminated'
            );

            const statements = received(platform, session_id);
            const names_in_order = statements.map(verb_name);
            const right = verdicts.filter(Boolean).length;
            const percent = Math.round((100 * right) / 5);
            console.log(
                `cmi5 session: ${names_in_order.join(', ')} (${percent} %), in ${new Set(platform.statements.filter((s) => s.session_id === session_id).map((s) => s.batch)).size} requests`
            );
            for (const statement of statements)
                check_statement(statement, {
                    actor,
                    registration,
                    activity_id,
                    session_id,
                    publisher_id,
                    mastery_score,
                });
            check_session_order(
                names_in_order,
                statements.map((s) => s.timestamp)
            );
            assert.deepEqual(names_in_order, [
                'initialized',
                'experienced',
                'answered',
                'answered',
                'answered',
                'answered',
                'answered',
                percent >= 50 ? 'passed' : 'failed',
                'completed',
                'terminated',
            ]);
            const read = statements.find((s) => verb_name(s) === 'experienced');
            assert.equal(read.object.id, `${activity_id}/chapters/${chapter}`);
            assert.match(read.object.definition.name.en, /\S/);
            const answered = statements.filter((s) => verb_name(s) === 'answered');
            assert.deepEqual(
                answered.map((s) => s.result.success),
                verdicts,
                'each answer with its result'
            );
            for (const s of answered) assert.match(s.result.duration, /^PT/);
            const judged = statements.find((s) => ['passed', 'failed'].includes(verb_name(s)));
            assert.equal(judged.result.score.raw, percent);
            assert.equal(
                new Set(platform.statements.map((s) => s.statement.id)).size,
                platform.statements.length,
                'none twice'
            );
            // Only the page's own files, the fetch URL and the endpoint.
            assert.deepEqual(
                requests.filter(
                    (r) =>
                        !r.startsWith(`${platform.origin}/`) &&
                        !r.startsWith('data:') &&
                        !r.startsWith('blob:') &&
                        r !== 'about:blank'
                ),
                []
            );
            assert.deepEqual(
                errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)),
                []
            );
        } finally {
            await browser.close();
        }
    });

    test('a page left while offline: its statements wait in the browser and go first at the next launch', async () => {
        const browser = await launch_browser();
        try {
            const actor = learner('grace');
            const registration = randomUUID();
            const first = await launch(browser.context, platform, { actor, registration });
            await wait_for(
                () => received(platform, first.session_id).some((s) => verb_name(s) === 'initialized'),
                'initialized'
            );
            await start_session(first.page);
            await browser.context.setOffline(true);
            // Offline emulation does not hold back a request that outlives its page: the
            // record store drops those itself.
            platform.set_unreachable(true);
            await answer_any(first.page.mainFrame());
            await answer_any(first.page.mainFrame());
            // The learner leaves (pagehide) while offline.
            await first.page.evaluate(() => {
                location.href = 'about:blank';
            });
            await first.page.waitForURL('about:blank');
            await browser.context.setOffline(false);
            assert.deepEqual(
                received(platform, first.session_id).map(verb_name),
                ['initialized'],
                'nothing arrived while offline'
            );

            // The next launch; the store is reachable again once it runs (a late request of
            // the page that left still finds it unreachable).
            const second = await launch(browser.context, platform, { actor, registration });
            platform.set_unreachable(false);
            await wait_for(
                () => received(platform, second.session_id).some((s) => verb_name(s) === 'initialized'),
                'the second session'
            );
            await wait_for(
                () => received(platform, first.session_id).some((s) => verb_name(s) === 'terminated'),
                "the first session's statements"
            );
            const first_names = received(platform, first.session_id).map(verb_name);
            assert.deepEqual(first_names, ['initialized', 'answered', 'answered', 'terminated']);
            for (const statement of received(platform, first.session_id))
                check_statement(statement, {
                    actor,
                    registration,
                    activity_id,
                    session_id: first.session_id,
                    publisher_id,
                    mastery_score,
                });
            // The first session's statements reached the store before the second's.
            const order = platform.statements.filter(
                (s) => s.session_id === first.session_id || s.session_id === second.session_id
            );
            const last_of_first = order.findLastIndex(
                (s) =>
                    s.statement.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid'] ===
                    first.session_id
            );
            const first_of_second = order.findIndex(
                (s) =>
                    s.statement.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid'] ===
                    second.session_id
            );
            assert.ok(last_of_first < first_of_second, 'the older session first');
            // The browser's own line for the request the unreachable store dropped: an empty
            // response, or a reset when the store closed the socket before reading the whole
            // body (the kernel then answers with RST; seen once in CI).
            assert.deepEqual(
                second.errors.filter((e) => !/net::ERR_(EMPTY_RESPONSE|CONNECTION_RESET)/.test(e)),
                []
            );
        } finally {
            await browser.close();
        }
    });

    test('a record store on another origin: reached (CORS) when the package names it; the page asks nothing of any other', async () => {
        const store = await start_mock_platform({ activity_id, publisher_id, mastery_score });
        const other_dir = join(dir, 'other-origin');
        unpack(cmi5_package(read_options(['--lrs-origin', store.origin], cmi5_flags)).bytes, other_dir);
        const content = await start_static_server(other_dir);
        const browser = await launch_browser();
        try {
            assert.match(
                readFileSync(join(other_dir, 'index.html'), 'utf8'),
                new RegExp(`connect-src 'self' data: blob: ${store.origin};`)
            );
            const actor = learner('lin');
            const registration = randomUUID();
            const { url, session_id } = store.launch_url({
                content_url: `${content.url}index.html`,
                actor,
                registration,
            });
            const { page, errors, requests } = await open_page(browser.context, url);
            await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
            await start_session(page);
            await answer_any(page.mainFrame());
            await page.evaluate(() => {
                location.href = 'about:blank';
            });
            await wait_for(() => received(store, session_id).some((s) => verb_name(s) === 'terminated'), 'terminated');
            assert.deepEqual(received(store, session_id).map(verb_name), ['initialized', 'answered', 'terminated']);
            const foreign = requests.filter(
                (r) => !r.startsWith(content.url) && !r.startsWith(`${store.origin}/`) && !/^(data|blob|about):/.test(r)
            );
            assert.deepEqual(foreign, []);
            assert.ok(
                requests.some((r) => r.startsWith(`${store.origin}/fetch/`)) &&
                    requests.some((r) => r.startsWith(`${store.origin}/lrs/statements`))
            );
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
            await content.close();
            await store.close();
        }
    });
});
