// The SCORM 1.2 package (build-scripts/package-scorm.mjs) in real Chromium: a host page
// provides the LMS API with scorm-again's Scorm12API and launches the unzipped package in
// a frame. The learner completes a quiz session on the bank shipped in the package;
// score, status, commits and finish are recorded in the LMS, and a relaunch with the
// saved suspend_data (in a fresh browser profile, so nothing comes from local storage)
// brings the progress back. Every answer is committed (throttled, with a trailing
// commit), a stale platform copy is merged with newer local progress card by card, two
// learners on one origin never see each other's progress, and a learner's own bank is
// practice that is never graded. Without an LMS the package runs standalone, served and
// from file://. In scorm-again's LMS with strict errors (tests/support/scorm_host.js):
// every answer of a session of all six question types is an interaction in SCORM 1.2's
// vocabulary, and after 500 answers suspend_data is within 4,096 characters, the oldest
// cards dropped first.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { unzipSync } from 'fflate';

import { start_static_server } from '../../build-scripts/static_server.js';
import { decode_suspend_data, encode_suspend_data } from '../../web/embed/scorm_suspend_data.js';
import { dist_dir, foreign_requests, launch_browser, open_page } from '../support/browser.js';
import { answer_question, complete_session, start_bank_session, true_false_bank } from '../support/quiz_driver.js';
import {
    answer_any,
    answer_many_in_page,
    grade_every_flashcard,
    host_url as strict_host_url,
    launch_in_host,
    leave,
    platform_record,
    set_up_host,
    six_type_ids,
} from '../support/scorm_host.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtin = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));
const minute_ms = 60_000;
const day_ms = 24 * 60 * minute_ms;
// The shipped bank's first five true/false questions: the ones a test session asks.
const shipped_five = {
    id: builtin.id,
    questions: builtin.questions.filter((q) => q.type === 'true_false').slice(0, 5),
};
const custom_bank = true_false_bank(5, 'my-own-true-false');

// The platform's copy of a learner who has seen every question of the shipped bank:
// the five true/false ones due now (so a session of five asks exactly them), the rest
// due tomorrow. `extra` replaces cards.
function seeded_suspend_data(now_ms, extra = {}) {
    const cards = {};
    for (const q of builtin.questions) {
        cards[q.id] = shipped_five.questions.includes(q)
            ? { box: 1, due_ms: now_ms - 10 * minute_ms, right: 0, wrong: 1, last_ms: now_ms - 10 * minute_ms }
            : { box: 2, due_ms: now_ms + day_ms, right: 1, wrong: 0, last_ms: now_ms - 20 * minute_ms };
    }
    return encode_suspend_data(builtin.id, { schedule: { cards: { ...cards, ...extra } }, last_session: null });
}

// ?student=, ?suspend= and ?mastery= set what the LMS holds at launch. Every commit is
// recorded with the time and what the LMS would have saved: what survives a crash.
const host_js = `
const params = new URLSearchParams(location.search);
window.calls = [];
window.commits = [];
const api = new Scorm12API({ logLevel: 5 });
const initial = { core: { student_id: params.get('student') ?? 'student-1' }, student_data: { mastery_score: params.get('mastery') ?? '80' } };
if (params.get('suspend')) initial.suspend_data = params.get('suspend');
api.loadFromJSON(initial);
for (const name of ['LMSInitialize', 'LMSCommit', 'LMSFinish']) api.on(name, () => window.calls.push(name));
api.on('LMSCommit', () => window.commits.push({ at_ms: Date.now(), suspend_data: api.cmi.suspend_data, raw: api.cmi.core.score.raw, status: api.cmi.core.lesson_status }));
api.on('LMSSetValue.cmi.*', (element, value) => window.calls.push('set ' + element + '=' + String(value).slice(0, 30)));
window.API = api;
const frame = document.createElement('iframe');
frame.id = 'sco';
frame.title = 'ReLU Lab';
frame.style.cssText = 'width:100%;height:900px;border:0';
frame.src = 'pkg/index.html';
document.body.appendChild(frame);
`;

