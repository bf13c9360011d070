// The Content-Security-Policy of the built page (dist/index.html) and of the single-file
// build: workers (Blob URLs) are allowed by worker-src and, for browsers without
// worker-src (Safari before 15.5), by child-src; script-src keeps blob: because the page
// itself runs the Emscripten glue from a Blob URL, which the browser shows: without it
// the module does not load, served or from file://.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { start_static_server } from '../../build-scripts/static_server.js';
import { dist_dir, launch_browser, open_page } from '../support/browser.js';

const pages = ['index.html', 'relu-lab-single-file.html'];
const csp_meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;

// The policy of a built page as { directive: [sources] }.
function policy_of(html) {
    const match = html.match(csp_meta);
    assert.ok(match, 'no Content-Security-Policy meta element');
    return Object.fromEntries(
        match[1]
            .split(';')
            .map((d) => d.trim().split(/\s+/))
            .filter((d) => d[0])
            .map(([name, ...sources]) => [name, sources])
    );
}

describe('Content-Security-Policy of the built pages', () => {
    for (const file of pages) {
        test(`${file}: workers from Blob URLs only, by worker-src and by the child-src fallback; scripts from the page and its Blob URLs`, () => {
            const policy = policy_of(readFileSync(join(dist_dir, file), 'utf8'));
            assert.deepEqual(policy['default-src'], ["'self'"]);
            assert.deepEqual(policy['worker-src'], ['blob:']);
            // Safari before 15.5 ignores worker-src and takes child-src, then default-src
            // ('self', which would refuse every worker).
            assert.deepEqual(policy['child-src'], ['blob:']);
            // Needed by the page itself (the glue's <script> from a Blob URL; shown below).
            assert.ok(policy['script-src'].includes('blob:'), policy['script-src'].join(' '));
            for (const source of policy['script-src']) {
                assert.match(
                    source,
                    /^('self'|blob:|'wasm-unsafe-eval'|'sha256-[A-Za-z0-9+/]+=*')$/,
                    `script-src allows ${source}`
                );
            }
        });
    }

    describe('script-src without blob:', () => {
        let folder;
        let browser;
        let server;
        before(async () => {
            // A copy of the built site whose pages lack blob: in script-src, nothing else changed.
            folder = mkdtempSync(join(tmpdir(), 'relu-lab-csp-'));
            cpSync(dist_dir, folder, { recursive: true });
            for (const file of pages) {
                const html = readFileSync(join(folder, file), 'utf8');
                const stripped = html.replace(csp_meta, (meta) =>
                    meta.replace("script-src 'self' blob:", "script-src 'self'")
                );
                assert.notEqual(stripped, html, file);
                writeFileSync(join(folder, file), stripped);
            }
            browser = await launch_browser();
            server = await start_static_server(folder);
        });
        after(async () => {
            await browser?.close();
            await server?.close();
            rmSync(folder, { recursive: true, force: true });
        });

        for (const [label, url_of] of [
            ['served over http', () => server.url],
            ['the single file from file://', () => pathToFileURL(join(folder, 'relu-lab-single-file.html')).href],
        ]) {
            test(`${label}: the glue's Blob-URL script is refused and the page says it cannot start`, async () => {
                const { page, errors } = await open_page(browser.context, url_of());
                await page.waitForSelector('#fatal-error:not([hidden])', { timeout: 30_000 });
                assert.equal(await page.getAttribute('html', 'data-ready'), null);
                assert.ok(
                    errors.some((e) =>
                        /Loading the script 'blob:.*Content Security Policy directive: "script-src/.test(e)
                    ),
                    errors.join('\n')
                );
                await page.close();
            });
        }
    });
});
