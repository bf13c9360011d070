// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with
// the flags this closed network needs, a fresh profile per launch, and a record of
// every request and console error so tests can assert the page stays on its own files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

import { start_static_server } from '../../build-scripts/static_server.js';

// The built site under test: dist/, or $RELU_LAB_DIST when several people build at once.
export const dist_dir = process.env.RELU_LAB_DIST
    ? resolve(process.env.RELU_LAB_DIST)
    : join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

export const chromium_path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromium_args = [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    // file:// pages stay as strict as a user's double-click: no --allow-file-access-from-files.
];

export async function launch_browser({ viewport = { width: 1280, height: 900 }, color_scheme = 'light' } = {}) {
    const profile = mkdtempSync(join(tmpdir(), 'relu-lab-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: chromium_path,
        headless: true,
        args: chromium_args,
        viewport,
        colorScheme: color_scheme,
    });
    return {
        context,
        async close() {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
        },
    };
}

// An init script that lets a page be told how many cores the computer has (the page
// trains with at most one worker per core): navigator.hardwareConcurrency answers
// globalThis.__cores_for_test while that is set, `cores` from the start when given.
export function cores_script(cores = null) {
    return `{
        const real = Object.getOwnPropertyDescriptor(Navigator.prototype, 'hardwareConcurrency').get;
        globalThis.__cores_for_test = ${cores === null ? 'undefined' : Number(cores)};
        Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', {
            configurable: true,
            get() {
                return globalThis.__cores_for_test ?? real.call(this);
            },
        });
    }`;
}

// Opens url in a new page and records requests and console errors until the test ends.
// init_scripts run in the page before any of its own scripts (page.addInitScript).
export async function open_page(context, url, { init_scripts = [] } = {}) {
    const page = await context.newPage();
    for (const script of init_scripts) await page.addInitScript(script);
    const requests = [];
    const errors = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url);
    return { page, requests, errors };
}

// Every request must be the page's own: same origin when served; file:, blob: or
// data: when opened from disk.
export function foreign_requests(requests, page_url) {
    const origin = new URL(page_url).origin;
    return requests.filter((r) => {
        if (r.startsWith('data:') || r.startsWith('blob:')) return false;
        if (page_url.startsWith('file:')) return !r.startsWith('file:');
        return new URL(r).origin !== origin;
    });
}

// Inside a describe(): one browser and one static server of the built site for its
// tests, closed after them. Read .browser and .server inside the tests.
export function use_browser_and_server(options) {
    const shared = {};
    before(async () => {
        shared.browser = await launch_browser(options);
        shared.server = await start_static_server(dist_dir);
    });
    after(async () => {
        await shared.browser?.close();
        await shared.server?.close();
    });
    return shared;
}
