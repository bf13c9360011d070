// The SCORM 2004 4th edition package (build-scripts/package-scorm.mjs) in real Chromium,
// in scorm-again's SCORM 2004 LMS with strict errors (tests/support/scorm_host.js): a
// full session of questions of all six types records every answer as an interaction the
// LMS accepts, the score (raw, min, max, scaled), completion and success against the
// mastery score, session time, and Learn's reading progress in suspend_data; a relaunch with the saved suspend_data in a fresh
// browser profile resumes; after 500 answers suspend_data is within 64,000 characters.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { start_static_server } from '../../build-scripts/static_server.js';
import { decode_suspend_data, encode_suspend_data } from '../../web/embed/scorm_suspend_data.js';
import { foreign_requests, launch_browser } from '../support/browser.js';
import {
    answer_any,
    answer_many_in_page,
    builtin_bank,
    grade_every_flashcard,
    host_url,
    launch_in_host,
    leave,
    platform_record,
    set_up_host,
    six_type_ids,
} from '../support/scorm_host.js';

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

const shipped_record = (frame) =>
    frame.evaluate((id) => globalThis.relu_lab.quiz.snapshot().progress.banks[id] ?? null, builtin_bank.id);

describe('SCORM 2004 package', () => {
    let dir;
    let server;
    let unpacked;
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'relu-lab-scorm2004-'));
        unpacked = set_up_host(dir, 'relu-lab-scorm2004.zip', '2004');
        server = await start_static_server(dir);
    });
    after(async () => {
        await server?.close();
    });

    test('the zip: imsmanifest.xml for SCORM 2004 4th edition, one SCO, the mastery score as the primary objective', () => {
        console.log(`relu-lab-scorm2004.zip: ${unpacked.size_bytes} bytes, ${unpacked.names.length} files`);
        const manifest = readFileSync(join(dir, 'pkg', 'imsmanifest.xml'), 'utf8');
        assert.match(manifest, /<schema>ADL SCORM<\/schema>\s*<schemaversion>2004 4th Edition<\/schemaversion>/);
        assert.match(manifest, /xmlns="http:\/\/www\.imsglobal\.org\/xsd\/imscp_v1p1"/);
        assert.match(
            manifest,
            /<imsss:primaryObjective objectiveID="[^"]+" satisfiedByMeasure="true">\s*<imsss:minNormalizedMeasure>0\.80<\/imsss:minNormalizedMeasure>/
        );
        const scos = [...manifest.matchAll(/<resource [^>]*adlcp:scormType="sco"[^>]*>/g)];
        assert.equal(scos.length, 1);
        assert.match(scos[0][0], /href="index\.html"/);
        const listed = [...manifest.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => m[1]).sort();
        assert.deepEqual(listed, unpacked.names.filter((n) => n !== 'imsmanifest.xml').sort());
        assert.match(
            readFileSync(join(dir, 'pkg', 'index.html'), 'utf8'),
            /<meta name="relu-lab-mastery-score" content="80">/
        );
    });

    let saved = null;

    test('a full session: every answer an interaction with valid values, score, completion, success, session time', async () => {
        const browser = await launch_browser();
        try {
            const now_ms = Date.now();
            const suspend = encode_suspend_data(builtin_bank.id, platform_record(now_ms, six_type_ids));
            const { page, frame, errors, requests } = await launch_in_host(
                browser.context,
                host_url(server, { suspend, mastery: '50' })
            );
            assert.equal(await frame.getAttribute('html', 'data-scorm'), 'lms');
            assert.equal((await page.evaluate(() => stored())).completion_status, 'incomplete');
            await frame.selectOption('#quiz-session-size', '10');
            await frame.click('#quiz-start button[type="submit"]');
            const verdicts = [];
            for (let i = 0; i < 10; i++) verdicts.push(await answer_any(frame));
            await frame.waitForFunction(() => document.activeElement?.id === 'quiz-summary-title');
            const right = verdicts.filter(Boolean).length;
            const percent = Math.round((100 * right) / 10);

            const cmi = await page.evaluate(() => stored());
            assert.deepEqual(await page.evaluate(() => refused), [], 'the LMS accepted every value');
            const interactions = Object.values(cmi.interactions);
            assert.equal(interactions.length, 10);
            assert.deepEqual(interactions.map((i) => i.id).sort(), six_type_ids.slice().sort());
            for (const [n, i] of interactions.entries()) {
                assert.equal(i.type, expected_types[i.id], i.id);
                assert.equal(i.result, verdicts[n] ? 'correct' : 'incorrect', i.id);
                assert.ok(i.learner_response !== '', `${i.id}: a learner response`);
                assert.equal(Object.keys(i.correct_responses).length, 1, `${i.id}: a correct response`);
                assert.match(i.description, /^\{lang=en\}\S/, i.id);
                assert.match(i.latency, /^PT(\d+M)?\d+(\.\d{1,2})?S$/, i.id);
                assert.ok(
                    Math.abs(Date.parse(i.timestamp) - now_ms) < 10 * 60_000,
                    `${i.id}: timestamp ${i.timestamp}`
                );
            }
            const by_id = Object.fromEntries(interactions.map((i) => [i.id, i]));
            assert.equal(by_id['def-worked-example'].correct_responses['0'].pattern, '0; 0; 0; 1; 2');
            assert.match(by_id['def-scalar'].correct_responses['0'].pattern, /^-?[\d.]+\[:\]-?[\d.]+$/);
            assert.deepEqual(by_id['def-bounded'].correct_responses['0'].pattern, 'false');
            assert.equal(by_id['def-scalar'].learner_response, '0.5');

            assert.deepEqual(
                [cmi.score.raw, cmi.score.min, cmi.score.max, cmi.score.scaled],
                [String(percent), '0', '100', String(percent / 100)]
            );
            assert.equal(cmi.completion_status, 'completed');
            assert.equal(cmi.success_status, percent >= 50 ? 'passed' : 'failed');

            // Learn's progress travels too: the chapter opened last.
            assert.equal(await frame.evaluate(() => globalThis.relu_lab.learn.open('derivative')), true);
            const reading = await frame.evaluate(() => globalThis.relu_lab.learn.reading());
            await leave(page, 'Terminate');
            const final = await page.evaluate(() => stored());
            assert.equal(reading.last, 'derivative');
            assert.deepEqual(decode_suspend_data(final.suspend_data).reading, reading);
            assert.match(final.session_time, /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/);
            assert.notEqual(final.session_time, 'PT0S');
            assert.equal(final.exit, 'suspend');
            const calls = (await page.evaluate(() => calls)).filter((c) => !c.startsWith('set '));
            assert.deepEqual(calls.slice(-2), ['Commit', 'Terminate']);
            saved = { suspend_data: final.suspend_data, record: await shipped_record(frame).catch(() => null) };
            assert.deepEqual(foreign_requests(requests, server.url), []);
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
        }
    });

    test('relaunched with the saved suspend_data (fresh profile): progress restored', async () => {
        assert.ok(saved, 'needs the session test before it');
        const browser = await launch_browser();
        try {
            const { frame, errors } = await launch_in_host(
                browser.context,
                host_url(server, { suspend: saved.suspend_data })
            );
            const restored = await shipped_record(frame);
            const platform = decode_suspend_data(saved.suspend_data).record;
            assert.deepEqual(restored.schedule.cards, platform.schedule.cards);
            assert.equal(restored.last_session.max_score, 10);
            assert.match(await frame.textContent('#quiz-last-session'), /of 10/);
            // Learn resumes at the chapter read last on the platform, in a browser that never saw it.
            const platform_reading = decode_suspend_data(saved.suspend_data).reading;
            await frame.waitForFunction((last) => globalThis.relu_lab.learn.current() === last, platform_reading.last);
            const reading = await frame.evaluate(() => globalThis.relu_lab.learn.reading());
            assert.equal(reading.last, platform_reading.last);
            assert.deepEqual(reading.read.slice().sort(), platform_reading.read.slice().sort());
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
        }
    });

    test('500 answers: suspend_data stays within 64,000 characters and keeps every card', async () => {
        const browser = await launch_browser();
        try {
            // A learner who has seen every question, and grades every flashcard in Learn
            // (they join the shipped bank's schedule), then answers 500 questions.
            const suspend = encode_suspend_data(builtin_bank.id, platform_record(Date.now(), []));
            const { page, frame, errors } = await launch_in_host(
                browser.context,
                host_url(server, { student: 'many', suspend })
            );
            const graded = await grade_every_flashcard(frame);
            assert.equal(await answer_many_in_page(frame, 500), 500);
            const local = await shipped_record(frame);
            await leave(page, 'Terminate');
            const final = await page.evaluate(() => stored());
            assert.deepEqual(await page.evaluate(() => refused), [], 'the LMS accepted every value');
            console.log(
                `SCORM 2004 after 500 answers, ${graded} flashcards: suspend_data ${final.suspend_data.length} characters, ${Object.keys(local.schedule.cards).length} cards, ${Object.keys(final.interactions).length} interactions`
            );
            assert.ok(final.suspend_data.length <= 64_000);
            const cards = decode_suspend_data(final.suspend_data).record.schedule.cards;
            assert.equal(Object.keys(cards).length, builtin_bank.questions.length + graded, 'nothing dropped');
            assert.deepEqual(Object.keys(cards).sort(), Object.keys(local.schedule.cards).sort());
            assert.equal(
                Object.values(cards).reduce((sum, c) => sum + c.right + c.wrong, 0),
                builtin_bank.questions.length + graded + 500
            );
            assert.equal(Object.keys(final.interactions).length, 500);
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
        }
    });
});
