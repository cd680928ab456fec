import { buildReport } from '../reporters/report.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../reporters/registry.js';
import { exitCodeFor, runOnPaths, type RunOutcome } from './run-on-paths.js';
import { resolveOptions, type RawOptions, type ResolvedOptions } from './resolve-options.js';
import { emit } from './write-output.js';
import { reportMissingPaths } from './messages.js';
import { toolVersion } from './tool-version.js';

export const SCAN_FORMATS = REPORT_FORMATS;

export function scanCommand(paths: string[], raw: RawOptions & { code?: string[] }): number | Promise<number> {
  const options = resolveOptions(paths, raw, SCAN_FORMATS);
  const { result, missingPaths } = runOnPaths(options, process.cwd(), false);
  // --code: application code joins the report; its module (and ts-morph) loads only then.
  if (raw.code !== undefined && raw.code.length > 0) {
    const codePaths = raw.code;
    return import('./scan-code.js')
      .then(({ addCodeFindings }) => addCodeFindings(result, options, codePaths, raw.migrations, process.cwd()))
      .then((missingCode) => finishScan(result, options, [...missingPaths, ...missingCode]));
  }
  return finishScan(result, options, missingPaths);
}

function finishScan(result: RunOutcome['result'], options: ResolvedOptions, missingPaths: string[]): number {
  const report = buildReport('scan', result);
  emit(renderReport(options.format as ReportFormat, report, { toolVersion: toolVersion() }), options.output);
  reportMissingPaths(missingPaths);
  return exitCodeFor(result.findings, options.failOn, missingPaths);
}
