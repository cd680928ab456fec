import { renderJson } from '../reporters/json.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../reporters/registry.js';
import { toolVersion } from './tool-version.js';
import { buildReport, buildSummary } from '../reporters/report.js';
import { summaryLine } from '../reporters/summary.js';
import { formatLocation } from '../reporters/format-location.js';
import { renderUnifiedDiff } from '../reporters/unified-diff.js';
import { CliError, EXIT } from './exit-codes.js';
import { reportMissingPaths, say } from './messages.js';
import { exitCodeFor, runOnPaths, type RunOutcome } from './run-on-paths.js';
import { sortFindings } from '../pipeline/sort-findings.js';
import type { Finding } from '../model/finding.js';
import { resolveOptions, type RawOptions } from './resolve-options.js';
import { writeInPlace, writeToOutDir } from './write-changes.js';
import { emit, writeFileAtomic } from './write-output.js';

export const MIGRATE_FORMATS = ['diff', ...REPORT_FORMATS] as const;

/** --validate-server: the run already done, and the API server's answer per rewritten document. */
export interface ServerValidation {
  outcome: RunOutcome;
  findings: Finding[];
  answers: { file: string; line: number; kind: string; namespace: string | null; name: string; status: 'accepted' | 'rejected'; httpStatus: number; message: string }[];
}

/**
 * Dry run by default: the unified diff on stdout, findings and the summary on stderr. Files
 * change only with --write (in place) or --out-dir (a migrated copy).
 */
export function migrateCommand(paths: string[], raw: RawOptions, validated?: ServerValidation): number {
  if (raw.write && raw.outDir) throw new CliError('--write and --out-dir exclude each other', EXIT.usage);
  const options = resolveOptions(paths, raw, MIGRATE_FORMATS);
  const cwd = process.cwd();
  const { result, sources, missingPaths } = validated?.outcome ?? runOnPaths(options, cwd);
  if (validated) result.findings = sortFindings([...result.findings, ...validated.findings]);
  // The full report needs every source position; build it only for the outputs that show it.
  const built = options.format !== 'diff' || raw.planOut ? buildReport('migrate', result) : null;
  const report = built && validated ? { ...built, serverValidation: validated.answers } : built;
  emit(report && options.format !== 'diff' ? renderReport(options.format as ReportFormat, report, { toolVersion: toolVersion() }) : renderUnifiedDiff(result.changes, options.color), options.output);
  if (report && raw.planOut) writeFileAtomic(raw.planOut, renderJson(report));

  let written = 0;
  try {
    if (raw.write) written = writeInPlace(result.changes, sources, cwd);
    else if (raw.outDir) written = writeToOutDir(result.changes, sources, raw.outDir, cwd);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`writing the changes failed: ${(error as Error).message}`, EXIT.external);
  }

  if (!options.quiet) {
    for (const finding of result.findings) say(`${formatLocation(finding.location)}: ${finding.severity} ${finding.id}: ${finding.message}`);
    for (const change of result.changes) {
      for (const skipped of change.skipped) say(`${formatLocation(skipped.location)}: skipped: ${skipped.reason}`);
    }
    say(summaryLine('migrate', buildSummary(result)));
    if (raw.write) say(`Wrote ${written} file(s).`);
    else if (raw.outDir) say(`Wrote the migrated copy to ${raw.outDir} (${written} file(s) changed).`);
    else say('Dry run: nothing was written. Use --write to change the files in place, or --out-dir DIR for a migrated copy.');
  }
  reportMissingPaths(missingPaths);
  return exitCodeFor(result.findings, options.failOn, missingPaths);
}
