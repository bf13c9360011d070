// Runs the benchmarks in headless Chromium and merges them into build/bench.json
// (medians, with the range of the interleaved rounds), then prints tables. Ratios are
// what to read: this machine is shared and absolute times move with its load.
//   kernels   activation kernels, SIMD vs scalar vs memcpy (tests/bench/kernel_bench_page.js)
//   training  ReLU Lab vs TensorFlow.js (wasm, cpu) and ConvNetJS on the same networks
//             (tests/bench/training_bench_page.js), plus the SIMD peak
//   workers   the page's own trainer (dist/) training seed-keras and small with 1, 2 and 4
//             workers (web/workers/training_team.js; tests/bench/workers_throughput.js)
//   time_to_97  seed-keras in the page with its defaults until 97 % held out (3 runs; the median)
//   page      gzip size of dist/ and time until the explorer is interactive
//   responsiveness  the page while its trainer trains `small` with the charts on screen:
//             the longest main-thread task and the frame times (requestAnimationFrame)
// Usage: node build-scripts/bench.mjs [--parts kernels,training,workers,time_to_97,page,native,responsiveness]
//        [--rounds N] [--seconds S] [--only tfjs_wasm,tfjs_cpu,convnetjs,ours] [--workers-seconds S]
//        [--responsiveness-seconds S] [--time-to-97-runs N] [--out FILE]
// (or RELU_LAB_BENCH_PARTS, _ROUNDS, _SECONDS, _ONLY, _WORKERS_SECONDS, _RESPONSIVENESS_SECONDS,
// _TIME_TO_97_RUNS, _OUT); --rounds (default 3) sets the training and workers parts' rounds,
// --seconds (per training measurement, default 1) the training part's length, --only its
// implementations; --workers-seconds (default 1.5) the length of a workers measurement;
// --responsiveness-seconds (default 30) how long the page is watched while it trains;
// --time-to-97-runs (default 3) how often the page trains to 97 % (one run moves by a tenth on
// this shared machine); --out writes another file than build/bench.json. page_vs_bench needs
// the workers and time_to_97 parts (from this run or an earlier one in the same file).
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { execFileSync } from 'node:child_process';
import { time_to_target } from '../tests/bench/time_to_target.js';
import { measure_workers } from '../tests/bench/workers_throughput.js';
import { dist_dir, launch_browser } from '../tests/support/browser.js';
import { flops_per_image, presets } from '../tests/bench/networks.js';
import { start_static_server } from './static_server.js';

