// Embedding in real Chromium. A course page on another origin frames the quiz alone
// (?sections=quiz&lang=de&lock=language) and receives the height (H5P, Canvas and our own
// format) and the quiz events with the documented schema (web/docs/embedding.md); the
// locked picker is disabled, the other sections are not shown; hostile messages are
// ignored and the page keeps answering. The Embed dialog works by keyboard and copies
// its snippet. The same flow from file://, for dist/ and for the single-file build.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, foreign_requests, launch_browser, open_page } from '../support/browser.js';
import { write_host_page } from '../support/host_page.js';
import { complete_session, start_bank_session, true_false_bank } from '../support/quiz_driver.js';
import { poll, poll_equal, wait_for_attribute } from '../support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshots = join(root, 'build', 'screenshots');
mkdirSync(screenshots, { recursive: true });
// Screenshots for review beside the notes, when that folder exists (RELU_LAB_SHOTS to move it).
const shots = process.env.RELU_LAB_SHOTS ?? screenshots;
mkdirSync(shots, { recursive: true });
const bank = true_false_bank(5);

async function framed_page(context, host_url, src) {
    const opened = await open_page(context, `${host_url}?src=${encodeURIComponent(src)}`);
    const frame = await (await opened.page.waitForSelector('#frame')).contentFrame();
    await frame.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
    return { ...opened, frame };
}

const received = (page, prefix) =>
    page.evaluate(
        (p) => globalThis.received.filter((m) => typeof m.data?.type === 'string' && m.data.type.startsWith(p)),
        prefix
    );

async function assert_resize_messages(page) {
    // Each height goes out as three messages, one after the other: read once every
    // format has had the same number (a batch may be half-way across when first seen).
    const all = await poll(
        () => page.evaluate(() => globalThis.received.map((m) => m.data)),
        (list) => {
            const counts = [
                list.filter((d) => d?.context === 'h5p').length,
                list.filter((d) => d?.subject === 'lti.frameResize').length,
                list.filter((d) => d?.type === 'relu-lab:resize').length,
            ];
            return counts[0] >= 1 && counts.every((n) => n === counts[0]);
        },
        { what: 'complete batches of resize messages' }
    );
    const h5p = all.filter((d) => d?.context === 'h5p');
    const canvas = all.filter((d) => d?.subject === 'lti.frameResize');
    const ours = all.filter((d) => d?.type === 'relu-lab:resize');
    assert.ok(
        h5p.length >= 1 &&
            h5p.every((d) => d.action === 'resize' && Number.isInteger(d.scrollHeight) && d.scrollHeight > 100),
        JSON.stringify(h5p)
    );
    assert.ok(
        canvas.every((d) => Number.isInteger(d.height) && d.height > 100),
        JSON.stringify(canvas)
    );
    assert.ok(
        ours.every((d) => d.version === 1 && Number.isInteger(d.height) && d.height > 100),
        JSON.stringify(ours)
    );
    // The three formats carry the same heights, in the same order.
    assert.deepEqual(
        h5p.map((d) => d.scrollHeight),
        ours.map((d) => d.height)
    );
    assert.deepEqual(
        canvas.map((d) => d.height),
        ours.map((d) => d.height)
    );
}

