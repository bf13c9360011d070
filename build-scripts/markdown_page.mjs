// Renders our own documentation (web/docs/*.md) as standalone HTML pages for dist/docs/,
// so the instructor's guide ships with the site and opens from the page, also from
// file://. It knows the Markdown those files use and no more: headings (with the anchor
// ids links use), paragraphs, bulleted and numbered lists, indented and fenced code,
// tables, and inline code, bold, italics and links. Links to another page in web/docs
// point to its .html; links elsewhere in the repository (not shipped) become plain text.
const escape_html = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escape_attribute = (text) => escape_html(text).replaceAll('"', '&quot;');

// A heading's anchor, as links in the Markdown spell it: lower case, punctuation dropped.
export function heading_id(text) {
    return text
        .toLowerCase()
        .replace(/[`*_]/g, '')
        .replace(/[^\p{L}\p{N} -]/gu, '')
        .trim()
        .replaceAll(' ', '-');
}

function link_target(href, shipped_pages) {
    if (/^(https?:|mailto:|#)/.test(href)) return href;
    const [path, anchor] = href.split('#');
    if (shipped_pages.includes(path)) return `${path.replace(/\.md$/, '.html')}${anchor ? `#${anchor}` : ''}`;
    return null;
}

function inline(text, shipped_pages) {
    // Code spans first, kept aside so nothing inside them is read as markup.
    const codes = [];
    let out = text.replace(/`([^`]+)`/g, (_, code) => {
        codes.push(`<code>${escape_html(code)}</code>`);
        return `\u0000${codes.length - 1}\u0000`;
    });
    out = escape_html(out)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) => {
            const target = link_target(href.replaceAll('&amp;', '&'), shipped_pages);
            return target === null ? label : `<a href="${escape_attribute(target)}">${label}</a>`;
        })
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
    return out.replace(/\u0000(\d+)\u0000/g, (_, i) => codes[Number(i)]);
}

const table_cells = (line) =>
    line
        .trim()
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replaceAll('\\|', '|'));

// markdown -> the body's HTML.
export function markdown_to_html(markdown, { shipped_pages = [] } = {}) {
    const lines = markdown.replaceAll('\r\n', '\n').split('\n');
    const out = [];
    const text = (s) => inline(s, shipped_pages);
    let i = 0;
    while (i < lines.length) {
        const line = lines[i];
        if (line.trim() === '') {
            i++;
            continue;
        }
        const heading = line.match(/^(#{1,4}) (.*)$/);
        if (heading) {
            const level = heading[1].length;
            out.push(`<h${level} id="${escape_attribute(heading_id(heading[2]))}">${text(heading[2])}</h${level}>`);
            i++;
        } else if (line.startsWith('```')) {
            const code = [];
            for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
            i++;
            out.push(`<pre><code>${escape_html(code.join('\n'))}</code></pre>`);
        } else if (line.startsWith('    ')) {
            const code = [];
            while (i < lines.length && (lines[i].startsWith('    ') || lines[i].trim() === '')) code.push(lines[i++]);
            while (code.at(-1).trim() === '') code.pop();
            out.push(`<pre><code>${escape_html(code.map((l) => l.slice(4)).join('\n'))}</code></pre>`);
        } else if (line.startsWith('|') && /^\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
            const head = table_cells(line);
            const rows = [];
            for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(table_cells(lines[i]));
            out.push(
                `<table><thead><tr>${head.map((c) => `<th>${text(c)}</th>`).join('')}</tr></thead><tbody>` +
                    rows.map((r) => `<tr>${r.map((c) => `<td>${text(c)}</td>`).join('')}</tr>`).join('') +
                    '</tbody></table>'
            );
        } else if (/^(\d+\.|[-*]) /.test(line)) {
            const ordered = /^\d+\./.test(line);
            const items = [];
            while (i < lines.length && lines[i].trim() !== '') {
                if (/^(\d+\.|[-*]) /.test(lines[i]))
                    items.push({ lines: [lines[i].replace(/^(\d+\.|[-*]) /, '')], code: [] });
                else items.at(-1).lines.push(lines[i].trim());
                i++;
                // An item's indented code block follows a blank line inside the item.
                if (i < lines.length - 1 && lines[i].trim() === '' && /^ {7}\S/.test(lines[i + 1])) {
                    const block = [];
                    for (i++; i < lines.length && (/^ {7}/.test(lines[i]) || lines[i].trim() === ''); i++)
                        block.push(lines[i].slice(7));
                    const ended_by_blank = block.length > 0 && block.at(-1).trim() === '';
                    while (block.length && block.at(-1).trim() === '') block.pop();
                    items.at(-1).code.push(...block);
                    if (ended_by_blank) break; // a blank line after the code ends the list
                }
            }
            const tag = ordered ? 'ol' : 'ul';
            out.push(
                `<${tag}>${items
                    .map(
                        (item) =>
                            `<li>${text(item.lines.join(' '))}${item.code.length ? `<pre><code>${escape_html(item.code.join('\n'))}</code></pre>` : ''}</li>`
                    )
                    .join('')}</${tag}>`
            );
        } else {
            const paragraph = [];
            while (
                i < lines.length &&
                lines[i].trim() !== '' &&
                !/^(#{1,4} |```|\||(\d+\.|[-*]) )/.test(lines[i]) &&
                !(paragraph.length === 0 && lines[i].startsWith('    '))
            )
                paragraph.push(lines[i++].trim());
            out.push(`<p>${text(paragraph.join(' '))}</p>`);
        }
    }
    return out.join('\n');
}

// A whole page: the rendered Markdown with a small stylesheet of its own (light and dark)
// and the page's own Content Security Policy stance: nothing runs, nothing is fetched.
export function markdown_page(markdown, { title, lang = 'en', shipped_pages = [] }) {
    return `<!DOCTYPE html>
<html lang="${escape_attribute(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>${escape_html(title)}</title>
<style>
:root { color-scheme: light dark; --text: #1b1f24; --bg: #fff; --muted: #f2f4f7; --border: #c9d1da; --link: #0a5ca8; }
@media (prefers-color-scheme: dark) { :root { --text: #e6e9ee; --bg: #15181d; --muted: #232830; --border: #3b4450; --link: #7ab8ff; } }
body { font: 16px/1.55 system-ui, sans-serif; color: var(--text); background: var(--bg); max-width: 52rem; margin: 0 auto; padding: 1rem clamp(0.75rem, 4vw, 2rem) 3rem; }
a { color: var(--link); }
code { font: 0.9em ui-monospace, monospace; background: var(--muted); padding: 0.05em 0.3em; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: var(--muted); padding: 0.75rem; border-radius: 6px; overflow-x: auto; }
pre code { padding: 0; background: none; overflow-wrap: normal; }
table { border-collapse: collapse; display: block; overflow-x: auto; margin: 1rem 0; }
th, td { border: 1px solid var(--border); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
</style>
</head>
<body>
<main>
${markdown_to_html(markdown, { shipped_pages })}
</main>
</body>
</html>
`;
}
