import { formatLocation } from '../reporters/format-location.js';
import type { Report } from '../reporters/report.js';
import { summaryLine } from '../reporters/summary.js';
import { workloadRows } from '../reporters/workload-rows.js';

/**
 * The pull request's title and body, built from small section functions (as Renovate does), so
 * each part can be tested and other parts (the credential code of `wimigrate federate`) plugged in.
 */

/** Infrastructure code that creates the federated credentials (az CLI, Bicep, Terraform...), as an emitter hands it over. */
export interface EmittedCode {
  /** The fence's language: `bash`, `bicep`, `hcl`... */
  language: string;
  /** Shown on the fold: "Azure CLI", "Bicep", "Terraform". */
  title: string;
  code: string;
}

export interface PrBodyOptions {
  branch: string;
  toolVersion: string;
  /** The emitted credential code; empty until an emitter provides it. */
  credentialCode: readonly EmittedCode[];
}

/** GitHub refuses a pull request body over 65,536 characters. */
export const MAX_BODY_LENGTH = 65_536;
const MARKER_PREFIX = '<!-- wimigrate:pull-request';

/** Hidden in the body: a rerun finds its own pull request by it, and leaves others alone. */
export function prMarker(branch: string): string {
  return `${MARKER_PREFIX} branch=${branch.replaceAll('-->', '')} -->`;
}

export function hasPrMarker(body: string | null | undefined, branch: string): boolean {
  return (body ?? '').includes(prMarker(branch));
}

export function prTitle(report: Report): string {
  // The workloads that get a service account; the others stay as they are (see the findings).
  const workloads = workloadRows(report).filter((row) => row.serviceAccount !== null).length;
  const what = `${workloads} workload${workloads === 1 ? '' : 's'}`;
  return report.plan.phase === 'cutover'
    ? `wimigrate: cut ${what} over to Entra Workload ID, removing pod identity and IRSA`
    : `wimigrate: prepare ${what} for Entra Workload ID`;
}

export function summarySection(report: Report): string {
  const phase =
    report.plan.phase === 'cutover'
      ? 'Phase **cutover**: pod identity and IRSA settings are removed; merge only once the workloads run on Workload ID.'
      : 'Phase **prepare**: Workload ID is added beside pod identity and IRSA, which keep working until cutover.';
  return `## Entra Workload ID migration\n\n${phase}\n\n${summaryLine(report.command, report.summary)}`;
}

export function changedFilesSection(report: Report): string {
  const changed = report.changes.filter((change) => change.status !== 'unchanged');
  if (changed.length === 0) return '';
  const rows = changed.map((change) => `| ${cell(change.file)} | ${change.status} |`);
  return fold(`Changed files (${changed.length})`, ['| File | Change |', '| --- | --- |', ...rows].join('\n'), changed.length <= 10);
}

export function workloadsSection(report: Report): string {
  const rows = workloadRows(report);
  if (rows.length === 0) return '';
  const lines = ['### Workloads', '', '| Workload | Namespace | From | Service account | Client id |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    lines.push(`| ${cell(`${row.kind} ${row.name}`)} | ${cell(row.namespace)} | ${row.source === 'irsa' ? 'EKS IRSA' : 'AAD Pod Identity'} | ${cell(row.serviceAccount ?? '-')} | ${cell(row.clientId ?? '-')} |`);
  }
  return lines.join('\n');
}

export function federatedCredentialsSection(report: Report): string {
  const credentials = report.plan.federatedCredentials;
  if (credentials.length === 0) return '';
  const lines = ['| Name | On identity | Subject |', '| --- | --- | --- |'];
  for (const credential of credentials) {
    const target = credential.target.kind === 'managed-identity' ? credential.target.identityName : credential.target.kind === 'app-registration' ? `app ${credential.target.clientId}` : 'unknown';
    lines.push(`| ${cell(credential.name)} | ${cell(target)} | ${cell(credential.subject)} |`);
  }
  const issuer = report.plan.issuer ? `Issuer: \`${report.plan.issuer}\`` : 'Issuer: not set (pass --issuer)';
  return fold(`Federated identity credentials to create before merging (${credentials.length})`, `${issuer}\n\n${lines.join('\n')}`, false);
}