// Answers the five true/false questions (the third one wrongly) and checks the events.
async function assert_quiz_events(page, frame, lang, module_origin) {
    await page.evaluate(() => {
        globalThis.received = globalThis.received.filter((m) => !m.data?.type?.startsWith('relu-lab:quiz.'));
    });
    await start_bank_session(frame, bank);
    await complete_session(frame, bank, lang, [2]);
    await page.waitForFunction(() => globalThis.received.some((m) => m.data?.type === 'relu-lab:quiz.completed'));
    const messages = await received(page, 'relu-lab:quiz.');
    if (module_origin) for (const m of messages) assert.equal(m.origin, module_origin);
    const of_type = (type) => messages.map((m) => m.data).filter((d) => d.type === type);
    const started = of_type('relu-lab:quiz.started');
    assert.equal(started.length, 1);
    const session_id = started[0].session_id;
    assert.match(session_id, /^s[0-9a-z]+$/);
    assert.deepEqual(started[0], {
        type: 'relu-lab:quiz.started',
        version: 1,
        session_id,
        bank_id: bank.id,
        question_count: 5,
    });

    const answered = of_type('relu-lab:quiz.answered');
    assert.equal(answered.length, 5);
    answered.forEach((d, i) => {
        assert.deepEqual(Object.keys(d).sort(), [
            'answered_so_far',
            'bank_id',
            'correct',
            'graded',
            'question_count',
            'question_id',
            'question_type',
            'score_so_far',
            'session_id',
            'topic',
            'type',
            'version',
        ]);
        assert.equal(d.version, 1);
        assert.equal(d.graded, true); // no attempts limit: every session counts
        assert.equal(d.session_id, session_id);
        assert.equal(d.bank_id, bank.id);
        assert.ok(bank.questions.some((q) => q.id === d.question_id && q.topic === d.topic));
        assert.equal(d.question_type, 'true_false');
        assert.equal(d.correct, i !== 2);
        assert.equal(d.answered_so_far, i + 1);
        assert.equal(d.score_so_far, i + 1 - (i >= 2 ? 1 : 0));
        assert.equal(d.question_count, 5);
    });
    const scores = of_type('relu-lab:quiz.score');
    assert.equal(scores.length, 5);
    // After each answer: score of the questions so far, percent of the whole session.
    assert.deepEqual(
        scores.map((d) => [d.score, d.max_score, d.percent]),
        [
            [1, 5, 20],
            [2, 5, 40],
            [2, 5, 40],
            [3, 5, 60],
            [4, 5, 80],
        ]
    );
    // These fields as documented; the graded quiz may add fields of its own (attempts).
    const completed_fields = ['type', 'version', 'session_id', 'bank_id', 'score', 'max_score', 'percent'];
    const pick = (d) => Object.fromEntries(completed_fields.map((key) => [key, d[key]]));
    assert.deepEqual(of_type('relu-lab:quiz.completed').map(pick), [
        {
            type: 'relu-lab:quiz.completed',
            version: 1,
            session_id,
            bank_id: bank.id,
            score: 4,
            max_score: 5,
            percent: 80,
        },
    ]);
}

async function assert_quiz_only(frame) {
    assert.equal(await frame.isVisible('#quiz'), true);
    assert.equal(await frame.isVisible('#explorer'), false);
    assert.equal(await frame.isVisible('.section-nav'), false, 'with one section the navigation goes');
    for (const id of await frame.$$eval('main > section.page-section', (s) => s.map((e) => e.id))) {
        if (id !== 'quiz') assert.equal(await frame.isVisible(`#${id}`), false, `${id} is hidden`);
    }
    assert.equal(await frame.$('#embed-open'), null, 'no Embed button inside a course');
    // Instructor tools are not for learners: the header with its build badge, the guide
    // link, the bank loader and the progress files.
    for (const selector of ['.site-header', '#build-badge', '[data-control="guide"]', '.quiz-bank'])
        assert.equal(await frame.isVisible(selector), false, `${selector} is hidden`);
    assert.equal(await frame.isVisible('.site-footer'), true);
}

async function assert_language_locked(frame) {
    assert.equal(await frame.$eval('#language-select', (e) => e.disabled), true);
    assert.equal(await frame.getAttribute('[data-control="language"]', 'aria-disabled'), 'true');
    // The frame runs in German (?lang=de): the title is the German text.
    assert.equal(await frame.getAttribute('[data-control="language"]', 'title'), 'Von Ihrem Kurs festgelegt');
    // Not reachable by keyboard either.
    await frame.focus('body');
    for (let i = 0; i < 6; i++) {
        await frame.page().keyboard.press('Tab');
        assert.notEqual(await frame.evaluate(() => document.activeElement?.id), 'language-select');
    }
}