function unpack(dir) {
    const zip_path = join(dist_dir, 'relu-lab-scorm12.zip');
    let zip;
    try {
        zip = readFileSync(zip_path);
    } catch {
        assert.fail(`${zip_path} is missing: run build-scripts/build.sh (or node build-scripts/package-scorm.mjs)`);
    }
    const files = unzipSync(new Uint8Array(zip));
    for (const [name, bytes] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, 'pkg', name)), { recursive: true });
        writeFileSync(join(dir, 'pkg', name), bytes);
    }
    return { names: Object.keys(files), size_bytes: zip.length };
}

async function launch(context, url) {
    const opened = await open_page(context, url);
    const frame = await (await opened.page.waitForSelector('#sco')).contentFrame();
    await frame.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
    return { ...opened, frame };
}

const host_url = (server, { student = 'student-1', suspend = null, mastery = null } = {}) => {
    const params = new URLSearchParams({ student });
    if (suspend) params.set('suspend', suspend);
    if (mastery) params.set('mastery', mastery);
    return `${server.url}host.html?${params}`;
};

const cmi = (page) =>
    page.evaluate(() => ({
        raw: API.cmi.core.score.raw,
        min: API.cmi.core.score.min,
        max: API.cmi.core.score.max,
        status: API.cmi.core.lesson_status,
        suspend_data: API.cmi.suspend_data,
    }));

const shipped_record = (frame) =>
    frame.evaluate((id) => globalThis.relu_lab.quiz.snapshot().progress.banks[id] ?? null, builtin.id);

// A session of the five due true/false questions of the shipped bank.
async function start_shipped_session(frame) {
    await frame.selectOption('#quiz-session-size', '5');
    await frame.click('#quiz-start button[type="submit"]');
    await frame.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
}

async function box_counts(frame) {
    return frame.$$eval('#quiz-schedule tbody tr', (rows) =>
        rows.map((r) => Number(r.querySelector('td').textContent))
    );
}

