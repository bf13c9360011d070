// Loading the module in a page, from http(s):// or file:// alike: classic <script>
// tags only (the artifact script, then the glue from a Blob URL).
import { artifact_global, base64_to_bytes, glue_factory_name, simd_supported, webassembly_available } from './artifacts.js';
import { relu_lab_error, wrap_module } from './relu_lab_module.js';

// A classic <script> (works from file://, unlike fetch or module imports).
export function load_classic_script(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve();
        script.onerror = () => reject(new relu_lab_error('common.error_module_missing', { file: src }));
        document.head.appendChild(script);
    });
}

// ?build=scalar forces the baseline build (for learners comparing, and for tests).
export function chosen_build(requested) {
    if (requested === 'scalar') return 'scalar';
    return simd_supported() ? 'simd' : 'scalar';
}

export async function load_relu_lab({ base_url = '', requested_build = null } = {}) {
    if (!webassembly_available()) throw new relu_lab_error('common.error_no_webassembly');
    const build = chosen_build(requested_build);
    // The single-file build carries the artifacts inline; the folder build loads them.
    if (!globalThis[artifact_global]?.[build]) await load_classic_script(`${base_url}wasm/relu_lab_${build}.js`);
    const artifact = globalThis[artifact_global]?.[build];
    if (!artifact) throw new relu_lab_error('common.error_module_missing', { file: `relu_lab_${build}.js` });

    const glue_url = URL.createObjectURL(new Blob(
        [artifact.glue, `\nglobalThis.${glue_factory_name}_${build} = ${glue_factory_name};`],
        { type: 'text/javascript' }));
    try {
        await load_classic_script(glue_url);
    } finally {
        URL.revokeObjectURL(glue_url);
    }
    const factory = globalThis[`${glue_factory_name}_${build}`];
    const raw = await factory({ wasmBinary: base64_to_bytes(artifact.wasm_base64) });
    return wrap_module(raw, build);
}
