import type { MigrationResult } from '../../src/pipeline/run-migration.js';
import type { SourceFile } from '../../src/sources/read-paths.js';

export interface DispositionRow {
  file: string;
  /** changed | skipped | templated | invalid | analyzed (read, nothing to rewrite) | not-relevant */
  disposition: string;
  detail: string;
}

/** What happened to each file, most decisive first. */
export function corpusDispositions(files: readonly SourceFile[], result: MigrationResult): DispositionRow[] {
  const changes = new Map(result.changes.map((change) => [change.file, change]));
  const findingsByFile = new Map<string, string[]>();
  for (const finding of result.findings) {
    findingsByFile.set(finding.location.file, [...(findingsByFile.get(finding.location.file) ?? []), finding.id]);
  }
  const { inventory } = result;
  const inventoried = new Set(
    [...inventory.identities, ...inventory.bindings, ...inventory.exceptions, ...inventory.serviceAccounts, ...inventory.secretProviderClasses, ...inventory.workloads].map(
      (entry) => entry.doc.file,
    ),
  );
  return files.map(({ file }) => {
    const change = changes.get(file);
    const ids = findingsByFile.get(file) ?? [];
    if (change && change.before !== change.after) return { file, disposition: 'changed', detail: change.skipped.map((s) => s.reason).join('; ') };
    if (change && change.skipped.length > 0) return { file, disposition: 'skipped', detail: change.skipped.map((s) => s.reason).join('; ') };
    if (ids.includes('templated-file')) return { file, disposition: 'templated', detail: '' };
    if (ids.includes('yaml-error')) return { file, disposition: 'invalid', detail: '' };
    if (ids.length > 0 || inventoried.has(file)) return { file, disposition: 'analyzed', detail: [...new Set(ids)].join(', ') };
    return { file, disposition: 'not-relevant', detail: '' };
  });
}
