import type { FileChange } from '../model/file-change.js';
import type { Finding, Severity } from '../model/finding.js';
import { refString } from '../model/inventory.js';
import type { SourceLocation } from '../model/location.js';
import type { MigrationPlan } from '../model/plan.js';
import type { MigrationResult } from '../pipeline/run-migration.js';
import { renderUnifiedDiff } from './unified-diff.js';

/** Bumped on any incompatible change of the JSON output. */
export const REPORT_SCHEMA_VERSION = 1;

export interface ReportWorkload {
  kind: string;
  namespace: string;
  name: string;
  location: SourceLocation;
  selector: string | null;
  serviceAccount: string | null;
  identities: string[];
}

/** Everything a reporter may show; plain data, stable field order, serializable as is. */
export interface Report {
  schemaVersion: number;
  command: 'scan' | 'migrate' | 'plan';
  summary: {
    files: number;
    documents: number;
    identities: number;
    bindings: number;
    exceptions: number;
    workloads: number;
    /** Workloads whose pods carry `aadpodidbinding`. */
    workloadsLabelled: number;
    workloadsWithIdentity: number;
    irsaServiceAccounts: number;
    /** Managed identities that take over IAM roles, and the places still carrying a pending placeholder for one. */
    roleIdentities: number;
    pendingClientIds: number;
    serviceAccounts: number;
    federatedCredentials: number;
    filesChanged: number;
    filesSkipped: number;
    findings: Record<Severity, number>;
  };
  inventory: {
    identities: { namespace: string; name: string; type: number | null; clientId: string | null; resourceId: string | null; location: SourceLocation }[];
    bindings: { namespace: string; name: string; identity: string | null; selector: string | null; location: SourceLocation }[];
    exceptions: { namespace: string; name: string; podLabels: Record<string, string>; location: SourceLocation }[];
    workloads: ReportWorkload[];
    secretProviderClasses: { namespace: string; name: string; usePodIdentity: boolean; location: SourceLocation }[];
    irsaServiceAccounts: { namespace: string; name: string; roleArn: string; workloads: string[]; location: SourceLocation }[];
  };
  findings: Finding[];
  plan: Omit<MigrationPlan, 'findings'>;
  /** `diff`: the file's unified diff (git apply format), null when it does not change. */
  changes: { file: string; status: 'modified' | 'created' | 'deleted' | 'unchanged'; skipped: FileChange['skipped']; diff: string | null }[];
}

export function changeStatus(change: FileChange): Report['changes'][number]['status'] {
  if (change.before === null) return 'created';
  if (change.after === null) return 'deleted';
  return change.before === change.after ? 'unchanged' : 'modified';
}

export type ReportSummary = Report['summary'];

/** The counts alone: cheap, since it needs no source positions. */
export function buildSummary(result: MigrationResult): ReportSummary {
  const { inventory, plan, findings, changes } = result;
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  return {
    files: result.filesRead,
    documents: result.documentCount,
    identities: inventory.identities.length,
    bindings: inventory.bindings.length,
    exceptions: inventory.exceptions.length,
    workloads: inventory.workloads.length,
    workloadsLabelled: inventory.workloads.filter((workload) => 'aadpodidbinding' in workload.podLabels).length,
    workloadsWithIdentity: new Set(inventory.assignments.map((assignment) => assignment.workload)).size,
    irsaServiceAccounts: inventory.irsaServiceAccounts.length,
    roleIdentities: plan.roleIdentities.length,
    pendingClientIds: plan.irsaServiceAccounts.filter((account) => account.pending).length + plan.valuesWorkloads.filter((entry) => entry.pending).length,
    serviceAccounts: plan.serviceAccounts.length,
    federatedCredentials: plan.federatedCredentials.length,
    filesChanged: changes.filter((change) => change.before !== change.after).length,
    filesSkipped: changes.filter((change) => change.skipped.length > 0).length,
    findings: { error: count('error'), warning: count('warning'), info: count('info') },
  };
}

export function buildReport(command: Report['command'], result: MigrationResult): Report {
  const { inventory, plan, findings, changes } = result;
  const identitiesByWorkload = new Map<unknown, string[]>();
  for (const assignment of inventory.assignments) {
    identitiesByWorkload.set(assignment.workload, [...(identitiesByWorkload.get(assignment.workload) ?? []), refString(assignment.identity.ref)]);
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    command,
    summary: buildSummary(result),
    inventory: {
      identities: inventory.identities.map((entry) => ({ ...entry.ref, type: entry.type, clientId: entry.clientId, resourceId: entry.resourceId, location: entry.doc.location })),
      bindings: inventory.bindings.map((entry) => ({ ...entry.ref, identity: entry.identityName, selector: entry.selector, location: entry.doc.location })),
      exceptions: inventory.exceptions.map((entry) => ({ ...entry.ref, podLabels: entry.podLabels, location: entry.doc.location })),
      workloads: inventory.workloads
        .filter((workload) => identitiesByWorkload.has(workload) || 'aadpodidbinding' in workload.podLabels)
        .map((workload) => ({
          kind: workload.kind,
          ...workload.ref,
          location: workload.doc.location,
          selector: workload.podLabels.aadpodidbinding ?? null,
          serviceAccount: workload.serviceAccountName,
          identities: identitiesByWorkload.get(workload) ?? [],
        })),
      secretProviderClasses: inventory.secretProviderClasses.map((entry) => ({ ...entry.ref, usePodIdentity: entry.usePodIdentity, location: entry.doc.location })),
      irsaServiceAccounts: inventory.irsaServiceAccounts.map((account) => ({
        ...account.ref,
        roleArn: account.roleArn,
        workloads: inventory.irsaWorkloads.filter((entry) => entry.serviceAccount === account).map(({ workload }) => `${workload.kind} ${workload.ref.namespace}/${workload.ref.name}`),
        location: account.doc.location,
      })),
    },
    findings,
    plan: withoutFindings(plan),
    changes: changes.map((change) => ({ file: change.file, status: changeStatus(change), skipped: change.skipped, diff: change.before === change.after ? null : renderUnifiedDiff([change], false) })),
  };
}

/** Plan findings are already in `findings`; the report lists each once. */
function withoutFindings(plan: MigrationPlan): Omit<MigrationPlan, 'findings'> {
  const { findings: _findings, ...rest } = plan;
  return rest;
}
