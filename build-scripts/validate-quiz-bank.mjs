// Checks quiz bank files with the same validator the page uses when an instructor loads
// a bank. Usage: node build-scripts/validate-quiz-bank.mjs bank.json [more.json ...]
// Exit status: 0 when every file is valid, 1 when any has problems (all are listed),
// 2 for a usage error or an unreadable file.
import { readFileSync } from 'node:fs';

import { format_problem, validate_bank_bytes } from '../web/quiz/bank_schema.js';

const files = process.argv.slice(2);
if (files.length === 0) {
    console.error('usage: validate-quiz-bank.mjs <bank.json> [more.json ...]');
    process.exit(2);
}
let status = 0;
for (const file of files) {
    let bytes;
    try {
        bytes = readFileSync(file);
    } catch (error) {
        console.error(`${file}: cannot read (${error.code ?? error.message})`);
        status = 2;
        continue;
    }
    const { bank, problems } = validate_bank_bytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (problems.length === 0) {
        const per_type = {};
        for (const q of bank.questions) per_type[q.type] = (per_type[q.type] ?? 0) + 1;
        console.log(
            `${file}: valid, ${bank.questions.length} questions (${Object.entries(per_type)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')})`
        );
        continue;
    }
    status = Math.max(status, 1);
    console.log(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    for (const problem of problems) console.log(`  - ${format_problem(problem)}`);
}
process.exit(status);
