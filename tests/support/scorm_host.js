// A learning platform for the SCORM browser tests: a host page whose window offers
// scorm-again's LMS run-time for SCORM 1.2 (window.API) or SCORM 2004 (window.API_1484_11)
// with strict errors and nothing automatic, and launches the unzipped package in a frame.
// Every SetValue the LMS refuses is recorded with its error code, every commit with what
// the LMS would have saved. Plus a quiz driver that answers whatever question is on
// screen (any of the six types), and one that answers hundreds of questions in the page.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { unzipSync } from 'fflate';

import { dist_dir, open_page } from './browser.js';
import { fill_numeric_answer } from './quiz_answer.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const builtin_bank = JSON.parse(readFileSync(join(root, 'web', 'quiz', 'bank', 'relu_lab_bank.json'), 'utf8'));

// ?student=, ?suspend= and ?mastery= (percent) set what the LMS holds at launch.
const host_js = (version) => `
const params = new URLSearchParams(location.search);
const version = ${JSON.stringify(version)};
window.refused = [];
window.calls = [];
window.commits = [];
const api = version === '2004'
    ? new Scorm2004API({ logLevel: 5, strict_errors: true, autocommit: false })
    : new Scorm12API({ logLevel: 5, strict_errors: true, autocommit: false });
const student = params.get('student') ?? 'student-1';
const mastery = params.get('mastery') ?? '80';
const initial = version === '2004'
    ? { learner_id: student, scaled_passing_score: String(Number(mastery) / 100) }
    : { core: { student_id: student }, student_data: { mastery_score: mastery } };
if (params.get('suspend')) initial.suspend_data = params.get('suspend');
api.loadFromJSON(initial);
const names = version === '2004'
    ? { set: 'SetValue', error: 'GetLastError', life: ['Initialize', 'Commit', 'Terminate'] }
    : { set: 'LMSSetValue', error: 'LMSGetLastError', life: ['LMSInitialize', 'LMSCommit', 'LMSFinish'] };
const set_value = api[names.set].bind(api);
api[names.set] = (element, value) => {
    const ok = set_value(element, value);
    window.calls.push('set ' + element + '=' + String(value).slice(0, 40));
    if (ok !== 'true') window.refused.push(element + '=' + String(value).slice(0, 60) + ' (error ' + api[names.error]() + ')');
    return ok;
};
// What the LMS holds, write-only elements included (its JSON).
window.stored = () => JSON.parse(JSON.stringify(api.cmi));
for (const name of names.life) {
    const original = api[name].bind(api);
    api[name] = (arg) => {
        window.calls.push(name);
        if (name === names.life[1]) window.commits.push({ at_ms: Date.now(), cmi: window.stored() });
        return original(arg);
    };
}
window[version === '2004' ? 'API_1484_11' : 'API'] = api;
const frame = document.createElement('iframe');
frame.id = 'sco';
frame.title = 'ReLU Lab';
frame.style.cssText = 'width:100%;height:900px;border:0';
frame.src = 'pkg/index.html';
document.body.appendChild(frame);
`;

// Unzips the package into dir/pkg and writes the host page (dir/host.html) for version.
export function set_up_host(dir, zip_name, version) {
    const zip_path = join(dist_dir, zip_name);
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
    const runtime_file = version === '2004' ? 'scorm2004.js' : 'scorm12.js';
    copyFileSync(join(root, 'node_modules', 'scorm-again', 'dist', runtime_file), join(dir, runtime_file));
    writeFileSync(join(dir, 'host.js'), host_js(version));
    writeFileSync(
        join(dir, 'host.html'),
        `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>LMS</title></head><body><script src="${runtime_file}"></script><script src="host.js"></script></body></html>\n`
    );
    return { names: Object.keys(files), size_bytes: zip.length };
}

export const host_url = (server, { student = 'student-1', suspend = null, mastery = null } = {}) => {
    const params = new URLSearchParams({ student });
    if (suspend) params.set('suspend', suspend);
    if (mastery) params.set('mastery', mastery);
    return `${server.url}host.html?${params}`;
};

export async function launch_in_host(context, url) {
    const opened = await open_page(context, url);
    const frame = await (await opened.page.waitForSelector('#sco')).contentFrame();
    await frame.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
    return { ...opened, frame };
}

