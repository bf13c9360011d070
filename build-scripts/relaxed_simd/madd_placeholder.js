// Emscripten JS library of the FMA build: the placeholder import that
// cpp/kernels/simd_ops.h calls for f32x4.relaxed_madd. link.mjs replaces every call to it
// with the instruction after linking, so this body runs only if that step was skipped.
mergeInto(LibraryManager.library, {
    relu_lab_relaxed_madd: function () {
        throw new Error('relu_lab_relaxed_madd: this wasm file was linked without build-scripts/relaxed_simd/link.mjs');
    },
});
