import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Every YAML file under a folder (nothing when the folder is absent, as the corpus may be). */
export function* yamlFiles(folder: string): Generator<string> {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* yamlFiles(full);
    else if (/\.ya?ml$/.test(entry.name)) yield full;
  }
}
