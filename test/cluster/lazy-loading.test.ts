/**
 * DESIGN.md §1: @kubernetes/client-node loads only in cluster commands. Follows the static
 * imports of the built CLI from main.js and from the file commands: none may reach it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const DIST = path.join(ROOT, 'dist');

function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  // `import ... from '...'` and `export ... from '...'`, not `import('...')`.
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
    const specifier = match[1]!;
    if (specifier.startsWith('.')) staticImports(path.resolve(path.dirname(file), specifier), seen);
    else seen.add(specifier);
  }
  return seen;
}

describe('the cluster client is loaded only by cluster commands', () => {
  it.each(['cli/main.js', 'cli/scan-command.js', 'cli/plan-command.js', 'cli/migrate-command.js'])('%s does not import @kubernetes/client-node', (entry) => {
    const reached = staticImports(path.join(DIST, entry));
    expect(reached.size).toBeGreaterThan(1);
    expect([...reached].filter((specifier) => specifier.startsWith('@kubernetes/'))).toEqual([]);
  });

  it('the cluster commands do import it', () => {
    expect(staticImports(path.join(DIST, 'cli/cluster/scan-cluster-command.js')).has('@kubernetes/client-node')).toBe(true);
  });
});