describe('embedded in a course page on another origin', () => {
    let browser;
    let module_server;
    let host_server;
    before(async () => {
        browser = await launch_browser();
        module_server = await start_static_server(dist_dir);
        host_server = await start_static_server(write_host_page());
    });
    after(async () => {
        await browser?.close();
        await module_server?.close();
        await host_server?.close();
    });

    test('the quiz alone, in German, language locked: resize and quiz events reach the host', async () => {
        const module_origin = new URL(module_server.url).origin;
        assert.notEqual(module_origin, new URL(host_server.url).origin);
        const src = `${module_server.url}?sections=quiz&lang=de&lock=language`;
        const { page, frame, errors, requests } = await framed_page(
            browser.context,
            `${host_server.url}host.html`,
            src
        );
        assert.equal(await frame.getAttribute('html', 'lang'), 'de');
        await assert_quiz_only(frame);
        await assert_language_locked(frame);
        await assert_resize_messages(page);
        await assert_quiz_events(page, frame, 'de', module_origin);

        // The host sized the frame from our messages: frame and content agree (the
        // trailing message comes up to 100 ms after the last change).
        await poll(
            async () => [
                await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)),
                await page.evaluate(() => document.getElementById('frame').getBoundingClientRect().height),
            ],
            ([content, framed]) => Math.abs(content - framed) <= 1,
            { what: 'the frame as tall as its content' }
        );
        await page.screenshot({ path: join(screenshots, 'embed-host-quiz-de.png'), fullPage: true });

        assert.deepEqual(
            foreign_requests(requests, src).filter((r) => !r.startsWith(host_server.url)),
            []
        );
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('hostile messages are ignored; get-state and set-language still answer', async () => {
        const src = `${module_server.url}?sections=quiz&lang=de&lock=language`;
        const { page, frame, errors } = await framed_page(browser.context, `${host_server.url}host.html`, src);
        await page.evaluate(() => {
            const target = document.getElementById('frame').contentWindow;
            const deep = {};
            let node = deep;
            for (let i = 0; i < 1000; i++) node = node.next = {};
            for (const data of [
                'x'.repeat(8_000_000),
                '<img src=x onerror="window.pwned = 1">',
                JSON.stringify({ type: 'relu-lab:get-state', request_id: 'as-text' }),
                { type: 'relu-lab:unknown', request_id: 'unknown' },
                { type: 'relu-lab:set-language', lang: '<b>it</b>', request_id: 'html-lang' },
                { type: 'relu-lab:set-language', lang: 'i'.repeat(5_000_000), request_id: 'huge-lang' },
                { type: 'relu-lab:get-state', request_id: 'deep', payload: deep },
                { type: 'relu-lab:get-state', request_id: 'many', a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 },
                [{ type: 'relu-lab:get-state' }],
                new ArrayBuffer(16 * 1024 * 1024),
            ])
                target.postMessage(data, '*');
            target.postMessage({ type: 'relu-lab:get-state', request_id: 'fine' }, '*');
        });
        // The two well-formed requests are answered (the language one after an await);
        // then one more round trip, sent after both answers, so that a reply to anything
        // else would have arrived before its answer.
        await page.waitForFunction(() =>
            ['fine', 'html-lang'].every((id) => globalThis.received.some((m) => m.data?.request_id === id))
        );
        await page.evaluate(() =>
            document
                .getElementById('frame')
                .contentWindow.postMessage({ type: 'relu-lab:get-state', request_id: 'flush' }, '*')
        );
        await page.waitForFunction(() => globalThis.received.some((m) => m.data?.request_id === 'flush'));
        const replies = (await received(page, 'relu-lab:'))
            .map((m) => m.data)
            .filter((d) => 'request_id' in d && d.request_id !== 'flush');
        // Well-formed requests are answered (a language we lack with ok: false), the rest dropped.
        assert.deepEqual(
            replies.map((d) => d.request_id).sort(),
            ['fine', 'html-lang'],
            'only well-formed requests are answered'
        );
        assert.deepEqual(
            replies.find((d) => d.request_id === 'html-lang'),
            { type: 'relu-lab:language', version: 1, ok: false, lang: 'de', request_id: 'html-lang' }
        );
        const state = replies.find((d) => d.request_id === 'fine');
        assert.equal(state.type, 'relu-lab:state');
        assert.equal(state.version, 1);
        assert.equal(state.language, 'de');
        assert.deepEqual(state.sections, ['quiz']);
        assert.deepEqual(state.locked, ['language']);
        assert.equal(state.host_origin, new URL(host_server.url).origin);
        assert.equal(state.quiz.bank_id, 'relu-lab-core');
        assert.equal(state.quiz.session, null);
        assert.ok(['fma', 'simd', 'scalar'].includes(state.build));

        assert.equal(await frame.evaluate(() => globalThis.pwned), undefined);
        assert.equal(await frame.$$eval('img[onerror], b', (e) => e.length), 0);
        assert.equal(await frame.getAttribute('html', 'lang'), 'de');

        // The page keeps working: the course switches the language (the learner still cannot).
        await page.evaluate(() =>
            document
                .getElementById('frame')
                .contentWindow.postMessage({ type: 'relu-lab:set-language', lang: 'it', request_id: 2 }, '*')
        );
        await page.waitForFunction(() => globalThis.received.some((m) => m.data?.request_id === 2));
        const [reply] = (await received(page, 'relu-lab:language')).map((m) => m.data);
        assert.deepEqual(reply, {
            type: 'relu-lab:language',
            version: 1,
            ok: false,
            lang: 'de',
            request_id: 'html-lang',
        });
        const it_reply = (await received(page, 'relu-lab:language')).map((m) => m.data).find((d) => d.request_id === 2);
        assert.deepEqual(it_reply, { type: 'relu-lab:language', version: 1, ok: true, lang: 'it', request_id: 2 });
        await wait_for_attribute(frame, 'html', 'lang', 'it');
        await poll_equal(() => frame.$eval('#language-select', (e) => e.disabled), true);
        await start_bank_session(frame, bank);
        assert.match(await frame.textContent('#quiz-counter'), /1/);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('a hidden control and an unknown option: hidden, and one console warning', async () => {
        const { page, errors } = await open_page(
            browser.context,
            `${module_server.url}?hide=footer,quiz_bank&lock=nav,no_such_control&sections=explorer,quiz,bogus`
        );
        let warnings = [];
        page.on('console', (m) => {
            if (m.type() === 'warning') warnings.push(m.text());
        });
        await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
        assert.equal(await page.isVisible('.site-footer'), false);
        assert.equal(await page.isVisible('.quiz-bank'), false);
        assert.equal(await page.isVisible('#explorer'), true);
        assert.equal(await page.isVisible('.section-nav'), true, 'two sections: the navigation stays');
        assert.equal(await page.getAttribute('.section-nav', 'aria-disabled'), 'true');
        assert.equal(await page.getAttribute('.section-nav a[href="#quiz"]', 'tabindex'), '-1');
        // Locks hold against re-rendering: re-enabled or newly added controls are locked again.
        const relocked = await page.evaluate(async () => {
            const nav = document.querySelector('.section-nav');
            const button = document.createElement('button');
            nav.appendChild(button);
            const added = document.createElement('div');
            added.dataset.control = 'nav';
            added.innerHTML = '<select><option>1</option></select>';
            document.querySelector('main').appendChild(added);
            await new Promise((r) => setTimeout(r, 0));
            const after_add = [
                button.disabled,
                added.querySelector('select').disabled,
                added.getAttribute('aria-disabled'),
            ];
            button.disabled = false;
            await new Promise((r) => setTimeout(r, 0));
            return [...after_add, button.disabled];
        });
        assert.deepEqual(relocked, [true, true, 'true', true]);
        warnings = [];
        await page.reload();
        await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
        // Console messages reach the test as events of their own: wait for the first.
        await poll(
            () => warnings.filter((w) => w.includes('ignored embedding options')).length,
            (n) => n >= 1,
            { what: 'the warning' }
        );
        assert.equal(warnings.filter((w) => w.includes('ignored embedding options')).length, 1, warnings.join('\n'));
        assert.match(
            warnings.find((w) => w.includes('ignored')),
            /sections=bogus.*lock=no_such_control|lock=no_such_control.*sections=bogus/
        );
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('show= brings back instructor tools; one lab alone shows no tabs for the others', async () => {
        const framed = await framed_page(
            browser.context,
            `${host_server.url}host.html`,
            `${module_server.url}?sections=quiz,labs&lab=dying_relu&show=header,quiz_bank`
        );
        const frame = framed.frame;
        assert.equal(await frame.isVisible('.site-header'), true);
        assert.equal(await frame.isVisible('.quiz-bank'), true);
        assert.equal(await frame.isVisible('[data-control="guide"]'), false, 'not asked for: still hidden');
        assert.equal(await frame.isVisible('.lab-tabs'), false);
        assert.equal(await frame.isVisible('#lab-panel-dying_relu'), true);
        assert.equal(await frame.evaluate(() => globalThis.relu_lab.labs.open('sparsity')), false);
        assert.equal(await frame.isVisible('#lab-panel-sparsity'), false);
        assert.deepEqual(framed.errors, []);
        await framed.page.close();
        // The whole page keeps them all, and every lab tab.
        const { page, errors } = await open_page(browser.context, 'about:blank');
        const warnings = [];
        page.on('console', (m) => {
            if (m.type() === 'warning') warnings.push(m.text());
        });
        await page.goto(`${module_server.url}?show=nav`);
        await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
        for (const selector of ['.site-header', '[data-control="guide"]', '.quiz-bank', '.lab-tabs'])
            assert.equal(await page.isVisible(selector), true, `${selector} is shown`);
        await poll(
            () => warnings.filter((w) => w.includes('ignored embedding options')),
            (list) => list.length >= 1,
            { what: 'the warning' }
        );
        assert.match(
            warnings.find((w) => w.includes('ignored')),
            /show=nav/
        );
        // The guide is shipped and linked.
        const guide = await page.getAttribute('[data-control="guide"] a', 'href');
        await page.goto(new URL(guide, module_server.url).href);
        assert.equal(await page.textContent('h1'), "Instructor's guide");
        assert.ok(await page.$('a[href="embedding.html"]'), 'the guide links the embedding reference');
        assert.deepEqual(errors, []);
        await page.close();
    });

    test("a plain course page on another origin with the dialog's snippet: the frame follows its content", async () => {
        // The instructor's snippet, from the dialog: the quiz alone.
        const { page: dialog_page } = await open_page(browser.context, `${module_server.url}?sections=quiz`);
        await dialog_page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
        await dialog_page.click('#embed-open');
        await dialog_page.waitForSelector('#embed-dialog[open]');
        await dialog_page.fill('#embed-height', '300');
        const snippet = await poll(
            () => dialog_page.inputValue('#embed-snippet'),
            (text) => text.includes('height="300"'),
            { what: 'the snippet' }
        );
        assert.match(snippet, /<script src="http:\/\/[^"]+\/relu-lab-resizer\.js"><\/script>$/);
        await dialog_page.close();
        const course_dir = mkdtempSync(join(tmpdir(), 'relu-lab-course-'));
        writeFileSync(
            join(course_dir, 'course.html'),
            `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course</title></head>\n` +
                `<body><h1>Week 3: activations</h1>\n${snippet}\n<p>After the quiz.</p></body></html>\n`
        );
        const course_server = await start_static_server(course_dir);
        try {
            assert.notEqual(new URL(course_server.url).origin, new URL(module_server.url).origin);
            const { page, errors } = await open_page(browser.context, `${course_server.url}course.html`);
            const frame = await (await page.waitForSelector('iframe[data-relu-lab]')).contentFrame();
            await frame.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
            const heights = async () => [
                await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)),
                await page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height),
            ];
            const same = ([content, framed]) => Math.abs(content - framed) <= 1;
            const [first] = await poll(heights, same, { what: 'the frame as tall as its content' });
            assert.ok(first > 300, `content ${first}px`);
            // A message from anything but the frame's own window and origin resizes nothing:
            // the course page itself, then the frame's content grows, and the frame follows.
            await page.evaluate(() => window.postMessage({ type: 'relu-lab:resize', version: 1, height: 40 }, '*'));
            await frame.evaluate(() => {
                const tall = document.createElement('div');
                tall.style.height = '1500px';
                document.querySelector('#quiz').appendChild(tall);
            });
            const [grown] = await poll(heights, (h) => same(h) && h[0] >= first + 1500, {
                what: 'the frame grown with its content',
            });
            assert.ok(grown >= first + 1500);
            assert.deepEqual(errors, []);
            await page.screenshot({ path: join(shots, 'embed_course_page.png') });
            await page.close();
        } finally {
            await course_server.close();
        }
    });

    test('the Embed dialog: lab and preset pickers, quiz options, show=, names, ignored options', async () => {
        const { page, errors } = await open_page(
            browser.context,
            `${module_server.url}?sections=quiz&hide=langauge&quiz_questions=12`
        );
        await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
        await page.click('#embed-open');
        await page.waitForSelector('#embed-dialog[open]');
        const src = async () =>
            (await page.inputValue('#embed-snippet')).match(/src="([^"]*)"/)?.[1].replaceAll('&amp;', '&') ?? '';
        const address = new URL(module_server.url).href;
        // The unknown name from this page's address is shown to the instructor.
        await poll(
            () => page.textContent('#embed-ignored'),
            (text) => text.includes('hide=langauge'),
            { what: 'the ignored name in the dialog' }
        );
        assert.equal(await page.isVisible('#embed-ignored'), true);
        // Each control row names what lock= and hide= need.
        assert.equal(await page.textContent('#embed-control-rows tr:has(input[value="language"]) th code'), 'language');
        assert.equal(await page.isVisible('#embed-quiz'), true);
        assert.equal(await page.isVisible('#embed-lab-row'), false, 'labs not chosen');
        assert.equal(await page.inputValue('#embed-quiz-questions'), '12');
        // Instructor tools: off by default, ticked on demand.
        assert.deepEqual(await page.$$eval('#embed-show input', (boxes) => boxes.map((b) => [b.value, b.checked])), [
            ['header', false],
            ['guide', false],
            ['quiz_bank', false],
            ['quiz_progress_files', false],
        ]);
        await page.check('#embed-show input[value="quiz_bank"]');
        await page.fill('#embed-quiz-questions', '10');
        await page.check('#embed-topics input[value="definition"]');
        await page.fill('#embed-topic-count-definition', '3');
        await page.check('#embed-topics input[value="variants"]');
        await page.fill('#embed-quiz-attempts', '2');
        await page.selectOption('#embed-quiz-counts', 'best');
        await page.fill('#embed-mastery', '75');
        await poll_equal(
            src,
            `${address}?sections=quiz&lang=en&show=quiz_bank&quiz_questions=10&quiz_topics=definition:3,variants&quiz_attempts=2&quiz_counts=best&mastery=75`
        );
        // A value out of range is named as ignored.
        await page.fill('#embed-quiz-questions', '99');
        await poll(
            () => page.textContent('#embed-ignored'),
            (text) => text.includes('quiz_questions=99'),
            { what: 'the refused quiz value' }
        );
        await page.fill('#embed-quiz-questions', '');
        // One lab, then the trainer with a preset.
        await page.uncheck('#embed-sections input[value="quiz"]');
        await page.check('#embed-sections input[value="labs"]');
        await page.waitForSelector('#embed-lab-row', { state: 'visible' });
        assert.equal(await page.isVisible('#embed-quiz'), false);
        await page.selectOption('#embed-lab', 'dying_relu');
        await poll_equal(src, `${address}?sections=labs&lab=dying_relu&lang=en&show=quiz_bank`);
        await page.uncheck('#embed-sections input[value="labs"]');
        await page.check('#embed-sections input[value="trainer"]');
        await page.waitForSelector('#embed-preset-row', { state: 'visible' });
        await page.selectOption('#embed-preset', 'small');
        await poll_equal(src, `${address}?sections=trainer&lang=en&preset=small&show=quiz_bank`);
        await page.setViewportSize({ width: 1280, height: 1400 });
        await page.uncheck('#embed-sections input[value="trainer"]');
        await page.check('#embed-sections input[value="quiz"]');
        await page.waitForSelector('#embed-quiz', { state: 'visible' });
        await page.screenshot({ path: join(shots, 'embed_dialog.png'), fullPage: true });
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('the Embed dialog: keyboard, snippet for the choices, copy, Escape; screenshots', async () => {
        const origin = new URL(module_server.url).origin;
        await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
        const { page, errors } = await open_page(browser.context, `${module_server.url}?sections=quiz&lock=language`);
        await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
        await page.focus('#embed-open');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#embed-dialog[open]');
        await poll_equal(() => page.evaluate(() => Boolean(document.activeElement.closest('#embed-dialog'))), true, {
            what: 'focus inside the dialog',
        });
        // Tab stays inside the modal dialog.
        for (let i = 0; i < 40; i++) {
            await page.keyboard.press('Tab');
            const where = await page.evaluate(() =>
                document.activeElement === document.body
                    ? 'body'
                    : document.activeElement.closest('#embed-dialog')
                      ? 'dialog'
                      : document.activeElement.outerHTML.slice(0, 60)
            );
            assert.ok(where === 'dialog' || where === 'body', `Tab left the dialog: ${where}`);
        }
        const snippet = () => page.inputValue('#embed-snippet');
        const address = new URL(module_server.url).href;
        const resizer = `\n<script src="${address}relu-lab-resizer.js"></script>`;
        assert.equal(
            await snippet(),
            `<iframe src="${address}?sections=quiz&amp;lang=en&amp;lock=language" title="ReLU Lab" width="100%" height="800" style="border:0;max-width:100%" loading="lazy" data-relu-lab></iframe>${resizer}`
        );
        await page.check('#embed-sections input[value="explorer"]');
        await page.uncheck('#embed-sections input[value="quiz"]');
        await page.selectOption('#embed-language', 'es');
        await page.check('#embed-control-rows input[name="hide"][value="nav"]');
        await page.uncheck('#embed-control-rows input[name="lock"][value="language"]');
        await page.fill('#embed-height', '1200');
        await poll_equal(
            snippet,
            `<iframe src="${address}?sections=explorer&amp;lang=es&amp;hide=nav" title="ReLU Lab" width="100%" height="1200" style="border:0;max-width:100%" loading="lazy" data-relu-lab></iframe>${resizer}`
        );
        // Each checkbox is named by its column and row.
        assert.equal(
            await page.$eval('#embed-control-rows input[name="hide"][value="nav"]', (e) =>
                e
                    .getAttribute('aria-labelledby')
                    .split(' ')
                    .map((id) => document.getElementById(id).textContent)
                    .join(' ')
            ),
            'Hide Section links'
        );
        await page.click('#embed-copy');
        // The status is written once the asynchronous clipboard write settles.
        await page.waitForFunction(() => document.querySelector('#embed-copy-status').textContent !== '', null, {
            timeout: 5_000,
        });
        assert.equal(await page.textContent('#embed-copy-status'), 'Copied.');
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await snippet());

        for (const [scheme, width] of [
            ['light', 1280],
            ['dark', 1280],
            ['light', 320],
            ['dark', 320],
        ]) {
            await page.emulateMedia({ colorScheme: scheme });
            await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
            await poll_equal(
                () => page.evaluate(() => [window.innerWidth, matchMedia('(prefers-color-scheme: dark)').matches]),
                [width, scheme === 'dark']
            );
            const overflow = await page.$eval('#embed-dialog', (d) => d.scrollWidth - d.clientWidth);
            assert.ok(overflow <= 0, `${scheme} ${width}: dialog ${overflow}px too wide`);
            const box = await page.$eval('#embed-dialog', (d) => d.getBoundingClientRect().toJSON());
            assert.ok(box.left >= 0 && box.right <= width, `${scheme} ${width}: dialog off screen`);
            await page.screenshot({ path: join(screenshots, `embed-dialog-${scheme}-${width}.png`) });
        }
        await page.keyboard.press('Escape');
        await page.waitForSelector('#embed-dialog:not([open])', { state: 'attached' });
        // Focus returns on the dialog's `close` event, a task queued after it closed.
        await poll_equal(() => page.evaluate(() => document.activeElement.id), 'embed-open', {
            what: 'focus back on the Embed button',
        });
        assert.deepEqual(errors, []);
        await page.close();
    });
});

describe('embedded from file://', () => {
    let browser;
    let host_dir;
    before(async () => {
        browser = await launch_browser();
        host_dir = write_host_page();
    });
    after(async () => {
        await browser?.close();
    });

    test('the Embed dialog from file:// asks for the address a course can reach', async () => {
        const { page, errors } = await open_page(
            browser.context,
            `${pathToFileURL(join(dist_dir, 'index.html')).href}?sections=quiz`
        );
        await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
        await page.click('#embed-open');
        await page.waitForSelector('#embed-dialog[open]');
        assert.equal(await page.inputValue('#embed-address'), '');
        await page.waitForSelector('#embed-file-warning', { state: 'visible' });
        assert.match(await page.textContent('#embed-address-needed'), /file:\/\/.*cannot reach/s);
        assert.equal(await page.inputValue('#embed-snippet'), '');
        assert.equal(await page.isDisabled('#embed-copy'), true);
        await page.screenshot({ path: join(shots, 'embed_dialog_file.png') });
        // A file:// address typed in does not count either.
        await page.fill('#embed-address', pathToFileURL(join(dist_dir, 'index.html')).href);
        assert.equal(await page.inputValue('#embed-snippet'), '');
        await page.fill('#embed-address', 'https://courses.example.org/relu-lab');
        await poll(
            () => page.inputValue('#embed-snippet'),
            (text) =>
                text.startsWith('<iframe src="https://courses.example.org/relu-lab/?sections=quiz&amp;lang=en"') &&
                text.endsWith('<script src="https://courses.example.org/relu-lab/relu-lab-resizer.js"></script>'),
            { what: 'the snippet for the hosted address' }
        );
        await page.waitForSelector('#embed-address-needed', { state: 'hidden' });
        assert.equal(await page.isDisabled('#embed-copy'), false);
        await page.screenshot({ path: join(shots, 'embed_dialog_file_address.png') });
        assert.deepEqual(errors, []);
        await page.close();
    });

    for (const [label, file] of [
        ['dist/index.html', 'index.html'],
        ['the single-file build', 'relu-lab-single-file.html'],
    ]) {
        test(`${label} in a file:// course page: sections, lock, resize and quiz events`, async () => {
            const src = `${pathToFileURL(join(dist_dir, file)).href}?sections=quiz&lang=de&lock=language`;
            const { page, frame, errors, requests } = await framed_page(
                browser.context,
                pathToFileURL(join(host_dir, 'host.html')).href,
                src
            );
            await assert_quiz_only(frame);
            await assert_language_locked(frame);
            // file:// documents have opaque origins: messages arrive with origin "null".
            await assert_resize_messages(page);
            assert.ok((await page.evaluate(() => globalThis.received.map((m) => m.origin))).every((o) => o === 'null'));
            await assert_quiz_events(page, frame, 'de', null);
            // Without an LMS (none can be reached from file://) the page runs standalone.
            assert.equal(await frame.getAttribute('html', 'data-scorm'), 'standalone');
            assert.deepEqual(foreign_requests(requests, src), []);
            assert.deepEqual(errors, []);
            await page.close();
        });
    }
});
