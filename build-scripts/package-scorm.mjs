// Packs the built site as a SCORM 1.2 package: dist/relu-lab-scorm12.zip with
// imsmanifest.xml at its root, one SCO (index.html) and every file of the package listed
// in the manifest. The page finds the LMS's API at launch (web/embed/scorm.js).
//   node build-scripts/package-scorm.mjs [--mastery-score N] [--parameters '?sections=quiz']
// --mastery-score (0-100, default 80): the score a learner needs for 'passed'.
// --parameters: appended to the launch address by the LMS (e.g. show only the quiz).
// The manifest names the ADL schemas (imscp_rootv1p1p2, imsmd_rootv1p2p1, adlcp_rootv1p2)
// in xsi:schemaLocation; LMSs read the manifest without the .xsd files, so they are not
// bundled.
import { zipSync } from 'fflate';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.RELU_LAB_DIST ? resolve(process.env.RELU_LAB_DIST) : join(root, 'dist');
export const package_name = 'relu-lab-scorm12.zip';
// Not part of the package: the single-file build duplicates it, and zips are outputs.
const left_out = (path) => path === 'relu-lab-single-file.html' || path.endsWith('.zip');

function option(name, fallback) {
    const index = process.argv.indexOf(name);
    return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

function files_under(dir) {
    const out = [];
    for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) out.push(...files_under(path));
        else out.push(relative(dist, path).split(sep).join('/'));
    }
    return out;
}

const xml = (text) => String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function scorm_manifest(files, { mastery_score = 80, parameters = '' } = {}) {
    return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="relu-lab-scorm12" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="relu-lab-organization">
    <organization identifier="relu-lab-organization">
      <title>ReLU Lab</title>
      <item identifier="relu-lab-item" identifierref="relu-lab-sco" isvisible="true"${parameters ? ` parameters="${xml(parameters)}"` : ''}>
        <title>ReLU Lab: the ReLU activation family</title>
        <adlcp:masteryscore>${mastery_score}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="relu-lab-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
${files.map((f) => `      <file href="${xml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const mastery_score = Number(option('--mastery-score', '80'));
    if (!Number.isInteger(mastery_score) || mastery_score < 0 || mastery_score > 100) {
        console.error('package-scorm: --mastery-score must be a whole number from 0 to 100.');
        process.exit(2);
    }
    const parameters = option('--parameters', '');
    if (parameters && !/^\?[A-Za-z0-9_=,&.%-]{1,200}$/.test(parameters)) {
        console.error("package-scorm: --parameters must look like '?sections=quiz&lang=de'.");
        process.exit(2);
    }
    const files = files_under(dist).filter((f) => !left_out(f));
    if (!files.includes('index.html')) {
        console.error(`package-scorm: no index.html in ${dist}; build the site first (build-scripts/build.sh).`);
        process.exit(2);
    }
    // A fixed date keeps the zip the same for the same files.
    const mtime = new Date('2026-01-01T00:00:00Z');
    const entries = { 'imsmanifest.xml': [new TextEncoder().encode(scorm_manifest(files, { mastery_score, parameters })), { mtime }] };
    for (const f of files) entries[f] = [new Uint8Array(readFileSync(join(dist, f))), { mtime }];
    const zip = zipSync(entries, { level: 9 });
    writeFileSync(join(dist, package_name), zip);
    console.log(`${package_name}: ${files.length + 1} files, ${zip.length} bytes`);
}
