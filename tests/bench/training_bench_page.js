// The training benchmark, run inside Chromium by build-scripts/bench.mjs: every
// implementation (tests/bench/peers/) trains and classifies the same networks
// (tests/bench/networks.js) on the same random batches, in interleaved rounds
// (each implementation in turn per round), after warm-up steps that are not timed.
// Also measures the SIMD peak of the ReLU Lab wasm module, when it has the probe.
//
// URL parameters: rounds (default 3), seconds (per measurement, default 1), only
// (comma-separated implementation names).
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

// GFLOP/s of the wasm module's SIMD peak probe (cpp/kernels/peak_probe.h: independent
// f32x4 multiply and add chains in registers), best of 3 samples of >= 200 ms. Measured
// once per round, like everything else, because this machine's load moves it too.
function simd_peak(relu_lab) {
    const raw = raw_module(relu_lab);
    const flops_per_iteration = raw.simd_peak_probe_flops_per_iteration;
    if (typeof raw.simd_peak_probe !== 'function' || !(flops_per_iteration > 0)) {
        return {
            available: false,
            reason: 'the wasm module has no simd_peak_probe / simd_peak_probe_flops_per_iteration binding',
        };
    }
    let iterations = 1 << 10;
    raw.simd_peak_probe(iterations);
    for (;;) {
        const start = performance.now();
        raw.simd_peak_probe(iterations);
        if (performance.now() - start >= 200 || iterations >= 2 ** 30) break;
        iterations *= 2;
    }
    let best_ms = Infinity;
    for (let r = 0; r < 3; r++) {
        const start = performance.now();
        raw.simd_peak_probe(iterations);
        best_ms = Math.min(best_ms, performance.now() - start);
    }
    return {
        available: true,
        gflop_s: (iterations * flops_per_iteration) / (best_ms * 1e6),
        iterations,
        flops_per_iteration,
    };
}

async function run() {
    const relu_lab = await load_relu_lab({ requested_build: 'simd' });
    let peak = simd_peak(relu_lab);
    const all = [create_tfjs('wasm'), create_tfjs('cpu'), create_convnetjs(), create_ours(relu_lab)];
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
        if (peak.available) add('peak_gflop_s', simd_peak(relu_lab).gflop_s);
        for (const run of runs) {
            // The peak again, just before this measurement: each fraction of peak pairs
            // figures from the same moment of this machine's shifting load.
            if (peak.available) add(`${run.preset_name}.${run.impl}.peak_gflop_s`, simd_peak(relu_lab).gflop_s);
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
