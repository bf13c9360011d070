// How the wasm module travels: each build (fma, simd, scalar) is one classic script,
// wasm/relu_lab_<build>.js, that sets
//   globalThis.RELU_LAB_ARTIFACTS[<build>] = { glue: '<Emscripten glue source>', wasm_base64: '...' }.
// Served over http(s) the page fetches wasm/relu_lab_<build>.glue.js and .wasm instead
// and keeps { glue, wasm_bytes } there (load_in_page.js).
// Classic scripts load from file:// where fetch, ES module imports and Worker(url) do
// not; the glue as text can be put into a Blob-URL worker, and the bytes posted to it.

// A minimal module whose one function returns a v128 constant: it validates only
// where WebAssembly SIMD is supported.
const simd_probe_bytes = new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // magic, version
    0x01,
    0x05,
    0x01,
    0x60,
    0x00,
    0x01,
    0x7b, // type: () -> v128
    0x03,
    0x02,
    0x01,
    0x00, // one function of that type
    0x0a,
    0x16,
    0x01,
    0x14,
    0x00,
    0xfd,
    0x0c, // code: v128.const
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0x0b, // end
]);

export function webassembly_available() {
    return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
}

export function simd_supported() {
    return webassembly_available() && WebAssembly.validate(simd_probe_bytes);
}

// A module whose one function computes f32x4.relaxed_madd of three v128 constants: it
// validates only where relaxed SIMD is supported (Chromium 114 and later, Firefox 146
// and later; not Safari), which the FMA build needs.
const v128_const_zero = [0xfd, 0x0c, ...new Array(16).fill(0)];
const relaxed_simd_probe_bytes = new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version
    ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b], // type: () -> v128
    ...[0x03, 0x02, 0x01, 0x00], // one function of that type
    ...[0x0a, 0x3d, 0x01, 0x3b, 0x00], // code: one body of 59 bytes, no locals
    ...v128_const_zero,
    ...v128_const_zero,
    ...v128_const_zero,
    ...[0xfd, 0x85, 0x02], // f32x4.relaxed_madd
    0x0b, // end
]);

export function relaxed_simd_supported() {
    return simd_supported() && WebAssembly.validate(relaxed_simd_probe_bytes);
}

export function base64_to_bytes(base64) {
    if (typeof atob === 'function') {
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        return bytes;
    }
    return new Uint8Array(Buffer.from(base64, 'base64'));
}

export const artifact_global = 'RELU_LAB_ARTIFACTS';

// The wasm bytes of an artifact: fetched as binary ({ wasm_bytes }) or carried as base64
// ({ wasm_base64 }); a fresh copy either way, free to transfer to a worker.
export function artifact_wasm_bytes(artifact) {
    return artifact.wasm_bytes ? artifact.wasm_bytes.slice() : base64_to_bytes(artifact.wasm_base64);
}
export const glue_factory_name = 'create_relu_lab_module';
