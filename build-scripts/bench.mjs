// Runs the benchmark in headless Chromium and writes build/bench.json (medians, with
// the range of the interleaved rounds), then prints a table. Ratios are what to read:
// this machine is shared and absolute times move with its load.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch_browser } from '../tests/support/browser.js';
import { start_static_server } from './static_server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const site = join(root, 'build', 'bench-site');
mkdirSync(site, { recursive: true });
cpSync(join(root, 'dist', 'wasm'), join(site, 'wasm'), { recursive: true });
await build({ entryPoints: [join(root, 'tests', 'bench', 'kernel_bench_page.js')], bundle: true, format: 'iife', outfile: join(site, 'kernel_bench.js'), logLevel: 'warning' });
writeFileSync(join(site, 'index.html'), '<!DOCTYPE html><meta charset="utf-8"><title>ReLU Lab benchmark</title><script src="kernel_bench.js"></script>');

const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round3 = (v) => Math.round(v * 1000) / 1000;

const server = await start_static_server(site);
const browser = await launch_browser();
let result;
let browser_version;
try {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => globalThis.bench_result, null, { timeout: 600_000 });
    result = await page.evaluate(() => globalThis.bench_result);
    browser_version = browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
} finally {
    await browser.close();
    await server.close();
}
if (result.error) {
    console.error(`bench: ${result.error}`);
    process.exit(1);
}

const gelem_s = (ms) => result.n / (ms * 1e6);
const stat = (key, to_value) => {
    const values = result.samples[key].map(to_value);
    return { median: round3(median(values)), min: round3(Math.min(...values)), max: round3(Math.max(...values)) };
};
const bench_path = join(root, 'build', 'bench.json');
let bench = {};
try {
    bench = JSON.parse(readFileSync(bench_path, 'utf8'));  // other benchmarks add their own keys
} catch {
    bench = {};
}
bench.machine = { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? 'unknown', memory_gib: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}` };
bench.browser = browser_version;
bench.elements = result.n;
bench.rounds = result.rounds;
bench.kernels = {};
bench.range = {};
for (const name of result.activations) {
    const simd = stat(`kernels.${name}.simd_ms`, gelem_s);
    const scalar = stat(`kernels.${name}.scalar_ms`, gelem_s);
    bench.kernels[name] = { simd_gelem_s: simd.median, scalar_gelem_s: scalar.median, simd_speedup: round3(simd.median / scalar.median) };
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
const dram_relu = median(result.samples['dram.relu_simd_ms'].map((ms) => result.n_dram / (ms * 1e6)));
const dram_memcpy = median(result.samples['dram.memcpy_ms'].map((ms) => result.n_dram / (ms * 1e6)));
bench.dram = { elements: result.n_dram, relu_simd_gelem_s: round3(dram_relu), memcpy_gelem_s: round3(dram_memcpy), relu_simd_vs_memcpy: round3(dram_relu / dram_memcpy) };
Object.assign(bench.range, { memcpy_gelem_s: [memcpy.min, memcpy.max], js_loop_gelem_s: [js_loop.min, js_loop.max], roundtrip_ms: [roundtrip.min, roundtrip.max] });
writeFileSync(bench_path, `${JSON.stringify(bench, null, 2)}\n`);

const pad = (s, w) => String(s).padEnd(w);
console.log(`\nActivation kernels, forward over ${result.n.toLocaleString('en')} floats, median of ${result.rounds} interleaved rounds (${browser_version})`);
console.log(`${pad('kernel', 12)}${pad('SIMD Gelem/s', 15)}${pad('scalar Gelem/s', 17)}${pad('SIMD/scalar', 13)}SIMD/memcpy`);
for (const name of result.activations) {
    const k = bench.kernels[name];
    console.log(`${pad(name, 12)}${pad(k.simd_gelem_s, 15)}${pad(k.scalar_gelem_s, 17)}${pad(`${k.simd_speedup}x`, 13)}${round3(k.simd_gelem_s / memcpy.median)}x`);
}
console.log(`${pad('memcpy', 12)}${pad(memcpy.median, 15)}(bandwidth yardstick: the same buffer copied in wasm)`);
console.log(`${pad('JS loop', 12)}${pad(js_loop.median, 15)}(plain JavaScript ReLU loop over a Float32Array)`);
console.log(`round trip JS -> wasm -> JS: ${roundtrip.median} ms for 1,024 floats, ${roundtrip_1m.median} ms for ${result.n.toLocaleString('en')}`);
console.log(`relu SIMD / memcpy = ${bench.relu_simd_vs_memcpy} at ${result.n.toLocaleString('en')} floats (cache-resident), ` +
    `${bench.dram.relu_simd_vs_memcpy} at ${result.n_dram.toLocaleString('en')} floats (DRAM)   (written to build/bench.json)`);
