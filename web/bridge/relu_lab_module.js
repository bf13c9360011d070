// The friendly face of the wasm module. Page code calls forward/backward with typed
// arrays and gets typed arrays back; it never sees _malloc, HEAP* or .delete().
// One scratch region is reused (grown when needed), and results are copied out
// before the call returns, so no C++ buffer outlives the call that filled it.
import { relu_lab_error } from '../common/relu_lab_error.js';

// The Emscripten module behind each wrapped one, for the bridge's own files (trainer.js,
// datasets.js, digit_normalize.js) and tests: page code never sees it.
const raw_modules = new WeakMap();
export function raw_module(relu_lab) {
    return raw_modules.get(relu_lab);
}

export function wrap_module(raw, build) {
    const activations = [];
    for (let i = 0; i < raw.activation_count; i++) activations.push(Object.freeze(raw.describe_activation(i)));
    const index_by_name = new Map(activations.map((a, i) => [a.name, i]));
    // What the trainer takes (cpp/train/trainer_facts.h): input shape, classes, presets,
    // initialisers and optimizers by name, the too-large factor, the seed range.
    const trainer_facts = deep_freeze(JSON.parse(raw._trainer_facts()));

    let scratch_ptr = 0;
    let scratch_floats = 0;
    // Three slots of `floats` each: x, dy, out. Each slot starts 1 KiB past a multiple of
    // 4 KiB from the previous one: with slots exactly 4 MiB apart, x[i] and y[i] share
    // their low 12 address bits and x86 stalls loads behind stores to the "same" address
    // (4K aliasing); measured in Node, the stagger gained ReLU 0 to 8 % (noisy machine).
    const slot_stagger_floats = 256;
    function scratch(floats) {
        if (floats > scratch_floats) {
            if (scratch_ptr) raw._free(scratch_ptr);
            scratch_floats = Math.max(floats, 1024);
            scratch_ptr = raw._malloc((scratch_floats + slot_stagger_floats) * 3 * 4 + 64);
            if (!scratch_ptr) {
                scratch_floats = 0;
                throw new relu_lab_error('common.error_out_of_memory');
            }
        }
        const first = (scratch_ptr + 63) & ~63; // 64-byte (cache line) aligned
        const slot_bytes = (scratch_floats + slot_stagger_floats) * 4;
        return [first, first + slot_bytes, first + 2 * slot_bytes];
    }

    function index_of(name) {
        const index = index_by_name.get(name);
        if (index === undefined) throw new relu_lab_error('common.error_unknown_activation', { name: String(name) });
        return index;
    }

    function parameter_of(name, param) {
        const description = activations[index_of(name)];
        if (description.param_name === '') return 0;
        return param === undefined ? description.default_param : Number(param);
    }

    function heap_f32() {
        return raw.HEAPF32; // re-read every time: memory growth replaces the view
    }

    function forward(name, x, param) {
        const index = index_of(name);
        const n = x.length;
        const [x_ptr, , y_ptr] = scratch(n);
        heap_f32().set(x, x_ptr / 4);
        raw._activation_forward(index, x_ptr, y_ptr, n, parameter_of(name, param));
        return heap_f32().slice(y_ptr / 4, y_ptr / 4 + n);
    }

    function backward(name, x, dy, param) {
        const index = index_of(name);
        const n = x.length;
        if (dy.length !== n) throw new relu_lab_error('common.error_length_mismatch', { x: n, dy: dy.length });
        const [x_ptr, dy_ptr, dx_ptr] = scratch(n);
        const heap = heap_f32();
        heap.set(x, x_ptr / 4);
        heap.set(dy, dy_ptr / 4);
        raw._activation_backward(index, x_ptr, dy_ptr, dx_ptr, n, parameter_of(name, param));
        return heap_f32().slice(dx_ptr / 4, dx_ptr / 4 + n);
    }

    // f'(x): backward with an upstream gradient of ones.
    function derivative(name, x, param) {
        return backward(name, x, new Float32Array(x.length).fill(1), param);
    }

    // Timing helpers for the benchmark: buffers stay in wasm memory, so the numbers
    // measure the kernel, not the copies. Each returns milliseconds per call.
    const benchmark = {
        kernel_forward_ms(name, n, repeats) {
            const index = index_of(name);
            const [x_ptr, , y_ptr] = scratch(n);
            const heap = heap_f32();
            for (let i = 0; i < n; i++) heap[x_ptr / 4 + i] = Math.sin(i) * 8;
            return best_ms(repeats, () => raw._activation_forward(index, x_ptr, y_ptr, n, parameter_of(name)));
        },
        // x overwritten by f(x): the bytes a copy moves (read n, write n), without the
        // read-for-ownership of a separate destination that wasm cannot avoid (it has no
        // streaming stores; the browser's native memcpy does).
        kernel_forward_in_place_ms(name, n, repeats) {
            const index = index_of(name);
            const [x_ptr] = scratch(n);
            const heap = heap_f32();
            for (let i = 0; i < n; i++) heap[x_ptr / 4 + i] = Math.sin(i) * 8;
            return best_ms(repeats, () => raw._activation_forward(index, x_ptr, x_ptr, n, parameter_of(name)));
        },
        memcpy_ms(n, repeats) {
            const [x_ptr, , y_ptr] = scratch(n);
            return best_ms(repeats, () => raw._copy_floats(y_ptr, x_ptr, n));
        },
        round_trip_ms(name, x, repeats) {
            return best_ms(repeats, () => forward(name, x));
        },
    };

    // The wasm heap's size: the soak test and the benchmark watch it stay flat.
    const wasm_heap_bytes = () => raw.HEAPU8.buffer.byteLength;
    const wrapped = Object.freeze({
        build,
        activations,
        trainer_facts,
        forward,
        backward,
        derivative,
        benchmark,
        wasm_heap_bytes,
    });
    raw_modules.set(wrapped, raw);
    return wrapped;
}

function deep_freeze(value) {
    if (value && typeof value === 'object') {
        for (const inner of Object.values(value)) deep_freeze(inner);
        Object.freeze(value);
    }
    return value;
}

// Milliseconds per call of fn: the best of `repeats` samples, each timing enough calls
// to last >= 25 ms, because browsers coarsen performance.now() to ~0.1 ms (so one
// sample resolves 0.4 %).
function best_ms(repeats, fn) {
    fn(); // warm-up: tier-up and page faults are not the kernel's cost
    let calls_per_sample = 1;
    for (;;) {
        const start = performance.now();
        for (let i = 0; i < calls_per_sample; i++) fn();
        if (performance.now() - start >= 25 || calls_per_sample >= 1 << 20) break;
        calls_per_sample *= 2;
    }
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
        const start = performance.now();
        for (let i = 0; i < calls_per_sample; i++) fn();
        best = Math.min(best, (performance.now() - start) / calls_per_sample);
    }
    return best;
}
