// Baseline (a): parse every YAML file under a folder with js-yaml's loadAll and do nothing else.
// The floor for any tool that reads every document: wimigrate should not be slower than this.
//   node bench/baseline-js-yaml.mjs <dir>     prints the number of documents read
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { walkYaml } from './lib/walk-yaml.mjs';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: baseline-js-yaml.mjs <dir>');
  process.exit(2);
}
let documents = 0;
for (const file of walkYaml(folder)) {
  yaml.loadAll(readFileSync(file, 'utf8'), () => {
    documents++;
  });
}
console.log(documents);
