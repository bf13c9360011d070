// axe-core (npm) run inside a page on one part of it: how many rules ran, and the
// serious and critical violations as "rule: selectors" lines (empty when there are none).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const axe_source = readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', 'axe-core', 'axe.min.js'),
    'utf8'
);

export async function serious_axe_violations(page, selector) {
    await page.evaluate(axe_source);
    return page.evaluate(async (include) => {
        const r = await globalThis.axe.run({ include: [[include]] }, { resultTypes: ['violations'] });
        return {
            rules_run: r.passes.length + r.violations.length + r.incomplete.length,
            serious: r.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        };
    }, selector);
}
