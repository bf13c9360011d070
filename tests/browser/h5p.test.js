// The H5P package (build-scripts/package-h5p.mjs) in real Chromium, played by npm's
// h5p-standalone from a static server: the content type H5P.ReluLab opens the page with
// the author's choices (the quiz section, topics, language, mastery score from
// content.json), and a completed quiz session goes out as H5P's scored xAPI event with
// the right score and success against the mastery score; each answer as an 'answered'
// event. The package holds only what H5P allows (JSON, scripts and styles).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { unzipSync } from 'fflate';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, foreign_requests, launch_browser, open_page } from '../support/browser.js';
import { answer_any, builtin_bank } from '../support/scorm_host.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const host_html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>H5P host</title></head>
<body><div id="h5p-container"></div>
<script src="player/main.bundle.js"></script>
<script>
window.xapi = [];
new H5PStandalone.H5P(document.getElementById('h5p-container'), {
    h5pJsonPath: 'h5p', frameJs: 'player/frame.bundle.js', frameCss: 'player/styles/h5p.css',
}).then(() => H5P.externalDispatcher.on('xAPI', (event) => window.xapi.push(event.data.statement)));
</script></body></html>
`;

function unpack(bytes, dir) {
    const files = unzipSync(new Uint8Array(bytes));
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), content);
    }
    return Object.keys(files);
}

// The page inside the content type's frame, inside H5P's frame.
async function open_content(context, url) {
    const opened = await open_page(context, url);
    const h5p_frame = await (
        await opened.page.waitForSelector('iframe.h5p-iframe', { timeout: 30_000 })
    ).contentFrame();
    const page_frame = await (
        await h5p_frame.waitForSelector('iframe.h5p-relu-lab-frame', { timeout: 30_000 })
    ).contentFrame();
    await page_frame.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
    return { ...opened, frame: page_frame };
}

describe('H5P package', () => {
    let dir;
    let server;
    let names;
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'relu-lab-h5p-'));
        let zip;
        try {
            zip = readFileSync(join(dist_dir, 'relu-lab.h5p'));
        } catch {
            assert.fail('relu-lab.h5p is missing: run build-scripts/build.sh (or node build-scripts/package-h5p.mjs)');
        }
        console.log(`relu-lab.h5p: ${zip.length} bytes`);
        names = unpack(zip, join(dir, 'h5p'));
        cpSync(join(root, 'node_modules', 'h5p-standalone', 'dist'), join(dir, 'player'), { recursive: true });
        writeFileSync(join(dir, 'index.html'), host_html);
        server = await start_static_server(dir);
    });
    after(async () => {
        await server?.close();
    });

    test('the package: h5p.json, content.json, the library with semantics for the author; nothing but JSON, scripts and styles', () => {
        const h5p = JSON.parse(readFileSync(join(dir, 'h5p', 'h5p.json'), 'utf8'));
        assert.equal(h5p.mainLibrary, 'H5P.ReluLab');
        assert.deepEqual(h5p.preloadedDependencies, [
            { machineName: 'H5P.ReluLab', majorVersion: '1', minorVersion: '0' },
        ]);
        const library = JSON.parse(readFileSync(join(dir, 'h5p', 'H5P.ReluLab-1.0', 'library.json'), 'utf8'));
        assert.equal(library.runnable, 1);
        const semantics = JSON.parse(readFileSync(join(dir, 'h5p', 'H5P.ReluLab-1.0', 'semantics.json'), 'utf8'));
        assert.deepEqual(
            semantics.map((f) => f.name),
            ['section', 'lab', 'language', 'lock_language', 'quiz_topics', 'mastery_score']
        );
        const topics = semantics.find((f) => f.name === 'quiz_topics').fields.map((f) => f.name);
        assert.deepEqual(topics.sort(), [...new Set(builtin_bank.questions.map((q) => q.topic))].sort());
        for (const tag of ['de', 'es', 'it', 'zh-hans']) {
            const language = JSON.parse(
                readFileSync(join(dir, 'h5p', 'H5P.ReluLab-1.0', 'language', `${tag}.json`), 'utf8')
            );
            assert.equal(language.semantics.length, semantics.length, tag);
            assert.notEqual(language.semantics[0].label, semantics[0].label, `${tag} is translated`);
        }
        assert.deepEqual(
            names.filter((n) => !/\.(json|js|css)$/.test(n)),
            [],
            'H5P allows no other file types in a library'
        );
        assert.ok(!names.some((n) => n.endsWith('.wasm') || n.endsWith('.html')));
    });

    test("an author's quiz (two topics, German, mastery 60 %): a completed session is a scored xAPI event with the right score", async () => {
        // The author's choices, as H5P's editor saves them.
        const topics = ['definition', 'history'];
        const content = JSON.parse(readFileSync(join(dir, 'h5p', 'content', 'content.json'), 'utf8'));
        const authored = {
            ...content,
            section: 'quiz',
            language: 'de',
            mastery_score: 60,
            quiz_topics: Object.fromEntries(Object.keys(content.quiz_topics).map((t) => [t, topics.includes(t)])),
        };
        writeFileSync(join(dir, 'h5p', 'content', 'content.json'), JSON.stringify(authored));
        const browser = await launch_browser();
        try {
            const { page, frame, errors, requests } = await open_content(browser.context, `${server.url}index.html`);
            assert.equal(await frame.evaluate(() => location.search), '?sections=quiz&lang=de');
            assert.equal(await frame.getAttribute('html', 'lang'), 'de');
            assert.equal(await frame.isVisible('#quiz'), true);
            assert.equal(await frame.isVisible('#explorer'), false, 'only the quiz section');
            const allowed = builtin_bank.questions.filter((q) => topics.includes(q.topic)).map((q) => q.id);
            // The quiz asks from the author's topics only: the review table lists their questions.
            await frame.waitForFunction(
                (n) =>
                    [...document.querySelectorAll('#quiz-schedule tbody tr td')].reduce(
                        (sum, td) => sum + Number(td.textContent),
                        0
                    ) === n,
                allowed.length
            );
            await frame.selectOption('#quiz-session-size', '5');
            await frame.click('#quiz-start button[type="submit"]');
            const verdicts = [];
            for (let i = 0; i < 5; i++) verdicts.push(await answer_any(frame));
            await frame.waitForFunction(() => document.activeElement?.id === 'quiz-summary-title');
            const asked = await frame.evaluate(() => globalThis.relu_lab.quiz.snapshot().session.ids);
            assert.ok(
                asked.every((id) => allowed.includes(id)),
                `only the chosen topics: ${asked.join(', ')}`
            );

            await page.waitForFunction(() =>
                xapi.some((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed')
            );
            const statements = await page.evaluate(() => xapi);
            const right = verdicts.filter(Boolean).length;
            const completed = statements.filter((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed');
            assert.equal(completed.length, 1);
            assert.deepEqual(completed[0].result.score, { min: 0, max: 5, raw: right, scaled: right / 5 });
            assert.equal(completed[0].result.completion, true);
            assert.equal(completed[0].result.success, (100 * right) / 5 >= 60);
            const answered = statements.filter((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/answered');
            assert.deepEqual(
                answered.map((s) => s.result.success),
                verdicts,
                'each answer, right or wrong'
            );
            // Practice (graded: false, after a last graded attempt) reaches the host as nothing;
            // a graded answer sent after it shows the messages were read.
            await frame.evaluate(() => {
                const base = { version: 1, session_id: 'practice', bank_id: 'relu-lab-core' };
                parent.postMessage({ ...base, type: 'relu-lab:quiz.answered', correct: true, graded: false }, '*');
                parent.postMessage(
                    { ...base, type: 'relu-lab:quiz.completed', score: 5, max_score: 5, graded: false },
                    '*'
                );
                parent.postMessage({ ...base, type: 'relu-lab:quiz.answered', correct: false, graded: true }, '*');
            });
            await page.waitForFunction(
                (count) => xapi.filter((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/answered').length > count,
                answered.length
            );
            const after_practice = await page.evaluate(() => xapi);
            assert.deepEqual(
                after_practice
                    .filter((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/answered')
                    .map((s) => s.result.success),
                [...verdicts, false],
                'no practice answer'
            );
            assert.equal(
                after_practice.filter((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed').length,
                1,
                'no practice score'
            );
            assert.deepEqual(foreign_requests(requests, server.url), []);
            assert.deepEqual(errors, []);
        } finally {
            await browser.close();
            writeFileSync(join(dir, 'h5p', 'content', 'content.json'), JSON.stringify(content));
        }
    });
});