const { values: options } = parseArgs({
    options: {
        parts: {
            type: 'string',
            default:
                process.env.RELU_LAB_BENCH_PARTS ?? 'kernels,training,workers,time_to_97,page,native,responsiveness',
        },
        rounds: { type: 'string', default: process.env.RELU_LAB_BENCH_ROUNDS ?? '3' },
        seconds: { type: 'string', default: process.env.RELU_LAB_BENCH_SECONDS ?? '1' },
        only: { type: 'string', default: process.env.RELU_LAB_BENCH_ONLY ?? '' },
        'workers-seconds': { type: 'string', default: process.env.RELU_LAB_BENCH_WORKERS_SECONDS ?? '1.5' },
        'responsiveness-seconds': {
            type: 'string',
            default: process.env.RELU_LAB_BENCH_RESPONSIVENESS_SECONDS ?? '30',
        },
        'time-to-97-runs': { type: 'string', default: process.env.RELU_LAB_BENCH_TIME_TO_97_RUNS ?? '3' },
        out: { type: 'string', default: process.env.RELU_LAB_BENCH_OUT ?? '' },
    },
});
const parts = new Set(options.parts.split(','));

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const site = join(root, 'build', 'bench-site');
mkdirSync(site, { recursive: true });
// The benchmark pages, for the parts that use them.
if (parts.has('kernels') || parts.has('training')) {
    cpSync(join(dist_dir, 'wasm'), join(site, 'wasm'), { recursive: true });
    // tfjs-backend-wasm fetches its binaries relative to the page (setWasmPaths('tfjs-wasm/')):
    // the SIMD and baseline single-threaded builds; the threaded one cannot run without
    // cross-origin isolation.
    const tfjs_wasm_dist = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
    mkdirSync(join(site, 'tfjs-wasm'), { recursive: true });
    for (const file of ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'])
        cpSync(join(tfjs_wasm_dist, file), join(site, 'tfjs-wasm', file));
    await build({
        entryPoints: {
            kernel_bench: join(root, 'tests', 'bench', 'kernel_bench_page.js'),
            training_bench: join(root, 'tests', 'bench', 'training_bench_page.js'),
        },
        bundle: true,
        format: 'iife',
        outdir: site,
        logLevel: 'warning',
    });
    const html = (title, script) =>
        `<!DOCTYPE html><meta charset="utf-8"><title>${title}</title><script src="${script}"></script>`;
    writeFileSync(join(site, 'index.html'), html('ReLU Lab benchmark', 'kernel_bench.js'));
    writeFileSync(join(site, 'training.html'), html('ReLU Lab training benchmark', 'training_bench.js'));
}

const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round3 = (v) => Math.round(v * 1000) / 1000;
const pad = (s, w) => String(s).padEnd(w);

// Loads url in a new page and waits for globalThis.bench_result.
async function run_page(context, url) {
    const page = await context.newPage();
    try {
        await page.goto(url);
        await page.waitForFunction(() => globalThis.bench_result, null, { timeout: 600_000, polling: 500 });
        const result = await page.evaluate(() => globalThis.bench_result);
        if (result.error) throw new Error(result.error);
        return result;
    } finally {
        await page.close();
    }
}

const bench_path = options.out ? resolve(options.out) : join(root, 'build', 'bench.json');
let bench = {};
try {
    bench = JSON.parse(readFileSync(bench_path, 'utf8')); // other benchmarks add their own keys
} catch {
    bench = {};
}
bench.machine = {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
};
bench.range ??= {};

const server = await start_static_server(site);
const dist_server =
    parts.has('page') || parts.has('workers') || parts.has('time_to_97') || parts.has('responsiveness')
        ? await start_static_server(dist_dir)
        : null;
const browser = await launch_browser();
try {
    const version = browser.context.browser()?.version();
    bench.browser = version ? `Chromium ${version}` : 'Chromium (headless)';
    if (parts.has('kernels')) report_kernels(await run_page(browser.context, server.url));
    if (parts.has('training')) {
        const query = new URLSearchParams({ rounds: options.rounds, seconds: options.seconds });
        if (options.only) query.set('only', options.only);
        report_training(await run_page(browser.context, `${server.url}training.html?${query}`));
    }
    if (parts.has('workers')) {
        // 1, 2 and 4 workers, and the page's default count (one per core up to 8) when it is
        // another: page_vs_bench compares the page with the bench at the page's count.
        report_workers(
            await measure_workers(browser.context, dist_server.url, {
                workers: [1, 2, 4],
                with_default: true,
                oversubscribed: [4],
                rounds: Number(options.rounds),
                seconds: Number(options['workers-seconds']),
            })
        );
    }
    if (parts.has('time_to_97')) {
        const runs = [];
        for (let i = 0; i < Math.max(1, Number(options['time-to-97-runs'])); i++)
            runs.push(
                await time_to_target(browser.context, `${dist_server.url}?preset=seed-keras#trainer`, { target: 0.97 })
            );
        report_time_to_97(runs);
    }
    if (parts.has('workers') || parts.has('time_to_97')) report_page_vs_bench();
    if (parts.has('page')) report_page(await measure_page_load(browser.context, dist_server.url));
    if (parts.has('responsiveness')) {
        report_responsiveness(
            await measure_responsiveness(browser.context, dist_server.url, {
                preset: 'small',
                seconds: Number(options['responsiveness-seconds']),
            })
        );
    }
    if (parts.has('native')) report_native();
} catch (error) {
    console.error(`bench: ${error.message}`);
    process.exitCode = 1;
} finally {
    await browser.close();
    await server.close();
    await dist_server?.close();
}
if (!process.exitCode) {
    writeFileSync(bench_path, `${JSON.stringify(bench, null, 2)}\n`);
    console.log(`\n(written to ${bench_path.startsWith(`${root}/`) ? relative(root, bench_path) : bench_path})`);
}

// The same presets trained natively by the command-line trainer (one epoch of the
// bundled digits, no augmentation, the browser workloads' batch sizes), beside `ours`.
function report_native() {
    const cli = join(root, 'build', 'native', 'cpp', 'relu-lab-train');
    console.log('\nNative (command-line trainer, one epoch of 4,000 digits, scalar C++ kernels)');
    for (const [preset, batch] of [
        ['seed-keras', 32],
        ['small', 20],
    ]) {
        const output = execFileSync(
            cli,
            ['--preset', preset, '--epochs', '1', '--batch', String(batch), '--augment', 'off', '--json'],
            { encoding: 'utf8' }
        );
        const epoch = output
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line))
            .find((record) => 'epoch' in record);
        bench.training ??= {};
        bench.training[preset] ??= {};
        bench.training[preset].native = { train_img_s: round3(epoch.images_per_s), gflop_s: round3(epoch.gflops) };
        console.log(
            `${pad(preset, 12)}${pad(`${round3(epoch.images_per_s)} img/s`, 18)}${round3(epoch.gflops)} GFLOP/s`
        );
    }
}

