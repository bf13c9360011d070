// The SCORM 1.2 package (build-scripts/package-scorm.mjs) in real Chromium: a host page
// provides the LMS API with scorm-again's Scorm12API and launches the unzipped package in
// a frame; the learner completes the quiz; score, status, commit and finish are recorded
// in the LMS, and a relaunch with the saved suspend_data (in a fresh browser profile, so
// nothing comes from local storage) brings the progress back. Without an LMS the package
// runs standalone, served and from file://.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { unzipSync } from 'fflate';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, foreign_requests, launch_browser, open_page } from '../support/browser.js';
import { complete_session, start_bank_session, true_false_bank } from '../support/quiz_driver.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bank = true_false_bank(5, 'scorm-true-false');

const host_js = `
const params = new URLSearchParams(location.search);
window.calls = [];
const api = new Scorm12API({ logLevel: 5 });
const initial = { student_data: { mastery_score: params.get('mastery') ?? '80' } };
if (params.get('suspend')) initial.suspend_data = params.get('suspend');
api.loadFromJSON(initial);
for (const name of ['LMSInitialize', 'LMSCommit', 'LMSFinish']) api.on(name, () => window.calls.push(name));
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

const cmi = (page) => page.evaluate(() => ({
    raw: API.cmi.core.score.raw, min: API.cmi.core.score.min, max: API.cmi.core.score.max,
    status: API.cmi.core.lesson_status, suspend_data: API.cmi.suspend_data,
}));

describe('SCORM 1.2 package', () => {
    let dir;
    let server;
    let unpacked;
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'relu-lab-scorm-'));
        unpacked = unpack(dir);
        copyFileSync(join(root, 'node_modules', 'scorm-again', 'dist', 'scorm12.js'), join(dir, 'scorm12.js'));
        writeFileSync(join(dir, 'host.js'), host_js);
        writeFileSync(join(dir, 'host.html'), '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>LMS</title></head><body><script src="scorm12.js"></script><script src="host.js"></script></body></html>\n');
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
        for (const needed of ['index.html', 'app.js', 'app.css', 'wasm/relu_lab_simd.js', 'wasm/relu_lab_scalar.js']) assert.ok(listed.includes(needed), needed);
        assert.ok(!listed.some((f) => f.endsWith('.zip') || f === 'relu-lab-single-file.html'));
    });

    let saved_suspend_data = null;
    let saved_record = null;

    test('launched by an LMS: initialize, score, status, commit, finish', async () => {
        const browser = await launch_browser();
        try {
            const { page, frame, errors, requests } = await launch(browser.context, `${server.url}host.html`);
            assert.equal(await frame.getAttribute('html', 'data-scorm'), 'lms');
            assert.deepEqual(await page.evaluate(() => calls.filter((c) => !c.startsWith('set '))), ['LMSInitialize']);
            assert.equal((await cmi(page)).status, 'incomplete', 'a first launch marks the lesson incomplete');

            await start_bank_session(frame, bank);
            await complete_session(frame, bank, 'en', [1]);  // 4 of 5 right: 80 %, the mastery score
            assert.equal(await frame.textContent('#quiz-summary-score'), 'You scored 4 of 5 (80 %).');
            const after_quiz = await cmi(page);
            assert.deepEqual({ raw: after_quiz.raw, min: after_quiz.min, max: after_quiz.max, status: after_quiz.status },
                { raw: '80', min: '0', max: '100', status: 'passed' });
            const calls = await page.evaluate(() => calls);
            // cmi.core.exit is write-only: read what was written.
            assert.ok(calls.includes('set cmi.core.exit=suspend'), 'exit = suspend, so the LMS keeps suspend_data');
            assert.ok(calls.filter((c) => c.startsWith('set cmi.suspend_data=')).length >= 5, 'suspend_data is saved after every answer');
            assert.deepEqual(calls.filter((c) => !c.startsWith('set ')), ['LMSInitialize', 'LMSCommit']);
            assert.ok(after_quiz.suspend_data.length > 0 && after_quiz.suspend_data.length <= 4096);
            saved_record = await frame.evaluate((id) => globalThis.relu_lab.quiz.snapshot().progress.banks[id], bank.id);
            assert.equal(Object.keys(saved_record.schedule.cards).length, 5);

            // Leaving the page (the LMS closes the frame): commit and finish.
            await page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
            await page.waitForFunction(() => calls.includes('LMSFinish'));
            assert.deepEqual((await page.evaluate(() => calls)).filter((c) => !c.startsWith('set ')), ['LMSInitialize', 'LMSCommit', 'LMSCommit', 'LMSFinish']);
            assert.ok((await page.evaluate(() => calls)).some((c) => /^set cmi\.core\.session_time=\d{4}:\d{2}:\d{2}\.\d{2}$/.test(c)), 'session time in SCORM 1.2 format');
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
            const { page, frame, errors } = await launch(browser.context, `${server.url}host.html?mastery=90`);
            await start_bank_session(frame, bank);
            await complete_session(frame, bank, 'en', [0, 3]);  // 3 of 5: 60 %
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
            const { page, frame, errors } = await launch(browser.context, `${server.url}host.html?suspend=${encodeURIComponent(saved_suspend_data)}`);
            assert.equal(await frame.getAttribute('html', 'data-scorm'), 'lms');
            const restored = await frame.evaluate((id) => globalThis.relu_lab.quiz.snapshot().progress.banks[id], bank.id);
            const to_minute = (ms) => Math.round(ms / 60_000) * 60_000;
            const expected_cards = Object.fromEntries(Object.entries(saved_record.schedule.cards).map(([id, c]) => [id, { ...c, due_ms: to_minute(c.due_ms), last_ms: to_minute(c.last_ms) }]));
            assert.deepEqual(restored.schedule.cards, expected_cards);
            assert.deepEqual({ ...restored.last_session, finished_ms: 0 }, { ...saved_record.last_session, finished_ms: 0 });
            // What the learner sees once the course's bank is in use: the last score and the boxes.
            assert.deepEqual(await frame.evaluate((b) => globalThis.relu_lab.quiz.use_bank(b), bank), []);
            assert.match(await frame.textContent('#quiz-last-session'), /4 of 5/);
            const boxes = await frame.$$eval('#quiz-schedule tbody tr', (rows) => rows.map((r) => Number(r.querySelector('td').textContent)));
            assert.deepEqual(boxes.slice(0, 3), [0, 1, 4], 'no new cards; the wrong one in box 1, four in box 2');
            assert.deepEqual(errors, []);
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
                await start_bank_session(page.mainFrame(), bank);
                await complete_session(page.mainFrame(), bank, 'en', []);
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
