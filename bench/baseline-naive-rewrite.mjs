// Baseline (b): the naive rewrite most scripts do: parse every document with the yaml Document
// API, set the label with setIn, re-serialize with toString() and diff with jsdiff.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createTwoFilesPatch } from 'diff';

function* walk(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (/\.ya?ml$/.test(entry.name)) yield full;
  }
}

const TEMPLATE_PATHS = [['spec', 'template'], ['spec', 'jobTemplate', 'spec', 'template'], []];
let out = '';
for (const file of walk(process.argv[2])) {
  const before = readFileSync(file, 'utf8');
  const docs = parseAllDocuments(before);
  let changed = false;
  for (const doc of docs) {
    for (const templatePath of TEMPLATE_PATHS) {
      const labels = [...templatePath, 'metadata', 'labels'];
      if (doc.getIn([...labels, 'aadpodidbinding']) !== undefined) {
        doc.setIn([...labels, 'azure.workload.identity/use'], 'true');
        changed = true;
        break;
      }
    }
  }
  if (!changed) continue;
  const after = docs.map((doc) => doc.toString()).join('');
  out += createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after);
}
process.stdout.write(out);
