import type { DeclaredDependency } from '../../model/code.js';
import { locate } from './text-location.js';

/**
 * Installed versions from yarn.lock, classic (`"name@^1.0.0", name@~1.1:` then `  version "1.2.3"`)
 * and Berry (`"name@npm:^1.0.0":` then `  version: 1.2.3`).
 */
export function readYarnLock(file: string, text: string): DeclaredDependency[] {
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  let names: string[] = [];
  let headerAt = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (/^\S.*:\s*$/.test(line) && !line.startsWith('#') && !line.startsWith('__metadata')) {
      names = [...new Set(line.replace(/:\s*$/, '').split(',').map((descriptor) => nameOf(descriptor.trim().replace(/^"|"$/g, ''))))];
      headerAt = offset;
    } else {
      const version = /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(line);
      if (version && names.length > 0) {
        for (const name of names) out.push({ ecosystem: 'npm', name, spec: version[1]!, locked: true, location: at(headerAt) });
        names = [];
      }
    }
    offset += line.length + 1;
  }
  return out;
}

/** `@scope/name@^1.0.0` and `name@npm:1.0.0` -> the name (the last @ that is not the first character). */
function nameOf(descriptor: string): string {
  const at = descriptor.indexOf('@', 1);
  return at === -1 ? descriptor : descriptor.slice(0, at);
}
