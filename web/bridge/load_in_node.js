// Loading the same artifacts under Node, for the JS tests and tools: the artifact
// script and the glue are evaluated with Node's own require in scope.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

import { artifact_global, base64_to_bytes, glue_factory_name, relaxed_simd_supported } from './artifacts.js';
import { wrap_module } from './relu_lab_module.js';

const repository_root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const default_dist_dir = process.env.RELU_LAB_DIST ? resolve(process.env.RELU_LAB_DIST) : join(repository_root, 'dist');

export function read_artifact(build, dist_dir = default_dist_dir) {
    const sandbox = { [artifact_global]: {} };
    sandbox.globalThis = sandbox;
    vm.runInNewContext(readFileSync(join(dist_dir, 'wasm', `relu_lab_${build}.js`), 'utf8'), sandbox);
    return sandbox[artifact_global][build];
}

export async function load_relu_lab_in_node({ build = 'simd', dist_dir } = {}) {
    // Node 20's V8 has relaxed SIMD behind a flag; V8's flags hold for the whole process.
    if (build === 'fma' && !relaxed_simd_supported()) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    const artifact = read_artifact(build, dist_dir);
    const require = createRequire(import.meta.url);
    const factory = new Function(
        'require',
        'module',
        'exports',
        '__filename',
        '__dirname',
        `${artifact.glue}\nreturn ${glue_factory_name};`
    )(require, undefined, undefined, undefined, undefined);
    const raw = await factory({ wasmBinary: base64_to_bytes(artifact.wasm_base64) });
    return wrap_module(raw, build);
}
