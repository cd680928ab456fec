import type { DeclaredDependency } from '../../model/code.js';
import { parseJson } from './parse-json.js';
import { locate } from './text-location.js';

/**
 * vcpkg.json (C++ manifest mode): `dependencies` objects with a `version>=` constraint, and
 * `overrides`, which pin a version. A dependency named without a version follows the registry
 * baseline and is not listed.
 */
export function readVcpkg(file: string, text: string): DeclaredDependency[] {
  const json = parseJson(file, text) as { dependencies?: unknown[]; overrides?: unknown[] };
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  const entries = (list: unknown[] | undefined) => (Array.isArray(list) ? list.filter((entry): entry is Record<string, unknown> => entry !== null && typeof entry === 'object') : []);
  const overridesAt = text.indexOf('"overrides"');
  for (const entry of entries(json.dependencies)) {
    if (typeof entry.name !== 'string' || typeof entry['version>='] !== 'string') continue;
    out.push({ ecosystem: 'vcpkg', name: entry.name, spec: `>=${entry['version>=']}`, locked: false, location: at(text.indexOf(JSON.stringify(entry.name))) });
  }
  for (const entry of entries(json.overrides)) {
    if (typeof entry.name !== 'string' || typeof entry.version !== 'string') continue;
    out.push({ ecosystem: 'vcpkg', name: entry.name, spec: entry.version, locked: true, location: at(text.indexOf(JSON.stringify(entry.name), Math.max(0, overridesAt))) });
  }
  return out;
}
