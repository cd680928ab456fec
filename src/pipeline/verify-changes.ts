import type { FileChange } from '../model/file-change.js';
import type { Finding } from '../model/finding.js';
import type { MigrationOptions, Pass, SourceText } from './run-migration.js';
import { runPass } from './run-migration.js';

/**
 * Re-reads the changed files and runs the migration again on the result. A changed file fails
 * verification when it no longer parses, when a finding appears in it that was not there
 * before, or when the second run would change it again (no idempotence). Failed files are
 * reverted, with a `verification-failed` finding; untouched files are reused, not re-parsed.
 */
export function verifyChanges(
  sources: readonly SourceText[],
  options: MigrationOptions,
  first: Pass,
): { changes: FileChange[]; findings: Finding[] } {
  const modified = first.changes.filter((change) => change.before !== change.after);
  if (modified.length === 0) return { changes: first.changes, findings: [] };

  const afterByFile = new Map(modified.map((change) => [change.file, change]));
  const second: SourceText[] = [];
  for (const source of sources) {
    const change = afterByFile.get(source.file);
    if (!change) second.push(source);
    else if (change.after !== null) second.push({ ...source, text: change.after, pieces: first.pieces.get(source.file) });
  }
  for (const change of modified) {
    if (change.before === null && change.after !== null) second.push({ file: change.file, text: change.after, format: change.format });
  }
  const reuse = new Map([...first.parsed].filter(([file]) => !afterByFile.has(file)));
  const editedPieces = new Map(modified.flatMap((change) => (change.editedPieces ? [[change.file, change.editedPieces] as const] : [])));
  const again = runPass(second, options, reuse, { pieces: first.pieces, earlier: first.parsed, editedPieces });

  const failures = new Map<string, string>();
  const fail = (file: string, reason: string) => {
    if (afterByFile.has(file) && !failures.has(file)) failures.set(file, reason);
  };
  const before = new Set(first.findings.map(findingKey));
  for (const finding of again.findings) {
    if (finding.id === 'yaml-error') fail(finding.location.file, `the result does not parse: ${finding.message}`);
    else if (!before.has(findingKey(finding))) {
      fail(finding.location.file, `new finding ${finding.id}: ${finding.message}`);
    }
  }
  // A service account the first run meant to write must exist afterwards: a workload pointing at
  // a missing one would not start.
  const externalBefore = new Set(first.plan.serviceAccounts.filter((sa) => sa.action === 'external').map((sa) => `${sa.ref.namespace}/${sa.ref.name}`));
  for (const account of again.plan.serviceAccounts) {
    const ref = `${account.ref.namespace}/${account.ref.name}`;
    if (account.action !== 'external' || externalBefore.has(ref)) continue;
    for (const key of account.workloads) fail(key.slice(0, key.lastIndexOf('#')), `service account ${ref} is used but was not written`);
  }
  for (const change of again.changes) {
    if (change.before !== change.after) {
      for (const file of afterByFile.has(change.file) ? [change.file] : [...afterByFile.keys()]) {
        fail(file, `a second run would change ${change.file} again`);
      }
    }
  }

  const findings: Finding[] = [];
  const changes = first.changes.map((change) => {
    const reason = failures.get(change.file);
    if (reason === undefined) return change;
    const location = { file: change.file, line: 1, col: 1 };
    findings.push({ id: 'verification-failed', severity: 'error', message: reason, location, fix: 'Nothing was changed in this file; edit it by hand and please report the case.' });
    return { ...change, after: change.before, skipped: [...change.skipped, { location, reason: `verification failed: ${reason}` }] };
  });
  return { changes: changes.filter((change) => change.before !== null || change.after !== change.before), findings };
}

/**
 * Findings are compared by rule, file and message: lines move when text is inserted above (and
 * templated-file messages name lines, so their numbers do not count).
 */
function findingKey(finding: Finding): string {
  const message = finding.id === 'templated-file' ? finding.message.replace(/\d+/g, '#') : finding.message;
  return `${finding.id}\u0000${finding.location.file}\u0000${message}`;
}
