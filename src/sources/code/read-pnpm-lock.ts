import type { DeclaredDependency } from '../../model/code.js';
import { locate } from './text-location.js';

// Package keys of every lockfile version: v5 `/name/1.2.3:`, v6 `/name@1.2.3:`, v9 `name@1.2.3:`
// (quoted when scoped), each perhaps followed by peer suffixes `(...)` or `_...`.
const PACKAGE_KEY = /^ {2}['"]?\/?((?:@[^/\s'"]+\/)?[^@/\s'"]+)[@/](\d+\.\d+\.\d+[^:('"_\s]*)/;

/** Installed versions from pnpm-lock.yaml, read line by line from its `packages:` section. */
export function readPnpmLock(file: string, text: string): DeclaredDependency[] {
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  let inPackages = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inPackages = /^packages:\s*$/.test(line);
    else if (inPackages) {
      const match = PACKAGE_KEY.exec(line);
      if (match) out.push({ ecosystem: 'npm', name: match[1]!, spec: match[2]!, locked: true, location: at(offset + 2) });
    }
    offset += line.length + 1;
  }
  return out;
}
