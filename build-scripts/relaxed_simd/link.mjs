// CMake's linker launcher in the FMA build tree (CMakeLists.txt): runs the link command
// it is given, then rewrites the linked .wasm with rewrite.mjs. Every executable of the
// tree (the page's module, the test programs) goes through it.
//   node build-scripts/relaxed_simd/link.mjs <em++> <link arguments...>
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { placeholder_import, rewrite_relaxed_madd } from './rewrite.mjs';

const [command, ...args] = process.argv.slice(2);
const link = spawnSync(command, args, { stdio: 'inherit' });
if (link.status !== 0) process.exit(link.status ?? 1);

const output = args[args.indexOf('-o') + 1];
const wasm_file = output?.replace(/\.js$/, '.wasm');
if (!wasm_file || !existsSync(wasm_file)) {
    console.error(`relaxed_simd/link.mjs: no .wasm beside the link output ${output}`);
    process.exit(1);
}
const { bytes, calls_replaced } = await rewrite_relaxed_madd(readFileSync(wasm_file));
writeFileSync(wasm_file, bytes);
console.log(`relaxed_simd: ${calls_replaced} calls of ${placeholder_import} made f32x4.relaxed_madd in ${wasm_file}`);
