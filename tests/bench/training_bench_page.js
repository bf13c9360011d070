// The training benchmark, run inside Chromium by build-scripts/bench.mjs: every
// implementation (tests/bench/peers/) trains and classifies the same networks
// (tests/bench/networks.js) on the same random batches, in interleaved rounds
// (each implementation in turn per round), after warm-up steps that are not timed.
// Also measures the SIMD peak of the ReLU Lab wasm module, when it has the probe.
//
// URL parameters: rounds (default 3), seconds (per measurement, default 1), only
// (comma-separated implementation names).
import { relaxed_simd_supported } from '../../web/bridge/artifacts.js';
import { load_relu_lab } from '../../web/bridge/load_in_page.js';
import { raw_module } from '../../web/bridge/relu_lab_module.js';
import { create_trainer, preset_config } from '../../web/bridge/trainer.js';
import { presets, random_batch } from './networks.js';
import { create_convnetjs } from './peers/convnetjs_peer.js';
import { create_ours } from './peers/ours_peer.js';
import { create_tfjs } from './peers/tfjs_peer.js';

const parameters = new URLSearchParams(location.search);
const rounds = Math.max(1, Number(parameters.get('rounds') ?? 3));
const seconds = Math.max(0.05, Number(parameters.get('seconds') ?? 1));
const only = parameters.get('only')?.split(',');
const warmup_steps = 2;

// Milliseconds per call: enough calls to last `seconds`, at least one.
async function ms_per_call(fn, calls) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) await fn();
    return (performance.now() - start) / calls;
}

async function calls_for_budget(fn) {
    const one_ms = await ms_per_call(fn, 1);
    return Math.max(1, Math.round((seconds * 1000) / Math.max(one_ms, 0.01)));
}

// GFLOP/s of one of the wasm module's peak probes (cpp/kernels/peak_probe.h): the SIMD
// one (independent f32x4 multiply and add chains in registers) or the FMA build's
// (relaxed_madd chains); best of 3 samples of >= 200 ms. Measured once per round, like
// everything else, because this machine's load moves it too.
function probe_peak(relu_lab, probe = 'simd_peak_probe') {
    const raw = raw_module(relu_lab);
    const flops_per_iteration = raw[`${probe}_flops_per_iteration`];
    if (typeof raw[probe] !== 'function' || !(flops_per_iteration > 0)) {
        return {
            available: false,
            reason: `the wasm module has no ${probe} / ${probe}_flops_per_iteration binding`,
        };
    }
    const run = (iterations) => raw[probe](iterations);
    const iterations = count_lasting_200_ms(run);
    return {
        available: true,
        gflop_s: (iterations * flops_per_iteration) / (best_of_three_ms(run, iterations) * 1e6),
        iterations,
        flops_per_iteration,
    };
}

// The smallest power of two n (from 1,024) for which one run(n) takes >= 200 ms.
function count_lasting_200_ms(run) {
    let n = 1 << 10;
    run(n);
    for (;;) {
        const start = performance.now();
        run(n);
        if (performance.now() - start >= 200 || n >= 2 ** 30) return n;
        n *= 2;
    }
}

function best_of_three_ms(run, n) {
    let best_ms = Infinity;
    for (let r = 0; r < 3; r++) {
        const start = performance.now();
        run(n);
        best_ms = Math.min(best_ms, performance.now() - start);
    }
    return best_ms;
}

// GFLOP/s of the module's SGEMM on 256 x 256 x 256 (packed, in L2): the micro-kernel's
// speed with little else around it. Best of 3 runs of >= 200 ms.
const gemm_side = 256;
function gemm_gflop_s(relu_lab) {
    const raw = raw_module(relu_lab);
    const n = gemm_side;
    const [a, b, c] = [0, 1, 2].map(() => raw._malloc(n * n * 4));
    raw.HEAPF32.fill(0.5, a / 4, a / 4 + n * n);
    raw.HEAPF32.fill(0.25, b / 4, b / 4 + n * n);
    // One unit is 1/1,024 of a product, so count_lasting_200_ms starts at one product.
    const run = (units) => {
        for (let i = 0; i < units >> 10; i++) raw._sgemm(false, false, n, n, n, a, n, b, n, 0, c, n);
    };
    const units = count_lasting_200_ms(run);
    const gflop_s = (2 * n ** 3 * (units >> 10)) / (best_of_three_ms(run, units) * 1e6);
    for (const pointer of [a, b, c]) raw._free(pointer);
    return gflop_s;
}

