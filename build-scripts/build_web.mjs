// Builds the static site in dist/ from web/ and the two wasm builds:
//   dist/index.html, dist/app.js (one classic script), dist/app.css (KaTeX fonts inlined),
//   dist/wasm/relu_lab_{simd,scalar}.js (glue + wasm bytes as one classic script each).
// Everything is a classic script or inlined, so dist/index.html also works from file://.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const wasm_builds = { simd: join(root, 'build', 'wasm-simd'), scalar: join(root, 'build', 'wasm-scalar') };

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'wasm'), { recursive: true });

for (const [name, dir] of Object.entries(wasm_builds)) {
    const glue = readFileSync(join(dir, 'cpp', 'relu_lab.js'), 'utf8');
    const wasm_base64 = readFileSync(join(dir, 'cpp', 'relu_lab.wasm')).toString('base64');
    const script = `// ReLU Lab wasm module, ${name} build: Emscripten glue and wasm bytes (generated).\n` +
        `(globalThis.RELU_LAB_ARTIFACTS = globalThis.RELU_LAB_ARTIFACTS || {})[${JSON.stringify(name)}] = ` +
        `{ glue: ${JSON.stringify(glue)}, wasm_base64: ${JSON.stringify(wasm_base64)} };\n`;
    writeFileSync(join(dist, 'wasm', `relu_lab_${name}.js`), script);
}

const common = { bundle: true, minify: true, legalComments: 'linked', logLevel: 'warning', target: ['chrome100', 'firefox100', 'safari15'] };

// Workers: each web/workers/<name>.js (except helpers) is bundled to text and offered to
// the page as the virtual module 'relu-lab:worker-sources' ({ name: source }), because
// from file:// a worker can only be started from a Blob made of text the page holds.
const worker_names = readdirSync(join(root, 'web', 'workers')).filter((f) => f.endsWith('_worker.js')).map((f) => f.replace(/\.js$/, ''));
const worker_sources = {};
for (const name of worker_names) {
    const result = await build({ ...common, entryPoints: [join(root, 'web', 'workers', `${name}.js`)], write: false, format: 'iife', legalComments: 'none' });
    worker_sources[name] = result.outputFiles[0].text;
}
const worker_sources_plugin = {
    name: 'worker-sources',
    setup(b) {
        b.onResolve({ filter: /^relu-lab:worker-sources$/ }, () => ({ path: 'worker-sources', namespace: 'relu-lab' }));
        b.onLoad({ filter: /.*/, namespace: 'relu-lab' }, () => ({ contents: `export default ${JSON.stringify(worker_sources)};`, loader: 'js' }));
    },
};
await build({ ...common, entryPoints: [join(root, 'web', 'main.js')], outfile: join(dist, 'app.js'), format: 'iife', plugins: [worker_sources_plugin] });
await build({
    ...common,
    entryPoints: [join(root, 'web', 'styles', 'main.css')],
    outfile: join(dist, 'app.css'),
    // woff2 is what every supported browser uses; the older formats are dropped.
    loader: { '.woff2': 'dataurl', '.woff': 'empty', '.ttf': 'empty' },
});
copyFileSync(join(root, 'web', 'index.html'), join(dist, 'index.html'));
console.log(`dist/ written: ${dist}`);
