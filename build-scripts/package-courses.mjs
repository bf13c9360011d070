// Every learning-platform package of the built site, with the default options (build.sh
// runs this after the site is built):
//   dist/relu-lab-scorm12.zip, dist/relu-lab-scorm2004.zip   package-scorm.mjs
//   dist/relu-lab-cmi5.zip                                   package-cmi5.mjs
//   dist/relu-lab.h5p                                        package-h5p.mjs
// For other options (title, mastery score, sections, language, locked controls), run the
// packager of the one you need (web/docs/instructor-guide.md).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cmi5_flags, cmi5_package } from './package-cmi5.mjs';
import { h5p_flags, h5p_package } from './package-h5p.mjs';
import { scorm_packages } from './package-scorm.mjs';
import { dist_dir, read_options } from './package-site.mjs';

const built = [
    ...Object.values(scorm_packages(read_options([]), ['1.2', '2004'])),
    cmi5_package(read_options([], cmi5_flags)),
    await h5p_package(read_options([], h5p_flags)),
];
for (const { name, bytes, files } of built) {
    writeFileSync(join(dist_dir, name), bytes);
    console.log(`${name}: ${files} files, ${bytes.length} bytes`);
}