function report_kernels(result) {
    const gelem_s = (ms) => result.n / (ms * 1e6);
    const stat = (key, to_value) => {
        const values = result.samples[key].map(to_value);
        return { median: round3(median(values)), min: round3(Math.min(...values)), max: round3(Math.max(...values)) };
    };
    bench.elements = result.n;
    bench.rounds = result.rounds;
    bench.kernels = {};
    for (const name of result.activations) {
        const simd = stat(`kernels.${name}.simd_ms`, gelem_s);
        const scalar = stat(`kernels.${name}.scalar_ms`, gelem_s);
        bench.kernels[name] = {
            simd_gelem_s: simd.median,
            scalar_gelem_s: scalar.median,
            simd_speedup: round3(simd.median / scalar.median),
        };
        bench.range[`kernels.${name}.simd_gelem_s`] = [simd.min, simd.max];
        bench.range[`kernels.${name}.scalar_gelem_s`] = [scalar.min, scalar.max];
    }
    const memcpy = stat('memcpy_ms', gelem_s);
    const js_loop = stat('js_loop_ms', gelem_s);
    const roundtrip = stat('roundtrip_ms', (v) => v);
    const roundtrip_1m = stat('roundtrip_1m_ms', (v) => v);
    bench.memcpy_gelem_s = memcpy.median;
    bench.js_loop_gelem_s = js_loop.median;
    bench.roundtrip_ms = roundtrip.median;
    bench.roundtrip_elements = 1024;
    bench.roundtrip_1m_ms = roundtrip_1m.median;
    bench.relu_simd_vs_memcpy = round3(bench.kernels.relu.simd_gelem_s / memcpy.median);
    const relu_in_place = stat('relu_in_place_simd_ms', gelem_s);
    bench.kernels.relu.simd_in_place_gelem_s = relu_in_place.median;
    bench.range['kernels.relu.simd_in_place_gelem_s'] = [relu_in_place.min, relu_in_place.max];
    bench.relu_simd_in_place_vs_memcpy = round3(relu_in_place.median / memcpy.median);
    const dram_gelem_s = (key) => median(result.samples[key].map((ms) => result.n_dram / (ms * 1e6)));
    const dram_relu = dram_gelem_s('dram.relu_simd_ms');
    const dram_relu_in_place = dram_gelem_s('dram.relu_in_place_simd_ms');
    const dram_memcpy = dram_gelem_s('dram.memcpy_ms');
    bench.dram = {
        elements: result.n_dram,
        relu_simd_gelem_s: round3(dram_relu),
        relu_simd_in_place_gelem_s: round3(dram_relu_in_place),
        memcpy_gelem_s: round3(dram_memcpy),
        relu_simd_vs_memcpy: round3(dram_relu / dram_memcpy),
        relu_simd_in_place_vs_memcpy: round3(dram_relu_in_place / dram_memcpy),
    };
    Object.assign(bench.range, {
        memcpy_gelem_s: [memcpy.min, memcpy.max],
        js_loop_gelem_s: [js_loop.min, js_loop.max],
        roundtrip_ms: [roundtrip.min, roundtrip.max],
    });

    console.log(
        `\nActivation kernels, forward over ${result.n.toLocaleString('en')} floats, median of ${result.rounds} interleaved rounds (${bench.browser})`
    );
    console.log(
        `${pad('kernel', 12)}${pad('SIMD Gelem/s', 15)}${pad('scalar Gelem/s', 17)}${pad('SIMD/scalar', 13)}SIMD/memcpy`
    );
    for (const name of result.activations) {
        const k = bench.kernels[name];
        console.log(
            `${pad(name, 12)}${pad(k.simd_gelem_s, 15)}${pad(k.scalar_gelem_s, 17)}${pad(`${k.simd_speedup}x`, 13)}${round3(k.simd_gelem_s / memcpy.median)}x`
        );
    }
    console.log(`${pad('memcpy', 12)}${pad(memcpy.median, 15)}(bandwidth yardstick: the same buffer copied in wasm)`);
    console.log(`${pad('JS loop', 12)}${pad(js_loop.median, 15)}(plain JavaScript ReLU loop over a Float32Array)`);
    console.log(
        `round trip JS -> wasm -> JS: ${roundtrip.median} ms for 1,024 floats, ${roundtrip_1m.median} ms for ${result.n.toLocaleString('en')}`
    );
    console.log(
        `relu SIMD / memcpy = ${bench.relu_simd_vs_memcpy} at ${result.n.toLocaleString('en')} floats (cache-resident), ` +
            `${bench.dram.relu_simd_vs_memcpy} at ${result.n_dram.toLocaleString('en')} floats (DRAM)`
    );
    console.log(
        `relu SIMD in place / memcpy = ${bench.relu_simd_in_place_vs_memcpy} at ${result.n.toLocaleString('en')} floats, ` +
            `${bench.dram.relu_simd_in_place_vs_memcpy} at ${result.n_dram.toLocaleString('en')} floats ` +
            '(same bytes moved as the copy; out of place, the destination is first read for ownership, which the native memcpy avoids)'
    );
}

