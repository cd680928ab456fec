import { workloadRows } from './workload-rows.js';
import type { Report } from './report.js';

const COLUMNS = ['record', 'severity', 'id', 'source', 'namespace', 'kind', 'name', 'file', 'line', 'column', 'identities', 'service_account', 'client_id', 'message'] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;

/**
 * One flat table for a spreadsheet that tracks a migration: a row per workload, per finding and
 * per manual step, told apart by the `record` column. RFC 4180 (CRLF, quotes doubled).
 */
export function renderCsv(report: Report): string {
  const rows: Row[] = [];
  for (const workload of workloadRows(report)) {
    rows.push({
      record: 'workload',
      source: workload.source,
      namespace: workload.namespace,
      kind: workload.kind,
      name: workload.name,
      file: workload.file,
      line: workload.line || '',
      identities: workload.identities.join(' '),
      service_account: workload.serviceAccount ?? '',
      client_id: workload.clientId ?? '',
      message: workload.current,
    });
  }
  for (const finding of report.findings) {
    rows.push({ record: 'finding', severity: finding.severity, id: finding.id, file: finding.location.file, line: finding.location.line, column: finding.location.col, message: finding.message });
  }
  for (const step of report.plan.manualSteps) {
    rows.push({ record: 'manual-step', id: step.id, file: step.location?.file ?? '', line: step.location?.line ?? '', column: step.location?.col ?? '', message: step.text });
  }
  return csvTable(COLUMNS, rows.map((row) => COLUMNS.map((column) => row[column] ?? '')));
}

/** A header and rows as RFC 4180 text (CRLF after every line), every cell through `csvCell`. */
export function csvTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/**
 * Quoted when needed. A cell that a spreadsheet would run as a formula (=, +, -, @ first; text
 * from manifests ends up here) gets a leading apostrophe, the OWASP advice against CSV injection.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}
