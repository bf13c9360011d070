// serve.sh's server: dist/ on http://127.0.0.1:PORT/ until interrupted.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { start_static_server } from './static_server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port_index = process.argv.indexOf('--port');
const port = port_index > 0 ? Number(process.argv[port_index + 1]) : 8080;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: "${process.argv[port_index + 1]}" is not a port number`);
    process.exit(2);
}
try {
    const { url } = await start_static_server(join(root, 'dist'), { port });
    console.log(`ReLU Lab is served at ${url}  (Ctrl+C stops)`);
} catch (error) {
    console.error(
        `serve: cannot listen on port ${port}: ${error.code ?? error.message}. Try PORT=8081 build-scripts/serve.sh`
    );
    process.exit(1);
}
