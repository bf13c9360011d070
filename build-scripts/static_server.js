// A minimal static file server for dist/ (serve.sh), the browser tests and the
// benchmark. Loopback only; GET and HEAD; no directory listings.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const content_types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.wasm': 'application/wasm',
    '.png': 'image/png',
    '.svg': 'image/svg+xml',
    '.gz': 'application/gzip',
    '.xml': 'application/xml',
    '.zip': 'application/zip',
    '.woff2': 'font/woff2',
};

export function start_static_server(root_dir, { port = 0, host = '127.0.0.1' } = {}) {
    const root = resolve(root_dir);
    const server = createServer((request, response) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
            response.writeHead(405).end();
            return;
        }
        let path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
        if (path.endsWith('/')) path += 'index.html';
        const file = normalize(join(root, path));
        if (file !== root && !file.startsWith(root + sep)) {
            response.writeHead(403).end();
            return;
        }
        let size;
        try {
            const stat = statSync(file);
            if (!stat.isFile()) throw new Error('not a file');
            size = stat.size;
        } catch {
            response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
            return;
        }
        response.writeHead(200, {
            'content-type': content_types[extname(file)] ?? 'application/octet-stream',
            'content-length': size,
            'cache-control': 'no-cache',
        });
        if (request.method === 'HEAD') response.end();
        else createReadStream(file).pipe(response);
    });
    return new Promise((resolve_start, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            const address = server.address();
            // A browser may hold a preconnected socket that never carries a request; close()
            // alone waits for it to time out (about 100 s), so end every connection too.
            const close = () =>
                new Promise((r) => {
                    server.close(r);
                    server.closeAllConnections();
                });
            resolve_start({ url: `http://${host}:${address.port}/`, close });
        });
    });
}