describe('SCORM 1.2 package', () => {
    let dir;
    let server;
    let unpacked;
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'relu-lab-scorm-'));
        unpacked = unpack(dir);
        copyFileSync(join(root, 'node_modules', 'scorm-again', 'dist', 'scorm12.js'), join(dir, 'scorm12.js'));
        writeFileSync(join(dir, 'host.js'), host_js);
        writeFileSync(
            join(dir, 'host.html'),
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>LMS</title></head><body><script src="scorm12.js"></script><script src="host.js"></script></body></html>\n'
        );
        server = await start_static_server(dir);
    });
    after(async () => {
        await server?.close();
    });

    test('the zip: imsmanifest.xml at the root, SCORM 1.2, one SCO, every file listed', () => {
        console.log(`relu-lab-scorm12.zip: ${unpacked.size_bytes} bytes, ${unpacked.names.length} files`);
        assert.ok(unpacked.names.includes('imsmanifest.xml'));
        const manifest = readFileSync(join(dir, 'pkg', 'imsmanifest.xml'), 'utf8');
        assert.match(manifest, /<schema>ADL SCORM<\/schema>\s*<schemaversion>1\.2<\/schemaversion>/);
        assert.match(manifest, /xmlns:adlcp="http:\/\/www\.adlnet\.org\/xsd\/adlcp_rootv1p2"/);
        assert.match(manifest, /xsi:schemaLocation="[^"]*imscp_rootv1p1p2\.xsd[^"]*adlcp_rootv1p2\.xsd"/);
        assert.match(manifest, /<adlcp:masteryscore>80<\/adlcp:masteryscore>/);
        const scos = [...manifest.matchAll(/<resource [^>]*adlcp:scormtype="sco"[^>]*>/g)];
        assert.equal(scos.length, 1);
        assert.match(scos[0][0], /href="index\.html"/);
        const listed = [...manifest.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => m[1]).sort();
        assert.deepEqual(listed, unpacked.names.filter((n) => n !== 'imsmanifest.xml').sort());
        for (const needed of ['index.html', 'app.js', 'app.css', 'wasm/relu_lab_simd.js', 'wasm/relu_lab_scalar.js'])
            assert.ok(listed.includes(needed), needed);
        assert.ok(!listed.some((f) => f.endsWith('.zip') || f === 'relu-lab-single-file.html'));
    });

    let saved_suspend_data = null;
    let saved_record = null;

    test('launched by an LMS: initialize, answers committed (throttled), score, status, finish', async () => {
        const browser = await launch_browser();
        try {
            const { page, frame, errors, requests } = await launch(
                browser.context,
                host_url(server, { suspend: seeded_suspend_data(Date.now()) })
            );
            assert.equal(await frame.getAttribute('html', 'data-scorm'), 'lms');
            assert.deepEqual(
                await page.evaluate(() => calls.filter((c) => !c.startsWith('set '))),
                ['LMSInitialize'],
                'nothing new to send at launch'
            );
            assert.equal((await cmi(page)).status, 'incomplete', 'a first launch marks the lesson incomplete');

            await start_shipped_session(frame);
            // The first answer reaches the LMS at once: a crash after it loses nothing.
            const first = await answer_question(frame, shipped_five, 'en');
            await page.waitForFunction(() => commits.length >= 1);
            const first_commit = await page.evaluate(() => commits[0]);
            assert.deepEqual(decode_suspend_data(first_commit.suspend_data).record.schedule.cards[first.id].right, 1);
            for (let i = 1; i < 5; i++) {
                await frame.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
                await answer_question(frame, shipped_five, 'en', { wrong: i === 1 }); // 4 of 5 right: 80 %, the mastery score
            }
            await frame.waitForFunction(() => document.activeElement?.id === 'quiz-summary-title');
            assert.equal(await frame.textContent('#quiz-summary-score'), 'You scored 4 of 5 (80 %).');
            const after_quiz = await cmi(page);
            assert.deepEqual(
                { raw: after_quiz.raw, min: after_quiz.min, max: after_quiz.max, status: after_quiz.status },
                { raw: '80', min: '0', max: '100', status: 'passed' }
            );
            // The rest arrives in a trailing commit, no sooner than 10 s after the one before.
            await page.waitForFunction(() => commits.some((c) => c.raw === '80'), null, { timeout: 30_000 });
            const commits = await page.evaluate(() => commits);
            for (let i = 1; i < commits.length; i++)
                assert.ok(
                    commits[i].at_ms - commits[i - 1].at_ms >= 9_900,
                    `commits ${i - 1} and ${i} ${commits[i].at_ms - commits[i - 1].at_ms} ms apart`
                );
            const last_commit = decode_suspend_data(commits.at(-1).suspend_data).record;
            assert.deepEqual(
                shipped_five.questions.map((q) => last_commit.schedule.cards[q.id].box).sort(),
                [1, 2, 2, 2, 2]
            );
            assert.equal(commits.at(-1).status, 'passed');
            const calls = await page.evaluate(() => calls);
            // cmi.core.exit is write-only: read what was written.
            assert.ok(calls.includes('set cmi.core.exit=suspend'), 'exit = suspend, so the LMS keeps suspend_data');
            assert.ok(after_quiz.suspend_data.length > 0 && after_quiz.suspend_data.length <= 4096);
            saved_record = await shipped_record(frame);
            assert.equal(Object.keys(saved_record.schedule.cards).length, builtin.questions.length);

            // Leaving the page (the LMS closes the frame): commit and finish.
            const commits_before = (await page.evaluate(() => calls)).filter((c) => c === 'LMSCommit').length;
            await page.evaluate(() => {
                document.getElementById('sco').src = 'about:blank';
            });
            await page.waitForFunction(() => calls.includes('LMSFinish'));
            const final_calls = (await page.evaluate(() => calls)).filter((c) => !c.startsWith('set '));
            assert.deepEqual(final_calls.slice(-2), ['LMSCommit', 'LMSFinish']);
            assert.equal(
                final_calls.filter((c) => c === 'LMSCommit').length,
                commits_before + 1,
                'pagehide commits once more'
            );
            assert.ok(
                (await page.evaluate(() => calls)).some((c) =>
                    /^set cmi\.core\.session_time=\d{4}:\d{2}:\d{2}\.\d{2}$/.test(c)
                ),
                'session time in SCORM 1.2 format'
            );
            saved_suspend_data = (await cmi(page)).suspend_data;
            assert.deepEqual(foreign_requests(requests, server.url), []);
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
        }
    });

    test('a failing score against the mastery score: failed', async () => {
        const browser = await launch_browser();
        try {
            const { page, frame, errors } = await launch(
                browser.context,
                host_url(server, { suspend: seeded_suspend_data(Date.now()), mastery: '90' })
            );
            await start_shipped_session(frame);
            await complete_session(frame, shipped_five, 'en', [0, 3]); // 3 of 5: 60 %
            const after_quiz = await cmi(page);
            assert.deepEqual([after_quiz.raw, after_quiz.status], ['60', 'failed']);
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
        }
    });

    test('relaunched with the saved suspend_data (fresh profile): progress restored', async () => {
        assert.ok(saved_suspend_data, 'needs the launch test before it');
        const browser = await launch_browser();
        try {
            const { page, frame, errors } = await launch(
                browser.context,
                host_url(server, { suspend: saved_suspend_data })
            );
            assert.equal(await frame.getAttribute('html', 'data-scorm'), 'lms');
            const restored = await shipped_record(frame);
            const to_minute = (ms) => Math.round(ms / 60_000) * 60_000;
            const expected_cards = Object.fromEntries(
                Object.entries(saved_record.schedule.cards).map(([id, c]) => [
                    id,
                    { ...c, due_ms: to_minute(c.due_ms), last_ms: to_minute(c.last_ms) },
                ])
            );
            assert.deepEqual(restored.schedule.cards, expected_cards);
            assert.deepEqual(
                { ...restored.last_session, finished_ms: 0 },
                { ...saved_record.last_session, finished_ms: 0 }
            );
            // What the learner sees: the last score and the boxes.
            assert.match(await frame.textContent('#quiz-last-session'), /4 of 5/);
            assert.deepEqual(
                (await box_counts(frame)).slice(0, 3),
                [0, 1, builtin.questions.length - 1],
                'no new cards; the wrong one in box 1, the rest in box 2'
            );
            assert.deepEqual(
                await page.evaluate(() => calls.filter((c) => !c.startsWith('set '))),
                ['LMSInitialize'],
                'the platform copy was complete: no write-back'
            );
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
        }
    });

    test("two learners on one computer (one origin, one profile) never see each other's progress or bank", async () => {
        const browser = await launch_browser();
        try {
            const now_ms = Date.now();
            const alice = await launch(
                browser.context,
                host_url(server, { student: 'alice', suspend: seeded_suspend_data(now_ms) })
            );
            await start_shipped_session(alice.frame);
            await answer_question(alice.frame, shipped_five, 'en');
            // Her own bank, loaded as a learner does (kept in this browser for her).
            await alice.frame.setInputFiles('#quiz-bank-file', {
                name: 'mine.json',
                mimeType: 'application/json',
                buffer: Buffer.from(JSON.stringify(custom_bank)),
            });
            await alice.frame.waitForFunction(() =>
                /True or false/.test(document.querySelector('#quiz-bank-name').textContent)
            );
            await alice.page.close();

            // Bob on the same computer, first launch: nothing of Alice's.
            const bob = await launch(browser.context, host_url(server, { student: 'bob' }));
            assert.equal(await bob.frame.textContent('#quiz-last-session'), 'No session finished yet.');
            assert.deepEqual((await box_counts(bob.frame)).slice(0, 3), [builtin.questions.length, 0, 0]);
            assert.match(await bob.frame.textContent('#quiz-bank-name'), /ReLU Lab/, "the shipped bank, not Alice's");
            assert.equal(await shipped_record(bob.frame), null);
            await bob.page.close();

            // Nor does the page opened outside the platform on that computer.
            const alone = await open_page(browser.context, `${server.url}pkg/index.html`);
            await alone.page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
            assert.equal(await alone.page.getAttribute('html', 'data-scorm'), 'standalone');
            assert.deepEqual((await box_counts(alone.page.mainFrame())).slice(0, 3), [builtin.questions.length, 0, 0]);
            await alone.page.close();

            // Alice again, and the platform lost its copy: her own progress and bank come back from this browser.
            const again = await launch(browser.context, host_url(server, { student: 'alice' }));
            assert.match(await again.frame.textContent('#quiz-bank-name'), /True or false/);
            await again.frame.click('#quiz-bank-builtin');
            assert.deepEqual((await box_counts(again.frame)).slice(0, 3), [0, 4, builtin.questions.length - 4]);
            assert.deepEqual([...alice.errors, ...bob.errors, ...alone.errors, ...again.errors], []);
        } finally {
            await browser.close();
        }
    });

    test("a learner's own bank is practice: its score is never sent to the platform", async () => {
        const browser = await launch_browser();
        try {
            const { page, frame, errors } = await launch(browser.context, host_url(server, { student: 'carol' }));
            await start_bank_session(frame, custom_bank);
            await complete_session(frame, custom_bank, 'en', []);
            assert.equal(await frame.textContent('#quiz-summary-score'), 'You scored 5 of 5 (100 %).');
            const after_quiz = await cmi(page);
            assert.deepEqual([after_quiz.raw, after_quiz.status], ['', 'incomplete']);
            const calls = await page.evaluate(() => calls);
            assert.deepEqual(
                calls.filter((c) => /^set cmi\.core\.(score|lesson_status)/.test(c)),
                ['set cmi.core.lesson_status=incomplete'],
                'only the first-launch status'
            );
            // The learner is told, beside the bank and under the score.
            assert.equal(await frame.isVisible('#quiz-bank-practice'), true);
            assert.match(await frame.textContent('#quiz-bank-practice'), /not sent to your course/);
            assert.match(await frame.textContent('#quiz-summary'), /not sent to your course/);
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
        }
    });

    test('relaunch after a crash: the stale platform copy and newer local progress are merged, newer wins per card', async () => {
        const browser = await launch_browser();
        try {
            const now_ms = Date.now();
            const first = await launch(
                browser.context,
                host_url(server, { student: 'dana', suspend: seeded_suspend_data(now_ms) })
            );
            await start_shipped_session(first.frame);
            const answered = [];
            answered.push((await answer_question(first.frame, shipped_five, 'en')).id);
            await first.page.waitForFunction(() => commits.length >= 1);
            // What the platform holds if the page dies now: the first commit.
            const stale = await first.page.evaluate(() => commits[0].suspend_data);
            for (let i = 1; i < 3; i++) {
                await first.frame.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
                answered.push((await answer_question(first.frame, shipped_five, 'en')).id);
            }
            const local = await shipped_record(first.frame);
            // The crash: the page goes without a word to the LMS (no pagehide, no commit).
            const cdp = await browser.context.newCDPSession(first.page);
            const crashed = new Promise((resolve) => first.page.once('crash', resolve));
            cdp.send('Page.crash').catch(() => {}); // never answered: the renderer is gone
            await crashed;
            await first.page.close();

            // Meanwhile another computer answered one more question, recorded by the platform.
            const other_id = shipped_five.questions.find((q) => !answered.includes(q.id)).id;
            const stale_record = decode_suspend_data(stale).record;
            const from_other = {
                box: 4,
                due_ms: now_ms + 7 * day_ms,
                right: 3,
                wrong: 1,
                last_ms: now_ms - 2 * minute_ms,
            };
            const platform_copy = encode_suspend_data(builtin.id, {
                ...stale_record,
                schedule: { cards: { ...stale_record.schedule.cards, [other_id]: from_other } },
            });
            assert.equal(
                Object.values(decode_suspend_data(stale).record.schedule.cards).filter(
                    (c) => c.right === 1 && c.wrong === 1
                ).length,
                1,
                'the stale copy has one answer'
            );

            const second = await launch(browser.context, host_url(server, { student: 'dana', suspend: platform_copy }));
            const merged = await shipped_record(second.frame);
            for (const id of answered)
                assert.deepEqual(merged.schedule.cards[id], local.schedule.cards[id], `local ${id} is newer`);
            assert.deepEqual(
                merged.schedule.cards[other_id],
                {
                    ...from_other,
                    due_ms: Math.round(from_other.due_ms / minute_ms) * minute_ms,
                    last_ms: Math.round(from_other.last_ms / minute_ms) * minute_ms,
                },
                "the other computer's answer is newer"
            );
            // What the platform lacked goes back to it at once.
            await second.page.waitForFunction(() => commits.length >= 1);
            const sent = decode_suspend_data(await second.page.evaluate(() => commits[0].suspend_data)).record;
            for (const id of answered) assert.equal(sent.schedule.cards[id].right, 1, id);
            assert.equal(sent.schedule.cards[other_id].box, 4);
            assert.deepEqual(second.errors, []);
        } finally {
            await browser.close();
        }
    });

    test('without an LMS the package runs standalone, served and from file://', async () => {
        const browser = await launch_browser();
        try {
            for (const url of [`${server.url}pkg/index.html`, pathToFileURL(join(dir, 'pkg', 'index.html')).href]) {
                const { page, errors, requests } = await open_page(browser.context, url);
                await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
                assert.equal(await page.getAttribute('html', 'data-scorm'), 'standalone');
                await start_bank_session(page.mainFrame(), custom_bank);
                await complete_session(page.mainFrame(), custom_bank, 'en', []);
                assert.equal(await page.textContent('#quiz-summary-score'), 'You scored 5 of 5 (100 %).');
                assert.deepEqual(foreign_requests(requests, url), []);
                assert.deepEqual(errors, [], url);
                await page.close();
            }
        } finally {
            await browser.close();
        }
    });
});

