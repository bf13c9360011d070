// Packs the built site as a cmi5 course: dist/relu-lab-cmi5.zip with cmi5.xml at its
// root (one course, one assignable unit launching index.html) and the site's files. The
// platform launches the unit with its endpoint, fetch URL and registration; the page
// reports to the platform's learning record store in xAPI (web/embed/cmi5.js).
//   node build-scripts/package-cmi5.mjs [--mastery-score N] [--move-on RULE] [--title TEXT]
//       [--sections LIST] [--lab NAME] [--lang TAG] [--lock LIST] [--parameters '?hide=nav']
//       [--course-id IRI] [--lrs-origin ORIGIN] [--quiz-questions N] [--quiz-topics LIST]
//       [--quiz-seed N] [--quiz-attempts N] [--quiz-counts best|last|mean]
// --mastery-score (0-100, default 80): the unit's masteryScore (0-1 in cmi5.xml).
// --move-on: what completes the unit for the course: Passed, Completed,
//   CompletedAndPassed (default), CompletedOrPassed or NotApplicable.
// --course-id: the course's IRI (default urn:relu-lab:course); the unit is <course-id>/au.
//   Platforms tell courses apart by it: give each course you import its own.
// --lrs-origin: where the learning record store is (e.g. https://lrs.example.org), for the
//   page's Content Security Policy; by default any https address, the one the platform
//   names at launch being the only one the page ever contacts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { is_main, option_error, read_options, run_packager } from './package_cli_options.mjs';
import { dist_dir, site_entries, site_files, xml_text, zip_files } from './package-site.mjs';

export const package_name = 'relu-lab-cmi5.zip';
// The options only this packager takes (beside package_cli_options.mjs read_options' own).
export const cmi5_flags = ['--move-on', '--course-id', '--lrs-origin'];
export const move_on_values = ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'];
const default_course_id = 'urn:relu-lab:course';
const description =
    'Learn the ReLU activation family by seeing, testing and training it: chapters, an activation explorer, concept labs, a CNN trainer and a quiz.';

export function cmi5_course_structure({
    title,
    mastery_score,
    parameters = '',
    move_on = 'CompletedAndPassed',
    course_id = default_course_id,
}) {
    const lang_string = (text) => `<langstring lang="en-US">${xml_text(text)}</langstring>`;
    return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${xml_text(course_id)}">
    <title>${lang_string(title)}</title>
    <description>${lang_string(description)}</description>
  </course>
  <au id="${xml_text(`${course_id}/au`)}" moveOn="${move_on}" masteryScore="${(mastery_score / 100).toFixed(2)}" launchMethod="AnyWindow">
    <title>${lang_string(title)}</title>
    <description>${lang_string(description)}</description>
    <url>${xml_text(`index.html${parameters}`)}</url>
  </au>
</courseStructure>
`;
}

// An origin for the Content Security Policy: https://host[:port], or http for this
// computer only (tests, a record store on the instructor's own machine).
function lrs_origin_source(text) {
    if (text === null) return 'https:';
    let url;
    try {
        url = new URL(text);
    } catch {
        throw new option_error('--lrs-origin must be an origin such as https://lrs.example.org.');
    }
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (url.origin !== text.replace(/\/$/, '') || !(url.protocol === 'https:' || (url.protocol === 'http:' && local))) {
        throw new option_error(
            '--lrs-origin must be an origin such as https://lrs.example.org (http only for 127.0.0.1 or localhost).'
        );
    }
    return url.origin;
}

export function cmi5_package(options, dir = dist_dir) {
    const move_on = options.extra['move-on'] ?? 'CompletedAndPassed';
    if (!move_on_values.includes(move_on))
        throw new option_error(`--move-on must be one of ${move_on_values.join(', ')}.`);
    const course_id = options.extra['course-id'] ?? default_course_id;
    if (!/^[a-z][a-z0-9+.-]*:[^\s<>"]{1,200}$/i.test(course_id))
        throw new option_error(
            '--course-id must be an IRI such as https://example.org/courses/relu or urn:example:relu.'
        );
    const connect_sources = [lrs_origin_source(options.extra['lrs-origin'] ?? null)];
    const files = site_files(dir);
    const site = site_entries(files, { ...options, connect_sources }, dir);
    const bytes = zip_files({ 'cmi5.xml': cmi5_course_structure({ ...options, move_on, course_id }), ...site });
    return { name: package_name, bytes, files: files.length + 1 };
}

if (is_main(import.meta.url))
    await run_packager('package-cmi5', (argv) => {
        const options = read_options(argv, cmi5_flags, { with_quiz: true });
        const { name, bytes, files } = cmi5_package(options);
        writeFileSync(join(dist_dir, name), bytes);
        console.log(`${name}: ${files} files, ${bytes.length} bytes`);
    });
