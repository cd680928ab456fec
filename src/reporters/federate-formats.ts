/**
 * `federate` in the formats other commands have: markdown for a pull request, SARIF for code
 * scanning, CSV (a row per credential), one HTML page. Pure functions of the FederateReport.
 */
import { csvTable } from './csv.js';
import { FEDERATE_FINDINGS, federateFindings } from './federate-findings.js';
import { summary, type FederateIdentityReport, type FederateReport } from './federate-report.js';
import { escapeHtml as h } from './html/escape.js';
import { htmlCards, htmlFindings, htmlPage, htmlTable } from './html/page.js';
import { renderSarif } from './sarif.js';

export interface FederateFormatOptions {
  toolVersion: string;
  /** The --plan file the findings point at; null when the plan came from manifests (`<plan>`). */
  planFile: string | null;
}

/** What a credential row says: `created` by this run, else its state against Azure. */
function stateOf(identity: FederateIdentityReport, name: string, state: string): string {
  return identity.created.includes(name) ? 'created' : state;
}

export function renderFederateSarif(report: FederateReport, options: FederateFormatOptions): string {
  const rules = Object.entries(FEDERATE_FINDINGS).map(([id, rule]) => ({ id, ...rule }));
  return renderSarif({ command: 'federate', findings: federateFindings(report, options.planFile) }, { toolVersion: options.toolVersion, rules });
}

const CSV_HEADER = ['identity', 'resource_group', 'subscription', 'identity_status', 'credential', 'issuer', 'subject', 'serves', 'state', 'detail'];

/** A row per credential (those without an identity too, with identity_status `unplaced`). */
export function renderFederateCsv(report: FederateReport): string {
  const rows = report.identities.flatMap((identity) =>
    identity.credentials.map((row) => [identity.name, identity.resourceGroup, identity.subscriptionId, identity.status, row.name, row.issuer, row.subject, row.serves, stateOf(identity, row.name, row.state), row.detail ?? (identity.error ? `${identity.error.operation}: HTTP ${identity.error.status} ${identity.error.code}: ${identity.error.message}` : '')]),
  );
  for (const entry of report.unplaced) rows.push(['', '', '', 'unplaced', entry.name, '', entry.subject, entry.serves, 'unplaced', entry.reason]);
  return csvTable(CSV_HEADER, rows);
}

/** Markdown for a pull request: the summary line, one table of credentials, errors, findings and the rest folded. */
export function renderFederateMarkdown(report: FederateReport, options: FederateFormatOptions): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const out = [`## wimigrate federate`, '', summary(report), ''];
  // One table for every identity keeps a pull request body short; errors follow it.
  const rows = report.identities.flatMap((identity) => identity.credentials.map((row) => `| \`${cell(identity.name)}\` (${identity.status}) | ${stateOf(identity, row.name, row.state)} | \`${cell(row.name)}\` | \`${cell(row.subject)}\` | ${cell(row.serves)} | ${cell(row.detail ?? '')} |`));
  if (rows.length > 0) out.push('| Identity | State | Credential | Subject | Serves | Note |', '| --- | --- | --- | --- | --- | --- |', ...rows, '');
  for (const identity of report.identities) {
    if (identity.error) out.push(`- **${cell(identity.name)}** (resource group \`${cell(identity.resourceGroup)}\`): ${cell(identity.error.operation)} answered HTTP ${identity.error.status} ${cell(identity.error.code)}: ${cell(identity.error.message)}`);
  }
  if (report.identities.some((identity) => identity.error)) out.push('');
  const findings = federateFindings(report, options.planFile);
  if (findings.length > 0) out.push(`<details><summary>${findings.length} finding(s)</summary>`, '', ...findings.map((finding) => `- **${finding.severity}** \`${finding.id}\`: ${finding.message}`), '', '</details>', '');
  const fold = (title: string, lines: readonly string[]) => (lines.length > 0 ? out.push(`<details><summary>${title}</summary>`, '', '```sh', ...lines, '```', '', '</details>', '') : 0);
  if (report.appRegistrations) fold(`App registrations (${report.appRegistrations.notice.replace(/[<>]/g, '')})`, report.appRegistrations.commands);
  if (report.aksCutover) fold(`AKS-managed pod identity cutover on ${report.aksCutover.cluster.replace(/[<>]/g, '')}`, report.aksCutover.commands);
  if (report.emitted.length > 0) out.push(`Wrote ${report.emitted.map((file) => `\`${cell(file)}\``).join(', ')}`, '');
  if (report.propagation) out.push(...report.propagation.map((line) => `> ${line}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** One page: counts by state and by identity status, a table of every credential, findings, the commands. */
export function renderFederateHtml(report: FederateReport, options: FederateFormatOptions): string {
  const title = 'wimigrate federate report';
  const states = report.identities.flatMap((identity) => identity.credentials.map((row) => stateOf(identity, row.name, row.state)));
  const count = <T>(list: readonly T[]) => [...new Set(list)].sort().map((value) => [String(value), list.filter((entry) => entry === value).length] as const);
  const rows = report.identities.flatMap((identity) => identity.credentials.map((row) => [identity.name, identity.status, row.name, row.subject, row.serves, stateOf(identity, row.name, row.state), row.detail ?? '']));
  for (const entry of report.unplaced) rows.push(['(none)', 'unplaced', entry.name, entry.subject, entry.serves, 'unplaced', entry.reason]);
  const commands = (id: string, heading: string, lines: readonly string[]) => `<section id="${id}"><h2>${h(heading)}</h2><pre class="diff">${lines.map((line) => `<span class="dl ctx">${h(line)}</span>`).join('')}</pre></section>`;
  const body = `<header><h1>${h(title)}</h1><p class="muted">${h(summary(report))}</p></header>
${htmlCards([
  { title: 'Credentials by state', head: ['state', 'credentials'], rows: count(states) },
  { title: 'Identities by status', head: ['status', 'identities'], rows: count(report.identities.map((identity) => identity.status)) },
  { title: 'Not placed', head: ['what', 'credentials'], rows: [['without an identity', report.unplaced.length]] },
])}
<section id="credentials"><h2>Credentials (${rows.length})</h2>${rows.length > 0 ? htmlTable(['Identity', 'Identity status', 'Credential', 'Subject', 'Serves', 'State', 'Note'], rows, 'credentials-table') : '<p class="empty">No federated credential planned.</p>'}</section>
${htmlFindings(federateFindings(report, options.planFile))}
${report.appRegistrations ? commands('app-registrations', `App registrations: ${report.appRegistrations.notice}`, report.appRegistrations.commands) : ''}
${report.aksCutover ? commands('aks-cutover', `AKS-managed pod identity on ${report.aksCutover.cluster}, at cutover`, report.aksCutover.commands) : ''}
${report.emitted.length > 0 ? `<section id="emitted"><h2>Files written</h2><ul>${report.emitted.map((file) => `<li><code>${h(file)}</code></li>`).join('')}</ul></section>` : ''}
${report.propagation ? `<section id="propagation"><h2>Propagation</h2>${report.propagation.map((line) => `<p>${h(line)}</p>`).join('')}</section>` : ''}
<footer class="muted"><p>Generated by wimigrate ${h(options.toolVersion)}, mode ${h(report.mode)}.</p></footer>`;
  return htmlPage(title, body);
}