describe('SCORM 1.2 package in a strict LMS', () => {
    let dir;
    let server;
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'relu-lab-scorm12-strict-'));
        set_up_host(dir, 'relu-lab-scorm12.zip', '1.2');
        server = await start_static_server(dir);
    });
    after(async () => {
        await server?.close();
    });

    const expected_types = {
        'def-formula': 'choice',
        'def-statements': 'choice',
        'def-bounded': 'true-false',
        'def-curve': 'choice',
        'def-scalar': 'numeric',
        'def-worked-example': 'fill-in',
        'why-predict-zeros': 'numeric',
        'why-predict-depth': 'choice',
        'def-vector': 'fill-in',
        'der-vector': 'fill-in',
    };

    test('a session of all six question types: every answer an interaction, score, status, session time', async () => {
        const browser = await launch_browser();
        try {
            const suspend = encode_suspend_data(builtin.id, platform_record(Date.now(), six_type_ids));
            const { page, frame, errors } = await launch_in_host(
                browser.context,
                strict_host_url(server, { suspend, mastery: '50' })
            );
            await frame.selectOption('#quiz-session-size', '10');
            await frame.click('#quiz-start button[type="submit"]');
            const verdicts = [];
            for (let i = 0; i < 10; i++) verdicts.push(await answer_any(frame));
            await frame.waitForFunction(() => document.activeElement?.id === 'quiz-summary-title');
            const percent = Math.round((100 * verdicts.filter(Boolean).length) / 10);
            await leave(page, 'LMSFinish');
            const cmi = await page.evaluate(() => stored());
            assert.deepEqual(await page.evaluate(() => refused), [], 'the LMS accepted every value');
            const interactions = Object.values(cmi.interactions);
            assert.deepEqual(interactions.map((i) => i.id).sort(), six_type_ids.slice().sort());
            for (const [n, i] of interactions.entries()) {
                assert.equal(i.type, expected_types[i.id], i.id);
                assert.equal(i.result, verdicts[n] ? 'correct' : 'wrong', i.id);
                assert.notEqual(i.student_response, '', i.id);
                assert.equal(Object.keys(i.correct_responses).length, 1, `${i.id}: a correct response`);
                assert.match(i.latency, /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/, i.id);
                assert.match(i.time, /^\d{2}:\d{2}:\d{2}$/, i.id);
            }
            const by_id = Object.fromEntries(interactions.map((i) => [i.id, i]));
            assert.equal(by_id['def-bounded'].correct_responses['0'].pattern, 'f');
            assert.match(by_id['def-statements'].student_response, /^[a-z](,[a-z])*$/);
            assert.deepEqual(
                [cmi.core.score.raw, cmi.core.score.min, cmi.core.score.max],
                [String(percent), '0', '100']
            );
            assert.equal(cmi.core.lesson_status, percent >= 50 ? 'passed' : 'failed');
            assert.match(cmi.core.session_time, /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
        }
    });

    test('500 answers: suspend_data stays within 4,096 characters; the oldest cards are dropped first', async () => {
        const browser = await launch_browser();
        try {
            // The platform's copy: every question seen, and 40 cards of questions an earlier
            // version of the bank had, answered a month ago (history: dropped first).
            const now_ms = Date.now();
            const seeded = platform_record(now_ms, []);
            for (let i = 0; i < 40; i++)
                seeded.schedule.cards[`retired-question-${i}`] = {
                    box: 3,
                    due_ms: now_ms + day_ms,
                    right: 2,
                    wrong: 1,
                    last_ms: now_ms - 30 * day_ms,
                };
            const suspend = encode_suspend_data(builtin.id, seeded);
            const { page, frame, errors } = await launch_in_host(
                browser.context,
                strict_host_url(server, { student: 'many', suspend })
            );
            const graded = await grade_every_flashcard(frame);
            assert.equal(await answer_many_in_page(frame, 500), 500);
            const local = await shipped_record(frame);
            await leave(page, 'LMSFinish');
            const final = await page.evaluate(() => stored());
            assert.deepEqual(await page.evaluate(() => refused), []);
            const decoded = decode_suspend_data(final.suspend_data);
            const kept = Object.keys(decoded.record.schedule.cards);
            const total = Object.keys(local.schedule.cards).length;
            console.log(
                `SCORM 1.2 after 500 answers, ${graded} flashcards: suspend_data ${final.suspend_data.length} characters, ${kept.length} of ${total} cards kept, ${Object.keys(final.interactions).length} interactions`
            );
            assert.ok(final.suspend_data.length <= 4096, `${final.suspend_data.length} characters`);
            assert.ok(kept.length < total, 'more cards than SCORM 1.2 holds: some dropped');
            // The ones kept are the most recently answered.
            const newest_first = Object.entries(local.schedule.cards)
                .sort(([a, x], [b, y]) => y.last_ms - x.last_ms || (a < b ? -1 : 1))
                .map(([id]) => id);
            const oldest_kept_ms = Math.min(...kept.map((id) => local.schedule.cards[id].last_ms));
            for (const id of newest_first.filter((id) => !kept.includes(id)))
                assert.ok(local.schedule.cards[id].last_ms <= oldest_kept_ms + 60_000, `${id} dropped though newer`);
            assert.ok(!kept.some((id) => id.startsWith('retired-question-')), 'the month-old history goes first');
            assert.deepEqual(decoded.record.last_session?.max_score, 20, 'the last session stays');
            assert.equal(Object.keys(final.interactions).length, 500);
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
        }
    });
});