// The learner leaves (the LMS closes the frame); waits for the last call.
export async function leave(page, last_call) {
    await page.evaluate(() => {
        document.getElementById('sco').src = 'about:blank';
    });
    await page.waitForFunction((name) => calls.includes(name), last_call);
}

// Answers the question on screen with a valid response of its type: the first option,
// or 0.5 in a text field (for each value a question asks for). Returns the verdict shown (true: right).
export async function answer_any(frame) {
    await frame.waitForFunction(() => document.activeElement?.id === 'quiz-prompt');
    const has_choices = await frame.evaluate(() =>
        Boolean(document.querySelector('#quiz-answer-body input[type=radio], #quiz-answer-body input[type=checkbox]'))
    );
    if (has_choices) await frame.click('#quiz-answer-body label.quiz-choice >> nth=0');
    else await fill_numeric_answer(frame, '0.5');
    await frame.click('#quiz-check');
    await frame.waitForSelector('#quiz-feedback .quiz-verdict');
    const correct = (await frame.getAttribute('#quiz-feedback .quiz-verdict', 'data-correct')) === 'true';
    await frame.waitForFunction(() => document.activeElement?.id === 'quiz-next');
    await frame.press('#quiz-next', 'Enter');
    return correct;
}

// Answers `count` questions inside the page, session after session of 20, with the same
// valid responses as answer_any (the page's own handlers run; no waiting between steps,
// as each step is synchronous). Returns how many it answered.
export function answer_many_in_page(frame, count) {
    return frame.evaluate((count) => {
        const $ = (selector) => document.querySelector(selector);
        const quiz = globalThis.relu_lab.quiz;
        let answered = 0;
        while (answered < count) {
            const session = quiz.snapshot().session;
            if (session === null) {
                $('#quiz-session-size').value = '20';
                $('#quiz-start').requestSubmit();
                continue;
            }
            const choice = $('#quiz-answer-body input[type=radio], #quiz-answer-body input[type=checkbox]');
            if (choice) choice.click();
            else {
                // As many values as the question asks for (the page refuses a count that is off).
                const field = $('#quiz-answer-body input[type=text]');
                field.value = Array(Number(field.dataset.valueCount ?? 1))
                    .fill('0.5')
                    .join(', ');
            }
            $('#quiz-answer-form').requestSubmit();
            answered++;
            $('#quiz-next').click();
            const after = quiz.snapshot().session;
            if (after.results.length === after.ids.length) $('#quiz-again').click();
        }
        return answered;
    }, count);
}

// Every flashcard of Learn graded "knew it", as the learner's buttons do: the grades join
// the shipped bank's review schedule. Returns how many.
export async function grade_every_flashcard(frame) {
    const ids = await frame.evaluate(() => globalThis.relu_lab.learn?.flashcards?.ids() ?? []);
    assert.ok(ids.length > 0, 'Learn offers flashcards');
    const graded = await frame.evaluate(
        (list) => list.filter((id) => globalThis.relu_lab.quiz.review_flashcard(id, true)).length,
        ids
    );
    assert.equal(graded, ids.length);
    return new Set(ids).size;
}

// The platform's copy of a learner who has seen every question of the shipped bank:
// `due_ids` due now (so the next session asks them first), the rest due tomorrow.
export function platform_record(now_ms, due_ids) {
    const minute_ms = 60_000;
    const cards = {};
    for (const q of builtin_bank.questions) {
        cards[q.id] = due_ids.includes(q.id)
            ? { box: 1, due_ms: now_ms - 10 * minute_ms, right: 0, wrong: 1, last_ms: now_ms - 10 * minute_ms }
            : { box: 2, due_ms: now_ms + 24 * 60 * minute_ms, right: 1, wrong: 0, last_ms: now_ms - 20 * minute_ms };
    }
    return { schedule: { cards }, last_session: null };
}

// Ten questions that cover the six types: two of each choice kind, a scalar and a vector
// numeric answer, a predicted number and a predicted range.
export const six_type_ids = [
    'def-formula',
    'def-statements',
    'def-bounded',
    'def-curve',
    'def-scalar',
    'def-worked-example',
    'why-predict-zeros',
    'why-predict-depth',
    'def-vector',
    'der-vector',
];
