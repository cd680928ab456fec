// Baseline (b): the rewrite a quick script would do with the yaml Document API: parse every
// document, setIn the Workload ID label beside aadpodidbinding, re-serialize with String(doc)
// (which loses blank lines and some quoting: the reason wimigrate edits the CST instead) and
// print a jsdiff unified patch of every changed file.
//   node bench/baseline-naive-rewrite.mjs <dir>   writes the patch to stdout
import { readFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { parseAllDocuments } from 'yaml';
import { walkYaml } from './lib/walk-yaml.mjs';

// Where a pod template's labels sit: workloads, CronJob (batch/v1 and v1beta1), bare Pod.
const LABEL_PATHS = [
  ['spec', 'template', 'metadata', 'labels'],
  ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
  ['metadata', 'labels'],
];

const folder = process.argv[2];
if (!folder) {
  console.error('usage: baseline-naive-rewrite.mjs <dir>');
  process.exit(2);
}
for (const file of walkYaml(folder)) {
  const before = readFileSync(file, 'utf8');
  const docs = parseAllDocuments(before);
  if (!Array.isArray(docs)) continue; // an empty stream
  let changed = false;
  for (const doc of docs) {
    const labels = LABEL_PATHS.find((labelsPath) => doc.hasIn([...labelsPath, 'aadpodidbinding']));
    if (!labels) continue;
    doc.setIn([...labels, 'azure.workload.identity/use'], 'true');
    changed = true;
  }
  if (!changed) continue;
  const after = docs.map((doc) => String(doc)).join('');
  process.stdout.write(createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after));
}
