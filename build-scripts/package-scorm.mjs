// Packs the built site for learning platforms that speak SCORM, one source for both
// versions (the page finds either API at launch: web/embed/scorm.js):
//   dist/relu-lab-scorm12.zip    SCORM 1.2
//   dist/relu-lab-scorm2004.zip  SCORM 2004 4th edition
// Each has imsmanifest.xml at its root, one SCO (index.html) and every file of the package
// listed in the manifest.
//   node build-scripts/package-scorm.mjs [--version 1.2|2004|both] [--mastery-score N]
//       [--title TEXT] [--sections quiz,learn] [--lab NAME] [--lang de] [--lock language]
//       [--parameters '?hide=nav'] [--quiz-questions N] [--quiz-topics LIST] [--quiz-seed N]
//       [--quiz-attempts N] [--quiz-counts best|last|mean]
// --mastery-score (0-100, default 80): the score for 'passed'; in the manifest
//   (adlcp:masteryscore in 1.2, the primary objective's minNormalizedMeasure in 2004) and
//   in index.html, for platforms that do not pass the manifest's value on.
// --sections, --lab, --lang, --lock, --parameters: the launch address's query (the item's
//   parameters attribute), what an embedding takes (web/docs/embedding.md).
// --quiz-*: the graded quiz (package_cli_options.mjs), as <meta> tags in index.html.
// The manifests name the ADL schemas in xsi:schemaLocation; platforms read manifests
// without the .xsd files, so they are not bundled.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { is_main, option_error, read_options, run_packager } from './package_cli_options.mjs';
import { dist_dir, site_entries, site_files, xml_text, zip_files } from './package-site.mjs';

export const package_names = { 1.2: 'relu-lab-scorm12.zip', 2004: 'relu-lab-scorm2004.zip' };

const file_list = (files) => files.map((f) => `      <file href="${xml_text(f)}"/>`).join('\n');
const parameters_attribute = (parameters) => (parameters ? ` parameters="${xml_text(parameters)}"` : '');

export function scorm12_manifest(files, { title, mastery_score, parameters = '' }) {
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
      <title>${xml_text(title)}</title>
      <item identifier="relu-lab-item" identifierref="relu-lab-sco" isvisible="true"${parameters_attribute(parameters)}>
        <title>${xml_text(title)}</title>
        <adlcp:masteryscore>${mastery_score}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="relu-lab-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
${file_list(files)}
    </resource>
  </resources>
</manifest>
`;
}

// SCORM 2004 4th edition: the mastery score is the primary objective's
// minNormalizedMeasure (satisfied by measure), which the platform hands the SCO as
// cmi.scaled_passing_score; the content sets completion and success itself.
export function scorm2004_manifest(files, { title, mastery_score, parameters = '' }) {
    return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="relu-lab-scorm2004" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="relu-lab-organization">
    <organization identifier="relu-lab-organization">
      <title>${xml_text(title)}</title>
      <item identifier="relu-lab-item" identifierref="relu-lab-sco" isvisible="true"${parameters_attribute(parameters)}>
        <title>${xml_text(title)}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="relu-lab-mastery" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${(mastery_score / 100).toFixed(2)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="relu-lab-sco" type="webcontent" adlcp:scormType="sco" href="index.html">
${file_list(files)}
    </resource>
  </resources>
</manifest>
`;
}

// -> { version: { name, bytes, files } } for the versions asked for.
export function scorm_packages(options, versions = ['1.2', '2004'], dir = dist_dir) {
    const files = site_files(dir);
    const site = site_entries(files, options, dir);
    const out = {};
    for (const version of versions) {
        const manifest = version === '2004' ? scorm2004_manifest(files, options) : scorm12_manifest(files, options);
        const bytes = zip_files({ 'imsmanifest.xml': manifest, ...site });
        out[version] = { name: package_names[version], bytes, files: files.length + 1 };
    }
    return out;
}

if (is_main(import.meta.url))
    await run_packager('package-scorm', (argv) => {
        const options = read_options(argv, ['--version'], { with_quiz: true });
        const version = options.extra.version ?? 'both';
        if (!['1.2', '2004', 'both'].includes(version)) throw new option_error('--version must be 1.2, 2004 or both.');
        const packages = scorm_packages(options, version === 'both' ? ['1.2', '2004'] : [version]);
        for (const { name, bytes, files } of Object.values(packages)) {
            writeFileSync(join(dist_dir, name), bytes);
            console.log(`${name}: ${files} files, ${bytes.length} bytes`);
        }
    });
