// The packagers' shared command line: every option checked with a sentence naming the
// flag, the graded quiz's options read by the same rules as the Embed dialog, and a
// package's index.html carrying them as <meta> tags the page reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';

import { option_error, read_options } from '../../build-scripts/package_cli_options.mjs';
import { index_html_with_options } from '../../build-scripts/package-site.mjs';
import { scorm_packages } from '../../build-scripts/package-scorm.mjs';
import { cmi5_flags, cmi5_package } from '../../build-scripts/package-cmi5.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quiz_argv = [
    '--quiz-questions',
    '12',
    '--quiz-topics',
    'definition:2, derivative:3,variants',
    '--quiz-seed',
    '42',
    '--quiz-attempts',
    '3',
    '--quiz-counts',
    'best',
    '--mastery-score',
    '70',
];

const refused = (argv, pattern, options = { with_quiz: true }) =>
    assert.throws(
        () => read_options(argv, [], options),
        (error) => error instanceof option_error && pattern.test(error.message),
        `${argv.join(' ')} should be refused with ${pattern}`
    );

test('the defaults, and the quiz options read and normalised', () => {
    const plain = read_options([]);
    assert.equal(plain.mastery_score, 80);
    assert.deepEqual(plain.quiz, {});
    assert.equal(plain.parameters, '');
    const options = read_options(quiz_argv, [], { with_quiz: true });
    assert.equal(options.mastery_score, 70);
    assert.deepEqual(options.quiz, {
        quiz_questions: '12',
        quiz_topics: 'definition:2,derivative:3,variants',
        quiz_seed: '42',
        quiz_attempts: '3',
        quiz_counts: 'best',
    });
});

test('bad values stop packaging with a sentence naming the flag', () => {
    refused(['--quiz-questions', '41'], /^--quiz-questions must be a whole number from 1 to 40\.$/);
    refused(['--quiz-questions', 'ten'], /--quiz-questions/);
    refused(['--quiz-topics', 'definition,relu'], /^--quiz-topics "relu" is not a topic \(topics: definition, /);
    refused(['--quiz-topics', 'variants:0'], /--quiz-topics .*count must be a whole number from 1 to 40/);
    refused(['--quiz-seed', '-1'], /--quiz-seed must be a whole number from 1 to 2147483647/);
    refused(['--quiz-attempts', '21'], /--quiz-attempts must be a whole number from 1 to 20/);
    refused(['--quiz-counts', 'worst'], /--quiz-counts must be one of best, last, mean/);
    refused(['--mastery-score', '101'], /--mastery-score must be a whole number from 0 to 100/);
    refused(['--quiz-seed', '1', '--quiz-seed', '2'], /--quiz-seed is given twice/);
    refused(['--quiz-seed'], /--quiz-seed needs a value/);
    // A packager that does not carry them (H5P) refuses them rather than ignore them.
    refused(['--quiz-questions', '12'], /unknown option --quiz-questions/, {});
});

test('index.html carries the mastery score and the quiz options as metas, escaped', () => {
    const html = index_html_with_options('<head>\n<meta charset="utf-8">\n<title>x</title>', {
        mastery_score: 70,
        quiz: { quiz_questions: '12', quiz_topics: 'definition:2,variants', quiz_counts: 'last' },
    });
    assert.equal(
        html,
        '<head>\n<meta charset="utf-8">\n' +
            '<meta name="relu-lab-mastery-score" content="70">\n' +
            '<meta name="relu-lab-quiz-questions" content="12">\n' +
            '<meta name="relu-lab-quiz-topics" content="definition:2,variants">\n' +
            '<meta name="relu-lab-quiz-counts" content="last">\n<title>x</title>'
    );
});

test('a packaged index.html (SCORM 1.2, 2004 and cmi5) carries the metas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relu-lab-site-'));
    writeFileSync(
        join(dir, 'index.html'),
        `<!DOCTYPE html><html><head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self' data: blob:">\n</head><body></body></html>\n`
    );
    writeFileSync(join(dir, 'app.js'), '// app\n');
    const options = read_options(quiz_argv, cmi5_flags, { with_quiz: true });
    const packages = [...Object.values(scorm_packages(options, ['1.2', '2004'], dir)), cmi5_package(options, dir)];
    assert.equal(packages.length, 3);
    for (const { name, bytes } of packages) {
        const index = strFromU8(unzipSync(bytes)['index.html']);
        for (const [meta, content] of [
            ['relu-lab-mastery-score', '70'],
            ['relu-lab-quiz-questions', '12'],
            ['relu-lab-quiz-topics', 'definition:2,derivative:3,variants'],
            ['relu-lab-quiz-seed', '42'],
            ['relu-lab-quiz-attempts', '3'],
            ['relu-lab-quiz-counts', 'best'],
        ])
            assert.ok(index.includes(`<meta name="${meta}" content="${content}">`), `${name}: ${meta}`);
    }
});

test('the packager exits 2 with the sentence, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relu-lab-site-'));
    writeFileSync(join(dir, 'index.html'), '<meta charset="utf-8">');
    for (const script of ['package-scorm.mjs', 'package-cmi5.mjs']) {
        const run = spawnSync(process.execPath, [join(root, 'build-scripts', script), '--quiz-counts', 'worst'], {
            env: { ...process.env, RELU_LAB_DIST: dir },
            encoding: 'utf8',
        });
        assert.equal(run.status, 2, run.stderr);
        assert.equal(
            run.stderr.trim(),
            `${script.replace('.mjs', '')}: --quiz-counts must be one of best, last, mean.`
        );
    }
});
