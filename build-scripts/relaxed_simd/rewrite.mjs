// Turns the FMA build's placeholder calls into f32x4.relaxed_madd.
//
// Emscripten 3.1.6 compiles with clang 14 and post-processes with binaryen 108; neither
// knows the final relaxed-SIMD opcodes. So cpp/kernels/simd_ops.h calls an imported
// function, relu_lab_relaxed_madd(a, b, c), whose stack effect is exactly the
// instruction's (three v128 in, one v128 out), and declares it const so that clang
// moves nothing around it. After linking, wabt (npm) reads the module, every call to
// that import becomes the instruction, and the module is written back. The import
// itself stays, never called (the glue still provides it).
import wabt_factory from 'wabt';

export const placeholder_import = 'relu_lab_relaxed_madd';
const features = { simd: true, relaxed_simd: true, bulk_memory: true, sign_extension: true, sat_float_to_int: true };

let wabt_promise = null;

// { bytes, calls_replaced }: the rewritten module, and how many calls it had.
export async function rewrite_relaxed_madd(bytes) {
    wabt_promise ??= wabt_factory();
    const wabt = await wabt_promise;
    const module = wabt.readWasm(bytes, { readDebugNames: true, ...features });
    let text;
    try {
        module.generateNames();
        module.applyNames();
        text = module.toText({ foldExprs: false, inlineExport: false });
    } finally {
        module.destroy();
    }
    // Optimised builds minify import names, so the placeholder is found by its type:
    // no other import can take v128 (JavaScript functions cannot).
    const madd_types = [
        ...text.matchAll(/\(type (\$[^\s()]+) \(func \(param v128 v128 v128\) \(result v128\)\)\)/g),
    ].map((match) => match[1]);
    const imports = [
        ...text.matchAll(/\(import "[^"]*" "[^"]*" \(func (\$[^\s()]+) \(type (\$[^\s()]+)\)\)\)/g),
    ].filter((match) => madd_types.includes(match[2]));
    if (imports.length === 0) return { bytes, calls_replaced: 0 };
    if (imports.length > 1)
        throw new Error(`${imports.length} imports take three v128: which is ${placeholder_import}?`);
    const name = imports[0][1].replace(/[.$]/g, '\\$&');
    let calls_replaced = 0;
    const rewritten = text.replace(new RegExp(`\\bcall ${name}(?=\\s)`, 'g'), () => {
        calls_replaced += 1;
        return 'f32x4.relaxed_madd';
    });
    const parsed = wabt.parseWat('relaxed.wat', rewritten, features);
    try {
        parsed.validate();
        return { bytes: new Uint8Array(parsed.toBinary({ write_debug_names: true }).buffer), calls_replaced };
    } finally {
        parsed.destroy();
    }
}