/**
 * The code that creates the credentials, as `wimigrate federate`'s emitters produce it; one
 * fold per language. Without emitted code it says where the credentials are listed.
 */
export function federatedCredentialCodeSection(code: readonly EmittedCode[]): string {
  if (code.length === 0) return '';
  const parts = code.map((entry) => {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(entry.code) + 1));
    return fold(entry.title, `${fence}${entry.language}\n${entry.code.replace(/\n$/, '')}\n${fence}`, false);
  });
  return ['### Code to create the federated credentials', '', ...parts].join('\n');
}

export function manualStepsSection(report: Report): string {
  const steps = report.plan.manualSteps;
  if (steps.length === 0) return '';
  return ['### Manual steps', '', ...steps.map((step) => `- [ ] ${cell(step.text)}${step.location ? ` (${cell(formatLocation(step.location))})` : ''}`)].join('\n');
}

export function findingsSection(report: Report): string {
  if (report.findings.length === 0) return '';
  const lines = ['| Severity | Rule | Where | Message |', '| --- | --- | --- | --- |'];
  for (const finding of report.findings) lines.push(`| ${finding.severity} | \`${finding.id}\` | ${cell(formatLocation(finding.location))} | ${cell(finding.message)} |`);
  const { error, warning, info } = report.summary.findings;
  return fold(`Findings (${error} errors, ${warning} warnings, ${info} info)`, lines.join('\n'), false);
}

export function footerSection(options: PrBodyOptions): string {
  return `---\nGenerated by wimigrate ${options.toolVersion}. Running \`wimigrate pr\` again updates this branch and this pull request.\n\n${prMarker(options.branch)}`;
}

/**
 * The whole body. Past GitHub's limit the long folds are replaced by a pointer to the full
 * report, largest first, so the summary, manual steps and marker always survive.
 */
export function buildPrBody(report: Report, options: PrBodyOptions): string {
  const sections: { text: string; droppable: boolean }[] = [
    { text: summarySection(report), droppable: false },
    { text: workloadsSection(report), droppable: true },
    { text: changedFilesSection(report), droppable: true },
    { text: federatedCredentialsSection(report), droppable: true },
    { text: federatedCredentialCodeSection(options.credentialCode), droppable: true },
    { text: manualStepsSection(report), droppable: false },
    { text: findingsSection(report), droppable: true },
    { text: footerSection(options), droppable: false },
  ];
  const join = () => `${sections.map((section) => section.text).filter(Boolean).join('\n\n')}\n`;
  let body = join();
  while (body.length > MAX_BODY_LENGTH) {
    const largest = sections.filter((section) => section.droppable && section.text).sort((a, b) => b.text.length - a.text.length)[0];
    if (!largest) break;
    largest.text = '_A section was left out to keep this body under GitHub’s size limit: run `wimigrate plan --format html` for the full report._';
    largest.droppable = false;
    body = join();
  }
  return body.length > MAX_BODY_LENGTH ? `${body.slice(0, MAX_BODY_LENGTH - prMarker(options.branch).length - 2)}\n${prMarker(options.branch)}\n` : body;
}

/** The commit message: the title, the summary, the files. */
export function commitMessage(report: Report, toolVersion: string): string {
  const files = report.changes.filter((change) => change.status !== 'unchanged');
  const listed = files.slice(0, 50).map((change) => `- ${change.file} (${change.status})`);
  if (files.length > 50) listed.push(`- and ${files.length - 50} more`);
  return `${prTitle(report)}\n\n${summaryLine(report.command, report.summary)}\n\n${listed.join('\n')}\n\nGenerated by wimigrate ${toolVersion}.\n`;
}

function fold(summary: string, content: string, open: boolean): string {
  return `<details${open ? ' open' : ''}><summary>${escapeSummary(summary)}</summary>\n\n${content}\n\n</details>`;
}

/** Table cells must not break the table, nor smuggle HTML into the page. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeSummary(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
}
