// A course page for the embedding tests: it frames ?src=<address> and records every
// message the frame posts (and sizes the frame from our resize message, as a host
// following web/docs/embedding.md would). Written to a folder of its own, so it can be
// served from a second origin or opened from file://.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const host_html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head>
<body><h1>Course page</h1>
<iframe id="frame" title="ReLU Lab" style="width:100%;border:0;height:300px"></iframe>
<script src="host.js"></script></body></html>
`;
const host_js = `
window.received = [];
const frame = document.getElementById('frame');
window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow) return;
    window.received.push({ origin: event.origin, data: event.data });
    if (event.data && event.data.type === 'relu-lab:resize') frame.style.height = event.data.height + 'px';
});
frame.src = new URLSearchParams(location.search).get('src');
`;

export function write_host_page(dir = mkdtempSync(join(tmpdir(), 'relu-lab-host-'))) {
    writeFileSync(join(dir, 'host.html'), host_html);
    writeFileSync(join(dir, 'host.js'), host_js);
    return dir;
}
