import type { FileChange } from '../model/file-change.js';
import { SEVERITY_ORDER, type Finding, type Severity } from '../model/finding.js';
import { changeStatus } from './report.js';

export const CODE_REPORT_SCHEMA_VERSION = 1;

export interface CodeSummary {
  files: number;
  sourceFiles: number;
  sourceFilesParsed: number;
  dependencyFiles: number;
  filesChanged: number;
  findings: Record<Severity, number>;
}

/** The JSON report of `wimigrate code`: stable field names, sorted contents. */
export interface CodeReport {
  schemaVersion: number;
  command: 'code';
  summary: CodeSummary;
  findings: Finding[];
  changes: { file: string; status: 'modified' | 'created' | 'deleted' | 'unchanged' }[];
}

export function buildCodeReport(summary: Omit<CodeSummary, 'findings' | 'filesChanged'>, findings: readonly Finding[], changes: readonly FileChange[]): CodeReport {
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  const modified = changes.filter((change) => change.before !== change.after);
  return {
    schemaVersion: CODE_REPORT_SCHEMA_VERSION,
    command: 'code',
    summary: { ...summary, filesChanged: modified.length, findings: Object.fromEntries([...SEVERITY_ORDER].reverse().map((severity) => [severity, count(severity)])) as Record<Severity, number> },
    findings: [...findings],
    changes: modified.map((change) => ({ file: change.file, status: changeStatus(change) })),
  };
}

export function codeSummaryLine(summary: CodeSummary): string {
  const { error, warning, info } = summary.findings;
  return `Summary: ${summary.files} files (${summary.sourceFiles} sources, ${summary.sourceFilesParsed} parsed; ${summary.dependencyFiles} dependency files), ${summary.filesChanged} files to change, findings: ${error} error, ${warning} warning, ${info} info`;
}
