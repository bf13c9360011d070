// The embedding's address parameters are read strictly (unknown or malformed values are
// dropped and listed, lists capped, long values cut), the snippet is well-escaped, and
// parent messages of the wrong shape are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { embed_config } from '../../web/embed/embed_config.js';
import {
    embed_snippet,
    hosted_address,
    page_address,
    resizer_address,
    snippet_ignored,
} from '../../web/embed/embed_dialog.js';
import { hidden_controls, unknown_shown_names } from '../../web/embed/instructor_tools.js';
import { check_quiz_parameter } from '../../web/embed/quiz_parameters.js';
import {
    message_target_origin,
    outgoing_event_message,
    parent_poster,
    read_incoming_message,
    start_parent_messages,
} from '../../web/embed/parent_messages.js';

test('the documented example is read as written', () => {
    const c = embed_config('?sections=quiz,explorer&lock=language,preset&hide=nav&lang=de&preset=small&lab=dying_relu');
    assert.deepEqual(c.sections, ['quiz', 'explorer']);
    assert.equal(c.lab, 'dying_relu');
    assert.equal(c.lang, 'de');
    assert.equal(c.preset, 'small');
    assert.deepEqual([...c.locked], ['language', 'preset']);
    assert.deepEqual([...c.hidden], ['nav']);
    assert.equal(c.framed, false);
    assert.equal(c.parent_origin, null);
    assert.deepEqual(c.ignored, []);
});

test('no parameters: everything shown, nothing locked', () => {
    const c = embed_config('');
    assert.equal(c.sections, null);
    assert.equal(c.lab, null);
    assert.equal(c.lang, null);
    assert.equal(c.locked.size, 0);
    assert.equal(c.hidden.size, 0);
});

test('unknown sections are dropped against the known ones; none left means all', () => {
    const c = embed_config('?sections=quiz,nonsense', { known_sections: ['explorer', 'quiz'] });
    assert.deepEqual(c.sections, ['quiz']);
    assert.deepEqual(c.ignored, ['sections=nonsense']);
    assert.equal(embed_config('?sections=nonsense', { known_sections: ['quiz'] }).sections, null);
});

test('a lab alone implies the labs section', () => {
    assert.deepEqual(embed_config('?lab=dying_relu').sections, ['labs']);
    assert.deepEqual(embed_config('?lab=dying_relu&sections=quiz').sections, ['quiz']);
});

test('malformed names are ignored and reported, markup never passes', () => {
    const c = embed_config(
        '?sections=<img src=x onerror=alert(1)>,quiz&lock=language,"><script>&hide=NAV&lang=de"><b>&preset=../../etc'
    );
    assert.deepEqual(c.sections, ['quiz']);
    assert.deepEqual([...c.locked], ['language']);
    assert.deepEqual([...c.hidden], ['nav']); // names are lower-cased
    assert.equal(c.lang, null);
    assert.equal(c.preset, null);
    assert.equal(c.ignored.length, 4, c.ignored.join(' | '));
    for (const value of [...c.sections, ...c.locked, ...c.hidden]) assert.match(value, /^[a-z][a-z0-9_-]*$/);
});

test('oversized values are cut and lists capped', () => {
    const many = Array.from({ length: 40 }, (_, i) => `c${i}`).join(',');
    const c = embed_config(`?lock=${many}&lab=${'a'.repeat(500)}`);
    assert.equal(c.locked.size, 16);
    assert.equal(c.lab, null); // longer than 48 characters after the cut to 64: refused
    const huge = embed_config(`?x=${'y'.repeat(100_000)}&lock=language`);
    assert.equal(huge.locked.size, 0, 'parameters beyond the first 2,048 characters are not read');
});

test('parent_origin must be a bare http(s) origin', () => {
    assert.equal(embed_config('?parent_origin=https://lms.example.org').parent_origin, 'https://lms.example.org');
    assert.equal(embed_config('?parent_origin=https://lms.example.org/').parent_origin, 'https://lms.example.org');
    assert.equal(embed_config('?parent_origin=https://lms.example.org/course/1').parent_origin, null);
    assert.equal(embed_config('?parent_origin=javascript:alert(1)').parent_origin, null);
    assert.equal(embed_config('?parent_origin=https://lms.example.org').parent_origin_refused, null);
    assert.equal(embed_config('').parent_origin_refused, null);
});

