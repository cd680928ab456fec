import { renderCodeCsv, renderCodeHtml, renderCodeMarkdown, renderCodeSarif, renderCodeText } from '../reporters/code-formats.js';
import { buildCodeReport, codeSummaryLine } from '../reporters/code-report.js';
import { formatLocation } from '../reporters/format-location.js';
import { renderUnifiedDiff } from '../reporters/unified-diff.js';
import { sortFindings } from '../pipeline/sort-findings.js';
import { readCodeFiles } from '../sources/code/read-code-files.js';
import type { CredentialTarget } from '../transformers/code/codemod.js';
import { loadCodeTables } from './code-tables.js';
import { CliError, EXIT } from './exit-codes.js';
import { reportMissingPaths, say } from './messages.js';
import { resolveOptions, type RawOptions } from './resolve-options.js';
import { exitCodeFor } from './run-on-paths.js';
import { toolVersion } from './tool-version.js';
import { writeInPlace } from './write-changes.js';
import { emit } from './write-output.js';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CODE_FORMATS = ['diff', 'json', 'text', 'markdown', 'sarif', 'html', 'csv'] as const;

export type CodeRawOptions = RawOptions & { credential?: string };

/**
 * `wimigrate code [paths...]`: findings on stderr, the codemods' unified diff on stdout; files
 * change only with --write. ts-morph is loaded here, on demand, never by the other commands.
 */
export async function codeCommand(paths: string[], raw: CodeRawOptions): Promise<number> {
  if (paths.includes('-')) throw new CliError('code reads files and folders, not standard input', EXIT.usage);
  const credential = raw.credential ?? 'workload';
  if (credential !== 'workload' && credential !== 'default') throw new CliError(`--credential must be workload or default (got "${credential}")`, EXIT.usage);
  const cwd = process.cwd();
  // --migrations here names the SDK tables only (the manifest tables are not needed).
  const options = resolveOptions(paths, { ...raw, migrations: undefined }, CODE_FORMATS, cwd);
  const tables = loadCodeTables(raw.migrations, options.configFile, cwd);
  const read = readCodeFiles(options.paths, cwd, options.maxFileBytes);
  const { runCodeAnalysis } = await import('../pipeline/run-code-analysis.js');
  const result = runCodeAnalysis(
    read.files.map((file) => ({ file: file.file, text: file.text })),
    { tables, credential: credential as CredentialTarget, identityMap: options.plan.identityMap, phase: options.plan.phase, rewrite: true },
  );
  const findings = sortFindings([...read.findings, ...result.findings]);
  const report = buildCodeReport({ files: read.files.length, sourceFiles: result.sourceFiles, sourceFilesParsed: result.sourceFilesParsed, dependencyFiles: result.dependencyFiles }, findings, result.changes);
  const outcome = { report, changes: result.changes };
  const render: Record<(typeof CODE_FORMATS)[number], () => string> = {
    diff: () => renderUnifiedDiff(result.changes, options.color),
    json: () => `${JSON.stringify(report, null, 2)}\n`,
    text: () => renderCodeText(outcome),
    markdown: () => renderCodeMarkdown(outcome),
    sarif: () => renderCodeSarif(outcome, toolVersion()),
    html: () => renderCodeHtml(outcome, toolVersion()),
    csv: () => renderCodeCsv(outcome),
  };
  emit(render[options.format as (typeof CODE_FORMATS)[number]](), options.output);

  let written = 0;
  if (raw.write) {
    try {
      written = writeInPlace(result.changes, read.files, cwd);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`writing the changes failed: ${(error as Error).message}`, EXIT.external);
    }
  }
  if (!options.quiet) {
    for (const finding of findings) say(`${formatLocation(finding.location)}: ${finding.severity} ${finding.id}: ${finding.message}`);
    say(codeSummaryLine(report.summary));
    if (raw.write) say(`Wrote ${written} file(s).${written > 0 && result.changes.some((change) => change.file.endsWith('package.json')) ? ' Run your package manager to update the lockfile.' : ''}`);
    else say('Dry run: nothing was written. Use --write to change the files in place.');
  }
  const missingPaths = options.paths.filter((given) => !existsSync(path.resolve(cwd, given)));
  reportMissingPaths(missingPaths);
  return exitCodeFor(findings, options.failOn, missingPaths);
}
