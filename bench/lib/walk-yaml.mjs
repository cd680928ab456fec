// The file walk both baselines share, so they differ from each other only in what they do
// with each file. Sorted, so their output is deterministic like wimigrate's.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every .yaml/.yml file under `folder`, depth first, in name order.
 * @param {string} folder
 * @returns {Generator<string>}
 */
export function* walkYaml(folder) {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walkYaml(full);
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) yield full;
  }
}