// A framed window whose parent records what it is sent, and the hooks the page gives.
function framed_window() {
    const posted = [];
    const listeners = [];
    const parent = { postMessage: (message, origin) => posted.push({ message, origin }) };
    const win = { parent, addEventListener: (type, fn) => listeners.push({ type, fn }) };
    const events = [];
    const hooks = {
        on_learning_event: (name, fn) => events.push(fn),
        set_language: async () => true,
        language: () => 'en',
        get_state: () => ({ language: 'en' }),
        report_resize: () => {},
    };
    const emit = (event) => events.forEach((fn) => fn(event));
    const from_parent = (data, origin) =>
        listeners.filter((l) => l.type === 'message').forEach((l) => l.fn({ source: parent, origin, data }));
    return { win, posted, listeners, hooks, emit, from_parent };
}

function capture_warnings(fn) {
    const warnings = [];
    const original = console.warn;
    console.warn = (...args) => warnings.push(args.join(' '));
    try {
        fn();
    } finally {
        console.warn = original;
    }
    return warnings;
}

test('a malformed parent_origin is refused: nothing is posted to any origin, nothing accepted, one warning names it', async () => {
    for (const bad of ['lms.example.org', 'https://lms.example.org/course/1', 'javascript:alert(1)', 'null', '*']) {
        const w = framed_window();
        const config = embed_config(`?parent_origin=${encodeURIComponent(bad)}`, { win: w.win });
        assert.equal(config.parent_origin, null, bad);
        assert.equal(config.parent_origin_refused, bad);
        // Not also in the generic list: its own warning says what follows from it.
        assert.deepEqual(config.ignored, []);
        assert.equal(message_target_origin(config), null, bad);
        const warnings = capture_warnings(() => {
            start_parent_messages(w.win, config, w.hooks);
            parent_poster(w.win, config)({ type: 'relu-lab:resize', version: 1, height: 500 });
        });
        assert.equal(warnings.length, 1, warnings.join('\n'));
        assert.ok(warnings[0].includes(JSON.stringify(bad)), warnings[0]);
        w.emit({ name: 'quiz.completed', session_id: 's1', score: 4 });
        w.from_parent({ type: 'relu-lab:get-state', request_id: 1 }, 'https://lms.example.org');
        await new Promise((resolve) => setTimeout(resolve, 0));
        assert.deepEqual(w.posted, [], `${bad}: the page posted to its parent`);
    }
});

test('a valid parent_origin is the only target; without one, messages go to any framing origin', () => {
    const w = framed_window();
    const config = embed_config('?parent_origin=https://lms.example.org/', { win: w.win });
    assert.equal(config.parent_origin_refused, null);
    assert.equal(message_target_origin(config), 'https://lms.example.org');
    assert.deepEqual(
        capture_warnings(() => start_parent_messages(w.win, config, w.hooks)),
        []
    );
    w.emit({ name: 'quiz.completed', session_id: 's1', score: 4 });
    parent_poster(w.win, config)({ type: 'relu-lab:resize', version: 1, height: 500 });
    assert.deepEqual(
        w.posted.map((p) => [p.message.type, p.origin]),
        [
            ['relu-lab:quiz.completed', 'https://lms.example.org'],
            ['relu-lab:resize', 'https://lms.example.org'],
        ]
    );

    const any = framed_window();
    const open_config = embed_config('', { win: any.win });
    assert.equal(open_config.parent_origin_refused, null);
    assert.equal(message_target_origin(open_config), '*');
    start_parent_messages(any.win, open_config, any.hooks);
    any.emit({ name: 'quiz.completed', session_id: 's1', score: 4 });
    assert.deepEqual(
        any.posted.map((p) => p.origin),
        ['*']
    );
    // An empty value names no origin: as if absent.
    assert.equal(message_target_origin(embed_config('?parent_origin=', { win: any.win })), '*');
});

test('framed is read from the window, also when the parent is cross-origin', () => {
    const own = {};
    own.parent = own;
    assert.equal(embed_config('', { win: own }).framed, false);
    assert.equal(embed_config('', { win: { parent: {} } }).framed, true);
    const hostile = {
        get parent() {
            throw new Error('SecurityError');
        },
    };
    assert.equal(embed_config('', { win: hostile }).framed, true);
});

