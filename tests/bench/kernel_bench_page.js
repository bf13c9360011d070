// The kernel benchmark, run inside Chromium by build-scripts/bench.mjs. Loads both
// builds into one page and measures, in interleaved rounds: every activation forward
// over 1,048,576 floats (SIMD and scalar), relu in place, a plain JS loop, a memcpy of
// the same buffer (the bandwidth limit), and the JS -> wasm -> JS round trip.
import { load_relu_lab } from '../../web/bridge/load_in_page.js';

const n = 1_048_576;
// A buffer far larger than the caches, where relu and memcpy both meet DRAM bandwidth.
const n_dram = 16_777_216;
const rounds = 5;
const repeats = 5;

function js_relu_loop_ms(x, y) {
    const run = () => {
        for (let i = 0; i < x.length; i++) {
            const v = x[i];
            y[i] = v > 0 ? v : 0;
        }
    };
    run();
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
        const start = performance.now();
        for (let k = 0; k < 8; k++) run();
        best = Math.min(best, (performance.now() - start) / 8);
    }
    return best;
}

async function run() {
    const simd = await load_relu_lab({ requested_build: 'simd' });
    const scalar = await load_relu_lab({ requested_build: 'scalar' });
    if (simd.build !== 'simd') throw new Error('this browser has no WebAssembly SIMD');
    const samples = {};
    const add = (key, value) => (samples[key] ??= []).push(value);
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin(i) * 8;
    const small = x.subarray(0, 1024);

    for (let round = 0; round < rounds; round++) {
        for (const { name } of simd.activations) {
            add(`kernels.${name}.simd_ms`, simd.benchmark.kernel_forward_ms(name, n, repeats));
            add(`kernels.${name}.scalar_ms`, scalar.benchmark.kernel_forward_ms(name, n, repeats));
        }
        add('relu_in_place_simd_ms', simd.benchmark.kernel_forward_in_place_ms('relu', n, repeats));
        add('memcpy_ms', simd.benchmark.memcpy_ms(n, repeats));
        add('js_loop_ms', js_relu_loop_ms(x, y));
        add('roundtrip_ms', simd.benchmark.round_trip_ms('relu', small, repeats));
        add('roundtrip_1m_ms', simd.benchmark.round_trip_ms('relu', x, repeats));
        add('dram.relu_simd_ms', simd.benchmark.kernel_forward_ms('relu', n_dram, 3));
        add('dram.relu_in_place_simd_ms', simd.benchmark.kernel_forward_in_place_ms('relu', n_dram, 3));
        add('dram.memcpy_ms', simd.benchmark.memcpy_ms(n_dram, 3));
    }
    return { n, n_dram, rounds, samples, activations: simd.activations.map((a) => a.name) };
}

run().then(
    (result) => {
        globalThis.bench_result = result;
    },
    (error) => {
        globalThis.bench_result = { error: String(error?.message ?? error) };
    }
);
