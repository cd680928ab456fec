import { ruleCatalog } from '../pipeline/rule-catalog.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderPlanText } from './plan-text.js';
import type { Report } from './report.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export interface ReporterOptions {
  /** The tool version SARIF and HTML name. */
  toolVersion: string;
}

/** A report format: a pure function of the report (knip's reporters map). */
export type Reporter = (report: Report, options: ReporterOptions) => string;

export const REPORTERS = {
  text: (report) => (report.command === 'plan' ? renderPlanText(report) : renderText(report)),
  json: (report) => renderJson(report),
  markdown: (report) => renderMarkdown(report),
  sarif: (report, options) => renderSarif(report, { toolVersion: options.toolVersion, rules: ruleCatalog() }),
  html: (report, options) => renderHtml(report, { toolVersion: options.toolVersion }),
  csv: (report) => renderCsv(report),
} as const satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;

export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

export function isReportFormat(format: string): format is ReportFormat {
  return Object.hasOwn(REPORTERS, format);
}

export function renderReport(format: ReportFormat, report: Report, options: ReporterOptions): string {
  return REPORTERS[format](report, options);
}
