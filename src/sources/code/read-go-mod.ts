import type { DeclaredDependency } from '../../model/code.js';
import { locate } from './text-location.js';

/** `require` lines of go.mod, single or in a block; go.mod versions are exact (minimal version selection). */
export function readGoMod(file: string, text: string): DeclaredDependency[] {
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  let inBlock = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(/\/\/.*$/, '').trim();
    if (/^require\s*\($/.test(content)) inBlock = true;
    else if (inBlock && content === ')') inBlock = false;
    else {
      const match = (inBlock ? /^(\S+)\s+(v\S+)$/ : /^require\s+(\S+)\s+(v\S+)$/).exec(content);
      if (match) out.push({ ecosystem: 'go', name: match[1]!, spec: match[2]!.replace(/^v/, ''), locked: true, location: at(offset + line.indexOf(match[1]!)) });
    }
    offset += line.length + 1;
  }
  return out;
}
