// Loading the module in a page, from http(s):// or file:// alike: classic <script>
// tags only (the artifact script, then the glue from a Blob URL).
import {
    artifact_global,
    artifact_wasm_bytes,
    glue_factory_name,
    relaxed_simd_supported,
    simd_supported,
    webassembly_available,
} from './artifacts.js';
import { load_classic_script } from '../common/load_script.js';
import { relu_lab_error } from '../common/relu_lab_error.js';
import { wrap_module } from './relu_lab_module.js';

// The builds this browser can run, best first: FMA (relaxed SIMD), SIMD, scalar.
// ?build=simd or ?build=scalar starts lower (for learners comparing, and for tests).
export function usable_builds(requested) {
    const builds = [];
    if (relaxed_simd_supported() && !['simd', 'scalar'].includes(requested)) builds.push('fma');
    if (simd_supported() && requested !== 'scalar') builds.push('simd');
    builds.push('scalar');
    return builds;
}

export function chosen_build(requested) {
    return usable_builds(requested)[0];
}

export async function load_relu_lab({ base_url = '', requested_build = null } = {}) {
    if (!webassembly_available()) throw new relu_lab_error('common.error_no_webassembly');
    // A build the browser validates but cannot load (a missing file, an engine bug) gives
    // way to the next one: a slower page is better than none.
    const builds = usable_builds(requested_build);
    for (const [index, build] of builds.entries()) {
        try {
            return await load_build(base_url, build);
        } catch (error) {
            if (index === builds.length - 1) throw error;
        }
    }
}

async function load_build(base_url, build) {
    // The single-file build carries the artifacts inline. Served over http(s), the folder
    // build fetches the glue and the binary wasm (a third fewer bytes than base64); from
    // file://, where fetch is refused, it loads the one classic script holding both.
    if (!globalThis[artifact_global]?.[build] && /^https?:$/.test(location.protocol)) {
        const fetched = await fetch_artifact(base_url, build);
        if (fetched) (globalThis[artifact_global] ??= {})[build] = fetched;
    }
    if (!globalThis[artifact_global]?.[build]) await load_classic_script(`${base_url}wasm/relu_lab_${build}.js`);
    const artifact = globalThis[artifact_global]?.[build];
    if (!artifact) throw new relu_lab_error('common.error_module_missing', { file: `relu_lab_${build}.js` });

    const glue_url = URL.createObjectURL(
        new Blob([artifact.glue, `\nglobalThis.${glue_factory_name}_${build} = ${glue_factory_name};`], {
            type: 'text/javascript',
        })
    );
    try {
        await load_classic_script(glue_url);
    } finally {
        URL.revokeObjectURL(glue_url);
    }
    const factory = globalThis[`${glue_factory_name}_${build}`];
    const raw = await factory({ wasmBinary: artifact_wasm_bytes(artifact) });
    return wrap_module(raw, build);
}

// { glue, wasm_bytes } over http(s), or null (then the classic script is the way).
async function fetch_artifact(base_url, build) {
    try {
        const [glue, wasm] = await Promise.all([
            fetch(`${base_url}wasm/relu_lab_${build}.glue.js`).then((r) =>
                r.ok ? r.text() : Promise.reject(new Error(r.statusText))
            ),
            fetch(`${base_url}wasm/relu_lab_${build}.wasm`).then((r) =>
                r.ok ? r.arrayBuffer() : Promise.reject(new Error(r.statusText))
            ),
        ]);
        return { glue, wasm_bytes: new Uint8Array(wasm) };
    } catch {
        return null;
    }
}
