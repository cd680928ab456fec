import type { DeclaredDependency } from '../../model/code.js';
import { parseJson } from './parse-json.js';
import { locate } from './text-location.js';

export const PACKAGE_JSON_SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * The dependency ranges of a package.json. The JSON is parsed for the truth and searched as text
 * for the line of each entry. Not JSON: a CodeReadError naming the file.
 */
export function readPackageJson(file: string, text: string): DeclaredDependency[] {
  const json = parseJson(file, text) as Partial<Record<string, unknown>>;
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  for (const section of PACKAGE_JSON_SECTIONS) {
    const entries = json[section];
    if (entries === null || typeof entries !== 'object') continue;
    const sectionStart = text.search(new RegExp(`"${section}"\\s*:`));
    for (const [name, spec] of Object.entries(entries as Record<string, unknown>)) {
      if (typeof spec !== 'string') continue;
      const keyAt = text.indexOf(JSON.stringify(name), Math.max(0, sectionStart));
      out.push({ ecosystem: 'npm', name, spec, locked: false, location: at(keyAt) });
    }
  }
  return out;
}