function report_training(result) {
    const stat = (key) => {
        const values = result.samples[key];
        if (!values) return null;
        return { median: round3(median(values)), min: round3(Math.min(...values)), max: round3(Math.max(...values)) };
    };
    const peak = stat('peak_gflop_s'); // one sample per round
    const peak_gflop_s = peak ? peak.median : null;
    if (peak) bench.range.peak_gflop_s = [peak.min, peak.max];
    const wasm_status = result.status.tfjs_wasm ?? {};
    bench.peak_gflop_s = peak_gflop_s;
    const training = {
        rounds: result.rounds,
        seconds_per_measurement: result.seconds,
        warmup_steps: result.warmup_steps,
        input: 'random 28x28x1 images in [0, 1) and labels, fixed seeds (throughput only)',
        flop_count:
            'multiply-adds x 2; train = forward + 2x forward backward, 1x for the first layer (no input gradient)',
        peak: result.peak.available
            ? { gflop_s: peak_gflop_s, flops_per_iteration: result.peak.flops_per_iteration }
            : { available: false, reason: result.peak.reason },
        implementations: Object.fromEntries(
            Object.entries(result.status).map(([name, s]) => [
                name,
                s.available
                    ? { available: true, ...s.details, ...errors_of(s) }
                    : { available: false, reason: s.reason },
            ])
        ),
        tfjs_wasm_binary: result.tfjs_wasm_files.join(', ') || null,
        tfjs_wasm_missing_kernels: wasm_status.details?.missing_kernels ?? null,
        shim: wasm_status.details?.shim ?? null,
        calls_per_measurement: result.calls,
        profile_ours_us_per_image: result.profiles ?? {},
    };
    const impls = Object.keys(result.status);
    for (const [preset_name, preset] of Object.entries(presets)) {
        const flops = flops_per_image(preset.layers);
        const entry = {
            flops_per_image: flops,
            train_batch: preset.train_batch,
            infer_batch: preset.infer_batch,
            parameters: {},
        };
        for (const impl of impls) {
            const train = stat(`${preset_name}.${impl}.train_img_s`);
            const infer = stat(`${preset_name}.${impl}.infer_img_s`);
            if (!train || !infer) continue;
            entry.parameters[impl] = result.parameters[`${preset_name}.${impl}`];
            const gflop_s = round3((train.median * flops.train) / 1e9);
            const infer_gflop_s = round3((infer.median * flops.infer) / 1e9);
            entry[impl] = { train_img_s: train.median, infer_img_s: infer.median, gflop_s, infer_gflop_s };
            // Fraction of peak: the median over rounds of this round's GFLOP/s over the peak
            // measured just before it (older results without paired peaks: medians' ratio).
            const paired_peaks = result.samples[`${preset_name}.${impl}.peak_gflop_s`];
            const fraction = (key, flops_per_image) =>
                paired_peaks
                    ? median(
                          result.samples[key].map(
                              (img_s, round) => (img_s * flops_per_image) / 1e9 / paired_peaks[round]
                          )
                      )
                    : (median(result.samples[key]) * flops_per_image) / 1e9 / peak_gflop_s;
            if (peak_gflop_s) {
                entry[impl].train_fraction_of_peak = round3(
                    fraction(`${preset_name}.${impl}.train_img_s`, flops.train)
                );
                entry[impl].infer_fraction_of_peak = round3(
                    fraction(`${preset_name}.${impl}.infer_img_s`, flops.infer)
                );
            }
            bench.range[`training.${preset_name}.${impl}.train_img_s`] = [train.min, train.max];
            bench.range[`training.${preset_name}.${impl}.infer_img_s`] = [infer.min, infer.max];
        }
        training[preset_name] = entry;
        // Every implementation must have built the same network.
        if (new Set(Object.values(entry.parameters)).size > 1) {
            throw new Error(
                `${preset_name}: the implementations built different networks (parameters: ${JSON.stringify(entry.parameters)})`
            );
        }
    }
    // The keys other parts write (native, ours_workers_<n>, workers_*) stay.
    const kept = (key) => key === 'native' || key.startsWith('ours_workers_') || key.startsWith('workers_');
    for (const [key, value] of Object.entries(bench.training ?? {})) {
        if (kept(key)) training[key] = value;
        else if (training[key] && value && typeof value === 'object') {
            for (const [inner, v] of Object.entries(value)) if (kept(inner)) training[key][inner] = v;
        }
    }
    bench.training = training;
    bench.fma = fma_summary(result, stat, peak_gflop_s);
    if (result.memory && !result.memory.error) {
        const m = result.memory;
        bench.memory = {
            wasm_bytes_start: m.wasm_bytes_start,
            wasm_bytes_end: m.wasm_bytes_end,
            js_heap_start: m.js_heap_start,
            js_heap_end: m.js_heap_end,
            wasm_bytes_after_setup: m.wasm_bytes_after_setup,
            epochs: m.epochs,
            images_per_epoch: m.images,
            seconds: round3(m.seconds),
        };
    }

    console.log(
        `\nTraining and inference, images/s, median [min-max] of ${result.rounds} interleaved rounds of >= ${result.seconds} s each (${bench.browser})`
    );
    console.log(
        peak_gflop_s
            ? `SIMD peak of the ReLU Lab wasm module: ${peak_gflop_s} [${peak.min}-${peak.max}] GFLOP/s (f32x4 multiply and add chains in registers, one sample per round)`
            : `SIMD peak: not measured (${result.peak.reason})`
    );
    for (const [preset_name, preset] of Object.entries(presets)) {
        const entry = training[preset_name];
        const { train: train_flops, infer: infer_flops } = entry.flops_per_image;
        console.log(
            `\n${preset_name}: train batch ${preset.train_batch}, ${(train_flops / 1e6).toFixed(3)} MFLOP/image; ` +
                `infer batch ${preset.infer_batch}, ${(infer_flops / 1e6).toFixed(3)} MFLOP/image; ` +
                `${Object.values(entry.parameters)[0]?.toLocaleString('en')} parameters in every implementation`
        );
        console.log(
            `${pad('impl', 11)}${pad('train img/s', 22)}${pad('GFLOP/s', 9)}${pad('% peak', 8)}${pad('infer img/s', 24)}${pad('GFLOP/s', 9)}${pad('% peak', 8)}ours/this (train, infer)`
        );
        const ours = entry.ours;
        for (const impl of impls) {
            const e = entry[impl];
            if (!e) {
                console.log(
                    `${pad(impl, 11)}${result.status[impl]?.reason ?? result.status[impl]?.[`error_${preset_name}`] ?? 'no result'}`
                );
                continue;
            }
            const range = (key) => bench.range[`training.${preset_name}.${impl}.${key}`];
            const cell = (key) => `${significant(e[key])} [${range(key).map(significant).join('-')}]`;
            const percent = (f) => (f === undefined ? '-' : `${(100 * f).toFixed(1)}`);
            const ratio =
                ours && impl !== 'ours'
                    ? `${round3(ours.train_img_s / e.train_img_s)}x, ${round3(ours.infer_img_s / e.infer_img_s)}x`
                    : '-';
            // ours_fma's own column: it over ours (the SIMD build), and over TF.js-wasm.
            const fma_ratio =
                impl === 'ours_fma' && ours
                    ? ` (ours_fma/ours ${round3(e.train_img_s / ours.train_img_s)}x, ${round3(e.infer_img_s / ours.infer_img_s)}x` +
                      (entry.tfjs_wasm
                          ? `; ours_fma/tfjs_wasm ${round3(e.train_img_s / entry.tfjs_wasm.train_img_s)}x, ${round3(e.infer_img_s / entry.tfjs_wasm.infer_img_s)}x)`
                          : ')')
                    : '';
            console.log(
                `${pad(impl, 11)}${pad(cell('train_img_s'), 22)}${pad(e.gflop_s, 9)}${pad(percent(e.train_fraction_of_peak), 8)}` +
                    `${pad(cell('infer_img_s'), 24)}${pad(e.infer_gflop_s, 9)}${pad(percent(e.infer_fraction_of_peak), 8)}${ratio}${fma_ratio}`
            );
        }
    }
    if (bench.memory) {
        const mib = (bytes) => (bytes === null ? '-' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
        console.log(
            `\nMemory over ${bench.memory.epochs} epochs of seed-keras on ${bench.memory.images_per_epoch} images (ours, ${bench.memory.seconds} s): ` +
                `wasm ${mib(bench.memory.wasm_bytes_start)} at start, ${mib(bench.memory.wasm_bytes_after_setup)} with the trainer and data, ${mib(bench.memory.wasm_bytes_end)} at the end; ` +
                `JS heap ${mib(bench.memory.js_heap_start)} -> ${mib(bench.memory.js_heap_end)}`
        );
    } else if (result.memory?.error) {
        console.log(`\nMemory measurement failed: ${result.memory.error}`);
    }
    for (const [preset_name, profile] of Object.entries(result.profiles ?? {})) {
        console.log(`\nProfile of ours, ${preset_name}, microseconds per image (one sample after the rounds):`);
        console.log(`${pad('layer', 16)}${pad('train fwd', 11)}${pad('train bwd', 11)}infer fwd`);
        for (const l of profile.layers)
            console.log(
                `${pad(l.layer, 16)}${pad(l.train_forward_us, 11)}${pad(l.train_backward_us, 11)}${l.infer_forward_us}`
            );
        console.log(
            `${pad('other', 16)}${pad(profile.train_other_us, 22)}${profile.infer_other_us}   (batch loading, loss, statistics, optimizer)`
        );
    }
    console.log('\nNotes:');
    if (wasm_status.details) {
        // absent when --only left TF.js out of the run
        console.log(
            `- tfjs_wasm: tfjs-backend-wasm 4.22 loaded ${training.tfjs_wasm_binary ?? 'no binary'} (SIMD ${wasm_status.details.wasm_simd}, threads ${wasm_status.details.wasm_threads}); ` +
                `kernels it lacks for training: ${(training.tfjs_wasm_missing_kernels ?? []).join(', ') || 'none'}.`
        );
    }
    if (training.shim) console.log(`- shim: ${training.shim}.`);
    if (result.status.convnetjs?.details?.optimizer)
        console.log(`- convnetjs: ${result.status.convnetjs.details.optimizer}.`);
    console.log(
        '- GFLOP/s from multiply-adds only (2 FLOP each); training = forward + backward (2x forward, 1x for the first layer).'
    );
    console.log(
        "- % peak: median over rounds of each measurement's GFLOP/s over the SIMD peak measured just before it."
    );
    if (result.status.ours?.details?.training) console.log(`- ours: ${result.status.ours.details.training}.`);
    if (bench.fma) {
        const f = bench.fma;
        console.log(
            `- FMA build (relaxed SIMD, ${result.fma_build}): multiply-add peak ${f.peak_gflop_s} GFLOP/s = ${f.peak_over_simd_peak}x the SIMD peak; ` +
                `SGEMM ${result.gemm_side}^3 ${f.gemm_fma_gflop_s} GFLOP/s (SIMD build ${f.gemm_simd_gflop_s}) = ` +
                `${f.gemm_fma_over_simd_peak}x the SIMD peak, ${f.gemm_fma_over_gemm_simd}x the SIMD build's SGEMM.`
        );
    } else {
        console.log(
            '- FMA build: not measured (this browser does not validate relaxed SIMD, or the build is missing).'
        );
    }
}

// The FMA build against the SIMD build: peaks, SGEMM and training, medians over rounds.
function fma_summary(result, stat, simd_peak_gflop_s) {
    const fma_peak = stat('fma_peak_gflop_s');
    const gemm_simd = stat('gemm.simd_gflop_s');
    const gemm_fma = stat('gemm.fma_gflop_s');
    if (!fma_peak || !gemm_simd || !gemm_fma) return null;
    const training_gain = {};
    for (const preset_name of Object.keys(presets)) {
        const simd = bench.training[preset_name]?.ours;
        const fma = bench.training[preset_name]?.ours_fma;
        if (simd && fma)
            training_gain[preset_name] = {
                train_fma_over_simd: round3(fma.train_img_s / simd.train_img_s),
                infer_fma_over_simd: round3(fma.infer_img_s / simd.infer_img_s),
            };
    }
    return {
        build: result.fma_build,
        peak_gflop_s: fma_peak.median,
        simd_peak_gflop_s,
        peak_over_simd_peak: round3(fma_peak.median / simd_peak_gflop_s),
        gemm_side: result.gemm_side,
        gemm_simd_gflop_s: gemm_simd.median,
        gemm_fma_gflop_s: gemm_fma.median,
        gemm_fma_over_simd_peak: round3(gemm_fma.median / simd_peak_gflop_s),
        gemm_fma_over_gemm_simd: round3(gemm_fma.median / gemm_simd.median),
        training_gain,
    };
}

// Three significant digits, for the table (the JSON keeps more).
function significant(value) {
    return Number(value.toPrecision(3)).toString();
}

function errors_of(status) {
    return Object.fromEntries(Object.entries(status).filter(([key]) => key.startsWith('error_')));
}

// Loads the page from dist/ over http `loads` times, each in a fresh tab, and times
// navigation start -> html[data-ready="true"] with a MutationObserver in the page.
async function measure_page_load(context, url, loads = 5) {
    await context.addInitScript(() => {
        new MutationObserver((_, observer) => {
            if (document.documentElement?.dataset.ready === 'true') {
                globalThis.__bench_ready_ms = performance.now();
                observer.disconnect();
            }
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
    });
    const times_ms = [];
    let requested = [];
    for (let i = 0; i < loads; i++) {
        const page = await context.newPage();
        const urls = [];
        page.on('request', (request) => urls.push(request.url()));
        await page.goto(url);
        await page.waitForFunction(() => globalThis.__bench_ready_ms !== undefined, null, { timeout: 60_000 });
        times_ms.push(await page.evaluate(() => globalThis.__bench_ready_ms));
        requested = urls;
        await page.close();
    }
    return { times_ms, requested };
}

function report_page({ times_ms, requested }) {
    const dist = dist_dir;
    const files = [];
    const walk = (dir) => {
        for (const name of readdirSync(dir)) {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) walk(path);
            else files.push(relative(dist, path));
        }
    };
    walk(dist);
    // Digit data files (bundled MNIST-style digits) are content, not page weight; the
    // single-file build and the SCORM zip are other packagings of the same page.
    const counted = files
        .filter((file) => !/digit/i.test(file) && !/\.(zip|md)$/.test(file) && file !== 'relu-lab-single-file.html')
        .sort();
    const gzip_bytes = Object.fromEntries(
        counted.map((file) => [file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length])
    );
    const total = Object.values(gzip_bytes).reduce((a, b) => a + b, 0);
    const origin = new URL(requested[0] ?? 'http://localhost/').origin;
    const loaded = requested
        .filter((u) => u.startsWith(origin))
        .map((u) => decodeURIComponent(new URL(u).pathname).replace(/^\//, '') || 'index.html')
        .filter((file) => gzip_bytes[file] !== undefined);
    const loaded_total = [...new Set(loaded)].reduce((sum, file) => sum + gzip_bytes[file], 0);
    bench.page_bytes_gzip = total;
    bench.page_bytes_gzip_by_file = gzip_bytes;
    bench.page_loaded_bytes_gzip = loaded_total;
    bench.page_load_interactive_ms = round3(median(times_ms));
    bench.range.page_load_interactive_ms = [round3(Math.min(...times_ms)), round3(Math.max(...times_ms))];

    console.log(
        `\nPage weight: ${(total / 1024).toFixed(1)} KiB gzip -9 for all of dist/ (${counted.length} files); ` +
            `${(loaded_total / 1024).toFixed(1)} KiB of it loaded by index.html (${[...new Set(loaded)].join(', ')})`
    );
    for (const file of counted) console.log(`  ${pad(file, 32)}${(gzip_bytes[file] / 1024).toFixed(1)} KiB`);
    console.log(
        `Page load until interactive (html[data-ready]), over http in headless Chromium: median ${bench.page_load_interactive_ms} ms ` +
            `[${bench.range.page_load_interactive_ms.join('-')}] of ${times_ms.length} loads`
    );
}

// seed-keras with the page's defaults (its default worker count too), trained in the page
// until 97 % held out, in several runs one after another: the median run's figures (a run
// that did not reach 97 % counts as the slowest), with every run's time and the range.
function report_time_to_97(runs) {
    const seconds_of = (r) => (r.seconds === null ? Infinity : r.seconds);
    const sorted = [...runs].sort((a, b) => seconds_of(a) - seconds_of(b));
    const result = sorted[(sorted.length - 1) >> 1];
    const reached = runs.filter((r) => r.seconds !== null).map((r) => round3(r.seconds));
    bench.time_to_97_s = result.seconds === null ? null : round3(result.seconds);
    bench.range.time_to_97_s = reached.length ? [Math.min(...reached), Math.max(...reached)] : null;
    bench.time_to_97 = {
        preset: 'seed-keras',
        runs: runs.length,
        run_seconds: runs.map((r) => (r.seconds === null ? null : round3(r.seconds))),
        run_epoch_images_per_s: runs.map((r) =>
            r.epoch_images_per_s === null ? null : Math.round(r.epoch_images_per_s)
        ),
        epoch: result.epoch,
        // From the click to the first step's progress: the model made, the team synced, a step.
        first_progress_s: round3(result.first_progress_s),
        // Whether the page had built the model ahead of the click in every run (the Train
        // button on screen first, as for a learner: model_prebuild.js).
        prebuilt: runs.every((r) => r.prebuilt),
        // Training images per second from the first epoch's end to the last one's, each
        // epoch's held-out evaluation and everything else the page does included.
        epoch_images_per_s: result.epoch_images_per_s === null ? null : Math.round(result.epoch_images_per_s),
        // The last progress message's rate: smoothed over its last few chunks of steps, which
        // leave out the evaluations (page_vs_bench's earlier definition).
        images_per_s: Math.round(result.images_per_s ?? 0),
        // The main thread's tasks over the run's time (charts, progress, messages): on a
        // 2-core machine, time the training workers did not get.
        main_thread_busy_fraction:
            result.main_thread_busy_fraction === null ? null : round3(result.main_thread_busy_fraction),
        train_count: result.train_count,
        build: result.build,
        workers: result.workers,
        ...(result.workers_seen.length > 1 ? { workers_seen: result.workers_seen } : {}),
        epochs: result.epochs.map((e) => ({ ...e, seconds: round3(e.seconds) })),
    };
    const workers = `${result.workers} worker${result.workers === 1 ? '' : 's'}`;
    console.log(
        result.seconds === null
            ? `\nseed-keras did not reach 97 % held out in the page (best ${(100 * Math.max(...result.epochs.map((e) => e.test_accuracy))).toFixed(2)} %, ${workers})`
            : `\nTime to 97 % held-out accuracy, seed-keras with the page's defaults (${result.build} build, ${workers}, the trainer section and its charts on screen): ${round3(result.seconds)} s, at epoch ${result.epoch}, the median of ${runs.length} run${runs.length === 1 ? '' : 's'} [${bench.time_to_97.run_seconds.map((v) => v ?? 'not reached').join(', ')} s]; ` +
                  `the first step's progress ${Math.round(1000 * result.first_progress_s)} ms after the click (the model ${bench.time_to_97.prebuilt ? 'built ahead, while the Train button was on screen' : 'not built ahead in every run'}); ` +
                  `${bench.time_to_97.epoch_images_per_s} images/s from the first epoch's end on, evaluations included ` +
                  `(the last progress message: ${Math.round(result.images_per_s)} images/s); the main thread busy ${(100 * result.main_thread_busy_fraction).toFixed(1)} % of the run`
    );
    if (result.workers_seen.length > 1)
        console.log(`  (the page's worker count changed while training: ${result.workers_seen.join(', ')})`);
}

// The page's training throughput while it plays (time_to_97: its defaults, augmentation,
// held-out evaluation each epoch, charts and progress messages, over whole epochs) over the
// bench's at the same worker count (the workers part: the page's trainer stepped with
// augment 'none', epoch ends untimed); the same with the last progress message's rate
// (page_vs_bench_progress_rate, its earlier definition), and, as before issue 17,
// over the bare single-thread Trainer.step loop of the training part (page_vs_bare_loop).
// From this run's parts or earlier ones in bench.json.
function report_page_vs_bench() {
    const page = bench.time_to_97;
    const n = page?.workers;
    const same_count = n ? bench.training?.['seed-keras']?.[`ours_workers_${n}`]?.train_img_s : undefined;
    const bare = bench.training?.['seed-keras']?.ours?.train_img_s;
    const ratio = (page_rate, bench_rate) => (page_rate && bench_rate ? round3(page_rate / bench_rate) : null);
    bench.page_vs_bench = ratio(page?.epoch_images_per_s, same_count);
    bench.page_vs_bench_definition =
        "seed-keras: the page's training images per second while playing with its defaults, from the first " +
        "epoch's end to the last one's, each epoch's held-out evaluation included (time_to_97.epoch_images_per_s, " +
        'time_to_97.workers workers), over training.seed-keras.ours_workers_<time_to_97.workers>.train_img_s ' +
        "(the workers part: the page's trainer, same worker count, augment none, steps timed without epoch ends)";
    bench.page_vs_bench_progress_rate = ratio(page?.images_per_s, same_count);
    bench.page_vs_bench_progress_rate_definition =
        "the same with time_to_97.images_per_s, the last progress message's smoothed rate (page_vs_bench's earlier definition)";
    bench.page_vs_bare_loop = ratio(page?.images_per_s, bare);
    bench.page_vs_bare_loop_definition =
        "seed-keras: time_to_97.images_per_s over training.seed-keras.ours.train_img_s (the training part's bare single-thread Trainer.step loop); page_vs_bench's definition before issue 17";
    if (bench.page_vs_bench !== null)
        console.log(
            `Page training throughput over the bench's (seed-keras, ${n} worker${n === 1 ? '' : 's'} each): ${bench.page_vs_bench} ` +
                `(${page.epoch_images_per_s} images/s over whole epochs, evaluations included, against ${Math.round(same_count)}); ` +
                `with the last progress message's rate ${bench.page_vs_bench_progress_rate} (${page.images_per_s} images/s)`
        );
    else
        console.log(
            `Page training throughput over the bench's: not computed (${
                !page
                    ? 'no time_to_97 result'
                    : !n
                      ? 'time_to_97 did not record its worker count'
                      : !page.epoch_images_per_s
                        ? 'time_to_97 saw fewer than two epoch ends'
                        : `no workers result for ${n} workers`
            })`
        );
    if (bench.page_vs_bare_loop !== null)
        console.log(
            `Page training throughput over the bare single-thread loop (seed-keras): ${bench.page_vs_bare_loop} ` +
                `(${page.images_per_s} against ${Math.round(bare)} images/s)`
        );
}

// The page's own trainer with 1, 2, 4 ... workers (tests/bench/workers_throughput.js).
function report_workers(r) {
    bench.training ??= {};
    bench.workers_cores = r.cores;
    bench.training.workers_build = r.build;
    bench.training.workers_method =
        `the page's trainer (dist/, ${r.build} build) stepped with client.step(k) for about ${r.seconds} s per measurement, ` +
        `augment none, seed ${r.seed}, bundled digits, ${r.warmup_steps} warm-up steps after set_workers(n); ` +
        `worker counts interleaved in each of ${r.rounds} rounds; train_img_s the median over rounds, speedup_over_1 ` +
        'the median over rounds of the ratio to one worker in the same round; epoch ends (held-out evaluation) untimed; ' +
        'infer_img_s: client.evaluate() of the held-out digits (shared by the team, with the per-layer statistics) ' +
        `repeated for about ${r.seconds / 2} s after each training measurement, infer_speedup_over_1 likewise; ` +
        'the page trains with at most one worker per core (training_workers: how many trained when fewer than asked); ' +
        'ours_workers_<n>_all_training: n workers all training, the page told the computer has n cores, in the same rounds; ' +
        "image_weights: how the team split each batch among its members at the end of the last round (the leader's " +
        "per-mille weights from the members' measured speeds, web/workers/training_team.js)";
    console.log(
        `\nTraining on several workers in the page (${r.build} build, ${r.cores} cores reported, default ${r.default_workers} workers), ` +
            `images/s, median [min-max] of ${r.rounds} interleaved rounds of about ${r.seconds} s each`
    );
    for (const preset of r.presets) {
        const entry = (bench.training[preset] ??= {});
        for (const key of Object.keys(entry)) if (key.startsWith('ours_workers_')) delete entry[key];
        for (const key of Object.keys(bench.range))
            if (key.startsWith(`training.${preset}.ours_workers_`)) delete bench.range[key];
        const ones = r.samples[preset][1];
        const cells = [];
        for (const n of r.workers) {
            const values = r.samples[preset][n];
            const result = { train_img_s: round3(median(values)) };
            if (r.training_workers[n] !== n) result.training_workers = r.training_workers[n];
            if (n > 1 && ones) result.speedup_over_1 = round3(median(values.map((v, round) => v / ones[round])));
            const infer = r.infer_samples?.[preset]?.[n];
            if (infer?.length) {
                result.infer_img_s = round3(median(infer));
                const infer_ones = r.infer_samples[preset][1];
                if (n > 1 && infer_ones)
                    result.infer_speedup_over_1 = round3(median(infer.map((v, round) => v / infer_ones[round])));
            }
            const image_weights = r.details[preset]?.image_weights?.[n];
            if (image_weights) result.image_weights = image_weights;
            entry[`ours_workers_${n}`] = result;
            bench.range[`training.${preset}.ours_workers_${n}.train_img_s`] = [
                round3(Math.min(...values)),
                round3(Math.max(...values)),
            ];
            const range = bench.range[`training.${preset}.ours_workers_${n}.train_img_s`].map(significant).join('-');
            const trained = result.training_workers ? ` (${result.training_workers} trained)` : '';
            cells.push(
                `${n}${trained}: ${significant(result.train_img_s)} [${range}]${result.speedup_over_1 ? ` (${result.speedup_over_1}x)` : ''}` +
                    (image_weights ? `, split ${image_weights.join(':')}` : '') +
                    (result.infer_img_s
                        ? `, infer ${significant(result.infer_img_s)}${result.infer_speedup_over_1 ? ` (${result.infer_speedup_over_1}x)` : ''}`
                        : '')
            );
        }
        console.log(`${pad(preset, 12)}${cells.join('   ')}`);
        // Every worker training, the page told the computer has that many cores.
        for (const [count, values] of Object.entries(r.oversubscribed_samples?.[preset] ?? {})) {
            if (!values.length) continue;
            const n = Number(count);
            const capped = r.samples[preset][n];
            const result = { train_img_s: round3(median(values)) };
            if (capped) result.ratio_to_one_per_core = round3(median(values.map((v, round) => v / capped[round])));
            entry[`ours_workers_${n}_all_training`] = result;
            console.log(
                `${pad('', 12)}${n} workers all training on ${r.cores} cores: ${significant(result.train_img_s)}` +
                    (result.ratio_to_one_per_core
                        ? ` (${result.ratio_to_one_per_core}x the page's ${n}, which trains ${r.training_workers[n]})`
                        : '')
            );
        }
    }
    const problems = [
        ...r.team_events.map((e) => `team_changed ${JSON.stringify(e)}`),
        ...r.errors.map((e) => `page error: ${e}`),
    ];
    if (problems.length) bench.training.workers_problems = problems;
    else delete bench.training.workers_problems;
    if (r.team_events.length)
        console.log(`  the team changed on its own during the measurements: ${JSON.stringify(r.team_events)}`);
    if (r.errors.length) console.log(`  page errors: ${r.errors.join(' | ')}`);
}

// The trainer section training `preset` in its worker, the page scrolled to the live
// charts (they redraw only on screen), watched for `seconds` from the first progress
// message: every main-thread task the Long Tasks API reports (those over 50 ms) and every
// frame's time (the gap between requestAnimationFrame callbacks). A measurement, never
// asserted: the tests only check that a click is answered while training.
async function measure_responsiveness(context, url, { preset, seconds }) {
    if (!(seconds > 0)) throw new Error(`--responsiveness-seconds must be a positive number, not ${seconds}`);
    const page = await context.newPage();
    try {
        await page.goto(`${url}?preset=${preset}`);
        await page.waitForSelector('.trainer[data-ready="true"]', { state: 'attached', timeout: 120_000 });
        // Enough epochs that training outlasts the measurement.
        const planned = await page.evaluate(() => {
            const plan = globalThis.relu_lab.trainer.plan();
            plan.epochs = 200;
            return globalThis.relu_lab.trainer.set_plan(plan);
        });
        if (!planned) throw new Error('responsiveness: the trainer refused a plan of 200 epochs');
        await page.locator('.trainer-charts').scrollIntoViewIfNeeded();
        await page.click('[data-control="trainer_play"]');
        await page.waitForFunction(() => globalThis.relu_lab.trainer.history().last_progress !== null, null, {
            timeout: 120_000,
        });
        await page.evaluate(() => {
            const m = {
                task_ms: [],
                frame_ms: [],
                stopped: false,
                started_ms: performance.now(),
                step_at_start: globalThis.relu_lab.trainer.history().last_progress.step,
            };
            globalThis.__responsiveness = m;
            new PerformanceObserver((list) => {
                for (const entry of list.getEntries()) m.task_ms.push(entry.duration);
            }).observe({ type: 'longtask' });
            let previous = null;
            const on_frame = (now) => {
                if (previous !== null) m.frame_ms.push(now - previous);
                previous = now;
                if (!m.stopped) requestAnimationFrame(on_frame);
            };
            requestAnimationFrame(on_frame);
        });
        await page.waitForTimeout(seconds * 1000); // the measurement lasts a set time
        const watched = await page.evaluate(() => {
            const m = globalThis.__responsiveness;
            m.stopped = true;
            const history = globalThis.relu_lab.trainer.history();
            return {
                task_ms: m.task_ms,
                frame_ms: m.frame_ms,
                seconds: (performance.now() - m.started_ms) / 1000,
                running: history.running,
                steps: history.last_progress.step - m.step_at_start,
                images_per_s: history.last_progress.images_per_s,
                build: globalThis.relu_lab.build,
            };
        });
        await page.evaluate(() => globalThis.relu_lab.trainer.pause());
        if (!watched.running) throw new Error('responsiveness: training stopped before the measurement ended');
        return { preset, ...watched };
    } finally {
        await page.close();
    }
}

function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function report_responsiveness(r) {
    const round1 = (v) => Math.round(v * 10) / 10;
    bench.responsiveness = {
        preset: r.preset,
        build: r.build,
        seconds_measured: round1(r.seconds),
        steps_trained: r.steps,
        images_per_s: Math.round(r.images_per_s),
        charts_on_screen: true,
        // The Long Tasks API reports tasks over 50 ms only: null means none was that long.
        longest_task_ms: r.task_ms.length ? round1(Math.max(...r.task_ms)) : null,
        long_tasks_over_50_ms: r.task_ms.length,
        frames_sampled: r.frame_ms.length,
        frame_time_median_ms: r.frame_ms.length ? round1(percentile(r.frame_ms, 50)) : null,
        frame_time_p95_ms: r.frame_ms.length ? round1(percentile(r.frame_ms, 95)) : null,
        frame_time_max_ms: r.frame_ms.length ? round1(Math.max(...r.frame_ms)) : null,
    };
    const b = bench.responsiveness;
    console.log(
        `\nResponsiveness while the trainer trains ${b.preset} (${b.build} build, charts on screen), ${b.seconds_measured} s, ` +
            `${b.steps_trained} steps at ${b.images_per_s} images/s:`
    );
    console.log(
        `  longest main-thread task: ${b.longest_task_ms === null ? 'none over 50 ms' : `${b.longest_task_ms} ms`} ` +
            `(${b.long_tasks_over_50_ms} tasks over 50 ms)`
    );
    console.log(
        `  frame time over ${b.frames_sampled} frames: median ${b.frame_time_median_ms} ms, 95th percentile ${b.frame_time_p95_ms} ms, ` +
            `longest ${b.frame_time_max_ms} ms`
    );
}
