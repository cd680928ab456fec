// Baseline (a): just parse every YAML file with js-yaml's loadAll. The cheapest thing any tool
// that reads every document could do.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

function* walk(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (/\.ya?ml$/.test(entry.name)) yield full;
  }
}

let documents = 0;
for (const file of walk(process.argv[2])) {
  yaml.loadAll(readFileSync(file, 'utf8'), () => documents++);
}
console.log(documents);
