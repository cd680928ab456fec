import { buildReport } from '../reporters/report.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../reporters/registry.js';
import { exitCodeFor, runOnPaths } from './run-on-paths.js';
import { resolveOptions, type RawOptions } from './resolve-options.js';
import { emit } from './write-output.js';
import { reportMissingPaths } from './messages.js';
import { toolVersion } from './tool-version.js';

export const SCAN_FORMATS = REPORT_FORMATS;

export function scanCommand(paths: string[], raw: RawOptions): number {
  const options = resolveOptions(paths, raw, SCAN_FORMATS);
  const { result, missingPaths } = runOnPaths(options, process.cwd(), false);
  const report = buildReport('scan', result);
  emit(renderReport(options.format as ReportFormat, report, { toolVersion: toolVersion() }), options.output);
  reportMissingPaths(missingPaths);
  return exitCodeFor(result.findings, options.failOn, missingPaths);
}
