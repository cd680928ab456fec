/**
 * `--render`: each kustomization folder among the scanned files is built with `kubectl
 * kustomize` (or `kustomize build`), so that the analysis also sees the final names and
 * namespaces (name prefixes, namespace overrides, generated patches). The built output is only
 * analyzed, never rewritten: the edits belong to the source files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../model/finding.js';
import type { KustomizationEntry } from '../model/inventory.js';
import type { SourceText } from '../pipeline/run-migration.js';
import { sourceFinding } from '../sources/source-findings.js';

const TIMEOUT_MS = 60_000;

/** The tool that builds a kustomization, from PATH: kubectl first, then a standalone kustomize. */
function findBuilder(): { command: string; args: (dir: string) => string[] } | null {
  const onPath = (name: string) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, name)));
  if (onPath('kubectl')) return { command: 'kubectl', args: (dir) => ['kustomize', dir] };
  if (onPath('kustomize')) return { command: 'kustomize', args: (dir) => ['build', dir] };
  return null;
}

/** Builds the top kustomizations: those no other one among the scanned files includes (a base is built through its overlays). */
export function renderKustomizations(kustomizations: readonly KustomizationEntry[]): { rendered: SourceText[]; findings: Finding[] } {
  const included = new Set(kustomizations.flatMap((entry) => entry.files));
  const dirs = [...new Set(kustomizations.filter((entry) => !included.has(entry.dir)).map((entry) => entry.dir))].sort();
  if (dirs.length === 0) return { rendered: [], findings: [] };
  const builder = findBuilder();
  if (builder === null) {
    return { rendered: [], findings: [sourceFinding('render-failed', 'neither kubectl nor kustomize is on the PATH: --render skipped, the source files were analyzed as they are', { file: dirs[0] ?? '.', line: 1, col: 1 })] };
  }
  const rendered: SourceText[] = [];
  const findings: Finding[] = [];
  for (const dir of dirs) {
    const run = spawnSync(builder.command, builder.args(dir), { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 });
    if (run.status === 0) {
      rendered.push({ file: `${dir}/(${builder.command} ${builder.args(dir).slice(0, -1).join(' ')})`, text: run.stdout, format: 'yaml' });
      continue;
    }
    const reason = run.error ? run.error.message : (run.stderr.trim().split('\n')[0] ?? `exit code ${run.status}`);
    findings.push(sourceFinding('render-failed', `${builder.command} could not build ${dir}: ${reason}`, { file: path.join(dir, 'kustomization.yaml'), line: 1, col: 1 }));
  }
  return { rendered, findings };
}