test('the snippet: only chosen sections, escaped attributes, sane sizes, the resizer script', () => {
    const snippet = embed_snippet({
        address: 'https://example.org/relu-lab/index.html',
        sections: ['quiz'],
        all_sections: ['explorer', 'quiz'],
        lang: 'de',
        locked: ['language'],
        hidden: ['nav', 'footer'],
        lab: null,
        preset: null,
        width: '100%',
        height: '900',
        title: 'ReLU "Lab" <x>',
    });
    assert.equal(
        snippet,
        '<iframe src="https://example.org/relu-lab/index.html?sections=quiz&amp;lang=de&amp;lock=language&amp;hide=nav,footer" ' +
            'title="ReLU &quot;Lab&quot; &lt;x&gt;" width="100%" height="900" style="border:0;max-width:100%" loading="lazy" data-relu-lab></iframe>\n' +
            '<script src="https://example.org/relu-lab/relu-lab-resizer.js"></script>'
    );
    const all = embed_snippet({
        address: 'http://127.0.0.1:8080/',
        sections: ['explorer', 'quiz'],
        all_sections: ['explorer', 'quiz'],
        lang: 'en',
        locked: [],
        hidden: [],
        shown: ['header'],
        width: '100"%',
        height: 'x',
        title: 'T',
    });
    // All sections: the whole page, whose instructor tools stay, so show= has no use.
    assert.equal(
        all,
        '<iframe src="http://127.0.0.1:8080/?lang=en" title="T" width="100%" height="800" style="border:0;max-width:100%" loading="lazy" data-relu-lab></iframe>\n' +
            '<script src="http://127.0.0.1:8080/relu-lab-resizer.js"></script>'
    );
    assert.equal(
        page_address('http://127.0.0.1:8080/index.html?sections=quiz#quiz'),
        'http://127.0.0.1:8080/index.html'
    );
    assert.equal(page_address('file:///srv/relu/index.html?x=1'), 'file:///srv/relu/index.html');
});

test('the snippet needs an address a course can reach: none from file://', () => {
    const choices = {
        sections: ['quiz'],
        all_sections: ['explorer', 'quiz'],
        lang: 'en',
        locked: [],
        hidden: [],
        width: '100%',
        height: '800',
        title: 'T',
    };
    assert.equal(embed_snippet({ ...choices, address: 'file:///a/index.html' }), '');
    assert.equal(embed_snippet({ ...choices, address: '' }), '');
    assert.equal(hosted_address('file:///srv/relu/index.html'), null);
    assert.equal(hosted_address('javascript:alert(1)'), null);
    assert.equal(hosted_address('relu-lab/index.html'), null);
    // A folder without its slash would put the resizer one folder too high.
    assert.equal(hosted_address(' https://courses.example.org/relu-lab '), 'https://courses.example.org/relu-lab/');
    assert.equal(
        hosted_address('https://courses.example.org/relu-lab/index.html?sections=quiz#quiz'),
        'https://courses.example.org/relu-lab/index.html'
    );
    assert.equal(
        resizer_address('https://courses.example.org/relu-lab/relu-lab-single-file.html'),
        'https://courses.example.org/relu-lab/relu-lab-resizer.js'
    );
});

test('the snippet: one lab, a trainer preset, quiz options and show= only with their sections', () => {
    const base = {
        address: 'https://example.org/r/',
        all_sections: ['explorer', 'labs', 'trainer', 'quiz'],
        lang: 'en',
        locked: [],
        hidden: [],
        shown: ['quiz_bank'],
        lab: 'dying_relu',
        preset: 'small',
        quiz: { quiz_questions: '12', quiz_topics: 'definition:2,variants', quiz_counts: 'best', mastery: '70' },
        width: '100%',
        height: '800',
        title: 'T',
    };
    const src = (sections) =>
        embed_snippet({ ...base, sections })
            .match(/src="([^"]*)"/)[1]
            .replaceAll('&amp;', '&');
    assert.equal(src(['labs']), 'https://example.org/r/?sections=labs&lab=dying_relu&lang=en&show=quiz_bank');
    assert.equal(src(['trainer']), 'https://example.org/r/?sections=trainer&lang=en&preset=small&show=quiz_bank');
    assert.equal(
        src(['quiz']),
        'https://example.org/r/?sections=quiz&lang=en&show=quiz_bank&quiz_questions=12&quiz_topics=definition:2,variants&quiz_counts=best&mastery=70'
    );
    assert.equal(src(['explorer']), 'https://example.org/r/?sections=explorer&lang=en&show=quiz_bank');
});

test('the dialog lists what the snippet would ignore: bad quiz values, unknown names', () => {
    const problems = snippet_ignored({
        sections: ['quiz'],
        all_sections: ['quiz'],
        locked: ['language'],
        hidden: [],
        shown: [],
        quiz: { quiz_questions: '99', quiz_topics: 'definition:2,nonsense', quiz_seed: '7', quiz_counts: 'worst' },
        known_controls: ['language'],
    });
    for (const name of ['quiz_questions=99', 'quiz_topics=definition:2,nonsense', 'quiz_counts=worst'])
        assert.ok(problems.includes(name), problems.join(' | '));
    assert.ok(!problems.some((p) => p.startsWith('quiz_seed') || p.startsWith('lock')), problems.join(' | '));
    assert.deepEqual(
        snippet_ignored({
            sections: ['quiz'],
            all_sections: ['quiz'],
            locked: ['langauge'],
            hidden: ['nav'],
            shown: [],
            quiz: {},
            known_controls: ['language', 'nav'],
        }),
        ['lock=langauge']
    );
});

