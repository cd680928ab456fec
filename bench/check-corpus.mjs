// Sanity check of a generated corpus: every file parses with js-yaml, and the mix is what the
// generator promises (kinds, about 10% pod identity, labelled workloads mostly bound).
//   node bench/check-corpus.mjs <dir>     exit 1 on a parse error
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { walkYaml } from './lib/walk-yaml.mjs';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: check-corpus.mjs <dir>');
  process.exit(2);
}
/** @type {Record<string, number>} */
const kinds = {};
const selectors = new Set();
/** @type {string[]} */
const labels = [];
let documents = 0;
let files = 0;
let comments = 0;
let blankLines = 0;
for (const file of walkYaml(folder)) {
  const text = readFileSync(file, 'utf8');
  files++;
  comments += text.match(/(^|\s)#/gm)?.length ?? 0;
  blankLines += text.match(/\n\n/g)?.length ?? 0;
  try {
    yaml.loadAll(text, (/** @type {any} */ doc) => {
      documents++;
      kinds[doc.kind] = (kinds[doc.kind] ?? 0) + 1;
      // Pre-1.6 casing (Selector) is part of the corpus on purpose.
      if (doc.kind === 'AzureIdentityBinding') selectors.add(doc.spec.selector ?? doc.spec.Selector);
      const template = doc.spec?.template ?? doc.spec?.jobTemplate?.spec?.template;
      const label = template?.metadata?.labels?.aadpodidbinding;
      if (label !== undefined) labels.push(String(label));
    });
  } catch (error) {
    console.error(`${file}: ${/** @type {Error} */ (error).message}`);
    process.exit(1);
  }
}
const podIdentity = (kinds.AzureIdentity ?? 0) + (kinds.AzureIdentityBinding ?? 0) + labels.length;
console.log(JSON.stringify({
  files,
  documents,
  podIdentityShare: Number((podIdentity / documents).toFixed(3)),
  labelledWorkloads: labels.length,
  labelsWithoutBinding: labels.filter((label) => !selectors.has(label)).length,
  comments,
  blankLines,
  kinds: Object.fromEntries(Object.entries(kinds).sort()),
}, null, 2));