async function run() {
    const relu_lab = await load_relu_lab({ requested_build: 'simd' });
    // The FMA build, where this browser runs relaxed SIMD (the page's first choice).
    const loaded = relaxed_simd_supported() ? await load_relu_lab() : null;
    const relu_lab_fma = loaded?.build === 'fma' ? loaded : null;
    let peak = probe_peak(relu_lab);
    const all = [create_tfjs('wasm'), create_tfjs('cpu'), create_convnetjs(), create_ours(relu_lab)];
    if (relu_lab_fma) all.push(create_ours(relu_lab_fma, 'ours_fma'));
    const impls = [];
    const status = {};
    for (const impl of all) {
        if (only && !only.includes(impl.name)) continue;
        try {
            status[impl.name] = await impl.init();
        } catch (error) {
            status[impl.name] = { available: false, reason: String(error?.message ?? error) };
        }
        if (status[impl.name].available) impls.push(impl);
    }

    // Memory first, while our module is fresh (wasm memory never shrinks, so after the
    // rounds it would show the largest network any round built).
    const memory = !only || only.includes('ours') ? memory_over_epochs(relu_lab, 5) : null;

    // Build, warm up and size every (preset, implementation) once.
    const runs = [];
    for (const [preset_name, preset] of Object.entries(presets)) {
        const train_data = random_batch(preset.train_batch, 1);
        const infer_data = random_batch(preset.infer_batch, 2);
        for (const impl of impls) {
            try {
                const net = await impl.build(preset, train_data, infer_data);
                for (let i = 0; i < warmup_steps; i++) await net.train_step();
                await net.infer();
                const train_calls = await calls_for_budget(() => net.train_step());
                const infer_calls = await calls_for_budget(() => net.infer());
                runs.push({
                    preset_name,
                    preset,
                    impl: impl.name,
                    net,
                    train_calls,
                    infer_calls,
                    parameters: net.parameter_count(),
                });
            } catch (error) {
                status[impl.name] = { ...status[impl.name], [`error_${preset_name}`]: String(error?.message ?? error) };
            }
        }
    }

    const samples = {};
    const add = (key, value) => (samples[key] ??= []).push(value);
    for (let round = 0; round < rounds; round++) {
        if (peak.available) add('peak_gflop_s', probe_peak(relu_lab).gflop_s);
        if (relu_lab_fma) {
            // The FMA build's own yardsticks beside the SIMD peak: its multiply-add peak
            // and both builds' SGEMM.
            add('fma_peak_gflop_s', probe_peak(relu_lab_fma, 'relaxed_peak_probe').gflop_s);
            add('gemm.simd_gflop_s', gemm_gflop_s(relu_lab));
            add('gemm.fma_gflop_s', gemm_gflop_s(relu_lab_fma));
        }
        for (const run of runs) {
            // The peak again, just before this measurement: each fraction of peak pairs
            // figures from the same moment of this machine's shifting load.
            if (peak.available) add(`${run.preset_name}.${run.impl}.peak_gflop_s`, probe_peak(relu_lab).gflop_s);
            const train_ms = await ms_per_call(() => run.net.train_step(), run.train_calls);
            const batches_per_call = run.net.batches_per_train_step ?? 1;
            add(
                `${run.preset_name}.${run.impl}.train_img_s`,
                (run.preset.train_batch * batches_per_call * 1000) / train_ms
            );
            const infer_ms = await ms_per_call(() => run.net.infer(), run.infer_calls);
            add(`${run.preset_name}.${run.impl}.infer_img_s`, (run.preset.infer_batch * 1000) / infer_ms);
        }
    }
    // Where our time goes, per layer (the profile the issue asks for before optimising).
    const profiles = {};
    for (const run of runs) if (run.net.profile) profiles[run.preset_name] = run.net.profile();
    for (const run of runs) run.net.dispose();
    if (peak.available)
        peak = {
            ...peak,
            gflop_s: samples.peak_gflop_s.slice().sort((a, b) => a - b)[samples.peak_gflop_s.length >> 1],
        };

    const tfjs_wasm_files = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.endsWith('.wasm') && n.includes('tfjs-backend-wasm'))
        .map((n) => n.slice(n.lastIndexOf('/') + 1));
    return {
        rounds,
        seconds,
        warmup_steps,
        samples,
        status,
        peak,
        tfjs_wasm_files,
        profiles,
        memory,
        calls: Object.fromEntries(
            runs.map((r) => [
                `${r.preset_name}.${r.impl}`,
                { train_steps: r.train_calls, infer_batches: r.infer_calls },
            ])
        ),
        parameters: Object.fromEntries(runs.map((r) => [`${r.preset_name}.${r.impl}`, r.parameters])),
        relu_lab_build: relu_lab.build,
        fma_build: relu_lab_fma ? relu_lab_fma.build : null,
        gemm_side,
    };
}

// wasm memory and JS heap before and after `epochs` epochs of seed-keras (the page's
// defaults) on 4,000 random images, the size of the bundled training set, 8 batches per
// call as the page's worker trains. The JS heap is Chromium's performance.memory
// (coarse, and without a forced garbage collection).
function memory_over_epochs(relu_lab, epochs) {
    const wasm_bytes = () => relu_lab.wasm_heap_bytes();
    const js_heap = () => performance.memory?.usedJSHeapSize ?? null;
    const wasm_bytes_start = wasm_bytes();
    const js_heap_start = js_heap();
    const made = create_trainer(relu_lab, preset_config(relu_lab, 'seed-keras').config);
    if (!made.ok) return { error: made.error };
    const count = 4000;
    const { images, labels } = random_batch(count, 3);
    const dataset = {
        pixels: Uint8Array.from(images, (v) => Math.round(v * 255)),
        labels: Uint8Array.from(labels),
        count,
        rows: 28,
        cols: 28,
    };
    const handed = made.trainer.set_training_data(dataset);
    if (!handed.ok) return { error: handed.error };
    const wasm_bytes_after_setup = wasm_bytes();
    const batches = Math.ceil(count / made.trainer.config().batch_size) * epochs;
    const start = performance.now();
    for (let done = 0; done < batches; done += 8) made.trainer.step(Math.min(8, batches - done));
    const seconds_elapsed = (performance.now() - start) / 1000;
    const result = {
        epochs,
        images: count,
        wasm_bytes_start,
        wasm_bytes_after_setup,
        wasm_bytes_end: wasm_bytes(),
        js_heap_start,
        js_heap_end: js_heap(),
        seconds: seconds_elapsed,
    };
    made.trainer.dispose();
    return result;
}

run().then(
    (result) => {
        globalThis.bench_result = result;
    },
    (error) => {
        globalThis.bench_result = { error: String(error?.stack ?? error) };
    }
);
