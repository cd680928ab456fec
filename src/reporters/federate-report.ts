/**
 * The report of `wimigrate federate`: per identity, what Azure has and what the plan needs, and
 * what was done; the app registrations (not applied); the AKS pod identity cutover; propagation
 * advice. Pure renderers: a table per identity for people, JSON for bots.
 */
import type { CredentialState } from '../azure/diff-credentials.js';
import type { IdentityStatus } from '../azure/apply-federation.js';
import type { GraphRequest } from '../azure/emit/app-registrations.js';

export interface FederateCredentialRow {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  serves: string;
  /** `planned`: Azure was not read (an offline --emit run). */
  state: CredentialState | 'planned';
  detail: string | null;
}

export interface FederateIdentityReport {
  resourceId: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  status: IdentityStatus | 'planned';
  location: string | null;
  clientId: string | null;
  principalId: string | null;
  tenantId: string | null;
  createdIdentity: boolean;
  credentials: FederateCredentialRow[];
  created: string[];
  deleted: string[];
  prunable: string[];
  error: { operation: string; status: number; code: string; message: string } | null;
}

export interface FederateReport {
  schemaVersion: 1;
  mode: 'apply' | 'dry-run' | 'offline';
  identities: FederateIdentityReport[];
  appRegistrations: { notice: string; commands: string[]; requests: GraphRequest[] } | null;
  unplaced: { name: string; subject: string; serves: string; reason: string }[];
  aksCutover: { cluster: string; commands: string[] } | null;
  emitted: string[];
  identityMap: { file: string; updatedRoles: string[] } | null;
  /** Steps an earlier, interrupted run had started and not finished. */
  resumed: { identity: string; step: string; name: string }[];
  propagation: string[] | null;
}

const STATUS_TEXT: Record<FederateIdentityReport['status'], string> = {
  ok: 'ok',
  planned: 'planned (Azure not read)',
  'to-create': 'does not exist yet: created with --apply',
  missing: 'NOT FOUND (404): create it or fix the plan',
  'unsupported-location': 'its region does not support federated credentials on user-assigned identities: use an identity in another region',
  failed: 'FAILED',
};

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd());
}

export function renderFederateText(report: FederateReport): string {
  const out: string[] = [];
  if (report.resumed.length > 0) {
    out.push(`Resuming: the last run was interrupted during ${report.resumed.length} step(s); Azure was read again, so nothing is written twice:`);
    for (const step of report.resumed) out.push(`  ${step.step} ${step.name} on ${step.identity}`);
    out.push('');
  }
  for (const identity of report.identities) {
    out.push(`Identity ${identity.name}  (resource group ${identity.resourceGroup}, subscription ${identity.subscriptionId})`);
    const facts = [
      `status: ${STATUS_TEXT[identity.status]}${identity.createdIdentity ? ' (created by this run)' : ''}`,
      identity.location ? `location: ${identity.location}` : null,
      identity.clientId ? `client id: ${identity.clientId}` : null,
      identity.principalId ? `principal id: ${identity.principalId}` : null,
      identity.tenantId ? `tenant: ${identity.tenantId}` : null,
    ].filter((fact): fact is string => fact !== null);
    out.push(`  ${facts.join('; ')}`);
    if (identity.error) out.push(`  error: ${identity.error.operation} ${identity.error.status === 0 ? 'failed without an HTTP answer' : `answered HTTP ${identity.error.status}`}${identity.error.code ? ` ${identity.error.code}` : ''}: ${identity.error.message}`);
    if (identity.credentials.length > 0) {
      const rows = [['STATE', 'NAME', 'SUBJECT', 'NOTE']];
      for (const row of identity.credentials) {
        const done = identity.created.includes(row.name) ? 'created' : row.state;
        rows.push([done, row.name, row.subject, row.detail ?? '']);
      }
      out.push(...table(rows).map((line) => `  ${line}`));
    }
    for (const name of identity.deleted) out.push(`  deleted  ${name}`);
    const leftOver = identity.prunable.filter((name) => !identity.deleted.includes(name));
    if (leftOver.length > 0) out.push(`  made by wimigrate, no longer planned (removed only with --prune): ${leftOver.join(', ')}`);
    out.push('');
  }
  if (report.unplaced.length > 0) {
    out.push('Not placed (the plan does not know the identity):');
    for (const entry of report.unplaced) out.push(`  ${entry.name} for ${entry.serves}: ${entry.reason}`);
    out.push('');
  }
  if (report.appRegistrations) {
    out.push(`App registrations: ${report.appRegistrations.notice}`);
    for (const command of report.appRegistrations.commands) out.push(`  ${command}`);
    out.push('  (Microsoft Graph request bodies: --format json, or app-registration-credentials.graph.json with --emit)', '');
  }
  if (report.aksCutover) {
    out.push(`AKS-managed pod identity on ${report.aksCutover.cluster}: at cutover, once the workloads run on Workload ID:`);
    for (const command of report.aksCutover.commands) out.push(`  ${command}`);
    out.push('');
  }
  if (report.identityMap) out.push(`Identity map ${report.identityMap.file}: client ids written for ${report.identityMap.updatedRoles.join(', ')}; run migrate again to fill in the placeholders.`, '');
  if (report.emitted.length > 0) out.push(`Wrote ${report.emitted.join(', ')}`, '');
  if (report.propagation) out.push(...report.propagation, '');
  const counts = summary(report);
  out.push(counts);
  return `${out.join('\n')}\n`;
}

export function summary(report: FederateReport): string {
  const rows = report.identities.flatMap((identity) => identity.credentials.map((row) => (identity.created.includes(row.name) ? 'created' : row.state)));
  const count = (state: string) => rows.filter((row) => row === state).length;
  const failed = report.identities.filter((identity) => identity.status === 'failed' || identity.status === 'missing').length;
  const parts =
    report.mode === 'offline'
      ? [`${count('planned')} credential(s) planned on ${report.identities.length} identity(ies)`]
      : [`${count('created')} created`, `${count('create')} to create`, `${count('present')} present`, `${count('conflict')} conflicting`, `${count('over-limit')} over the limit`];
  if (failed > 0) parts.push(`${failed} identity(ies) failed`);
  const mode = report.mode === 'apply' ? 'applied' : report.mode === 'dry-run' ? 'dry run: nothing written (use --apply)' : 'offline: Azure not read';
  return `federate (${mode}): ${parts.join(', ')}.`;
}

export function renderFederateJson(report: FederateReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
