import type { DeclaredDependency } from '../../model/code.js';
import { parseJson } from './parse-json.js';
import { locate } from './text-location.js';

interface LockEntry {
  version?: unknown;
  dependencies?: Record<string, LockEntry>;
}

/**
 * Installed versions from package-lock.json or npm-shrinkwrap.json: lockfile v2/v3 list them
 * under `packages` keyed by `node_modules/...` path; v1 nests them under `dependencies`.
 */
export function readNpmLockfile(file: string, text: string): DeclaredDependency[] {
  const json = parseJson(file, text) as { packages?: Record<string, LockEntry>; dependencies?: Record<string, LockEntry> };
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  if (json.packages && typeof json.packages === 'object') {
    for (const [key, entry] of Object.entries(json.packages)) {
      const marker = key.lastIndexOf('node_modules/');
      if (marker === -1 || typeof entry?.version !== 'string') continue;
      const name = key.slice(marker + 'node_modules/'.length);
      out.push({ ecosystem: 'npm', name, spec: entry.version, locked: true, location: at(text.indexOf(JSON.stringify(key))) });
    }
    return out;
  }
  const visit = (entries: Record<string, LockEntry> | undefined, from: number) => {
    for (const [name, entry] of Object.entries(entries ?? {})) {
      const keyAt = text.indexOf(`${JSON.stringify(name)}: {`, from);
      if (typeof entry?.version === 'string') out.push({ ecosystem: 'npm', name, spec: entry.version, locked: true, location: at(keyAt) });
      visit(entry?.dependencies, Math.max(0, keyAt));
    }
  };
  visit(json.dependencies, 0);
  return out;
}