test('show= brings back instructor tools an embedding of chosen sections hides', () => {
    const c = embed_config('?sections=quiz&show=header,quiz_bank,nav&hide=footer');
    assert.deepEqual([...c.shown], ['header', 'quiz_bank', 'nav']);
    assert.deepEqual([...hidden_controls(c, true)].sort(), ['footer', 'guide', 'quiz_progress_files']);
    assert.deepEqual([...hidden_controls(embed_config('?sections=quiz'), true)].sort(), [
        'guide',
        'header',
        'quiz_bank',
        'quiz_progress_files',
    ]);
    // The whole page keeps them, and so does a page that is not framed (embed.test.js).
    assert.deepEqual([...hidden_controls(embed_config('?hide=footer'), false)], ['footer']);
    assert.deepEqual(unknown_shown_names(c), ['nav']);
});

test('quiz options: the same rules for the dialog and the packagers', () => {
    assert.deepEqual(check_quiz_parameter('quiz_questions', ' 12 '), { value: '12' });
    assert.ok(check_quiz_parameter('quiz_questions', '0').problem.includes('1 to 40'));
    assert.ok(check_quiz_parameter('quiz_questions', '41').problem);
    assert.ok(check_quiz_parameter('quiz_questions', '1.5').problem);
    assert.deepEqual(check_quiz_parameter('quiz_topics', 'definition:2, derivative:3,variants'), {
        value: 'definition:2,derivative:3,variants',
    });
    assert.match(check_quiz_parameter('quiz_topics', 'definition,relu').problem, /"relu" is not a topic/);
    assert.match(check_quiz_parameter('quiz_topics', 'definition,definition:2').problem, /twice/);
    assert.match(check_quiz_parameter('quiz_topics', 'definition:0').problem, /count/);
    assert.match(check_quiz_parameter('quiz_topics', 'definition:2:3').problem, /count/);
    assert.ok(check_quiz_parameter('quiz_topics', '').problem);
    assert.deepEqual(check_quiz_parameter('quiz_seed', '2147483647'), { value: '2147483647' });
    assert.ok(check_quiz_parameter('quiz_seed', '4294967296').problem);
    assert.deepEqual(check_quiz_parameter('quiz_attempts', '20'), { value: '20' });
    assert.ok(check_quiz_parameter('quiz_attempts', '21').problem);
    assert.deepEqual(check_quiz_parameter('quiz_counts', 'mean'), { value: 'mean' });
    assert.match(check_quiz_parameter('quiz_counts', 'worst').problem, /best, last, mean/);
    assert.deepEqual(check_quiz_parameter('mastery', '0'), { value: '0' });
    assert.ok(check_quiz_parameter('mastery', '101').problem);
});

test('incoming messages: known type, small plain fields, nothing else', () => {
    assert.deepEqual(read_incoming_message({ type: 'relu-lab:set-language', lang: 'de' }), {
        type: 'relu-lab:set-language',
        lang: 'de',
    });
    assert.deepEqual(read_incoming_message({ type: 'relu-lab:get-state', request_id: 7 }), {
        type: 'relu-lab:get-state',
        request_id: 7,
    });
    const refused = [
        '<img src=x onerror=alert(1)>',
        JSON.stringify({ type: 'relu-lab:get-state' }), // strings are not parsed
        null,
        42,
        [],
        { type: 'relu-lab:unknown' },
        { type: 'relu-lab:set-language' }, // no lang
        { type: 'relu-lab:set-language', lang: { toString: 'de' } },
        { type: 'relu-lab:set-language', lang: 'x'.repeat(1_000_000) },
        { type: 'relu-lab:get-state', request_id: { a: 1 } },
        { type: 'relu-lab:get-state', a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 },
        Object.assign(Object.create({ polluted: true }), { type: 'relu-lab:get-state' }),
    ];
    for (const data of refused) assert.equal(read_incoming_message(data), null, JSON.stringify(data)?.slice(0, 60));
});

test('learning events become versioned relu-lab: messages with their plain fields', () => {
    const event = Object.freeze({
        name: 'quiz.answered',
        session_id: 's1',
        bank_id: 'b',
        question_id: 'q',
        topic: 't',
        type: 'numeric',
        correct: true,
        score_so_far: 1,
        answered_so_far: 1,
        question_count: 5,
    });
    assert.deepEqual(outgoing_event_message(event), {
        type: 'relu-lab:quiz.answered',
        version: 1,
        session_id: 's1',
        bank_id: 'b',
        question_id: 'q',
        topic: 't',
        question_type: 'numeric',
        correct: true,
        score_so_far: 1,
        answered_so_far: 1,
        question_count: 5,
    });
});
