import type { Report } from './report.js';
import { formatLocation } from './format-location.js';
import type { SourceLocation } from '../model/location.js';

/** What `scan --cluster` adds to the report: facts, what was read, drift against the files. */
export interface ClusterSection {
  context: string;
  server: string;
  namespace: string | null;
  version: string | null;
  issuer: string | null;
  issuerIsAks: boolean | null;
  /** The issuer the plan used, and where it came from. */
  planIssuer: { value: string | null; source: 'flag' | 'cluster' | 'none' };
  workloadIdentityWebhook: 'installed' | 'not-installed' | 'unknown';
  podIdentity: { installed: boolean; components: string[]; aksAddOn: boolean };
  assignedIdentities: number;
  kinds: { kind: string; apiVersion: string | null; status: 'read' | 'forbidden' | 'not-served'; count: number }[];
  /** Pods with `aadpodidbinding`, by the workload at the top of their owners. */
  labelledPods: { workload: string; pods: number }[];
  drift: { notInFiles: DriftItem[]; notInCluster: DriftItem[] } | null;
}

export interface DriftItem {
  kind: string;
  namespace: string;
  name: string;
  location: SourceLocation;
}

export type ClusterReport = Report & { cluster: ClusterSection };

export function renderClusterText(section: ClusterSection): string {
  const lines = ['', `Cluster ${section.context} (${section.server})`];
  lines.push(`  Kubernetes ${section.version ?? 'version unknown'}; ${section.namespace === null ? 'all namespaces' : `namespace ${section.namespace}`}`);
  lines.push(`  issuer ${section.issuer ?? 'unknown'}${section.issuerIsAks === false ? ' (not an AKS issuer)' : ''}`);
  lines.push(`  plan issuer ${section.planIssuer.value ?? 'none'} (${section.planIssuer.source === 'flag' ? '--issuer or wimigrate.yaml' : section.planIssuer.source === 'cluster' ? 'from the cluster' : 'not known'})`);
  lines.push(`  Workload ID webhook ${section.workloadIdentityWebhook}`);
  lines.push(`  pod identity ${section.podIdentity.installed ? `installed: ${section.podIdentity.components.join(', ')}${section.podIdentity.aksAddOn ? ' (AKS add-on)' : ''}` : 'not running'}; ${section.assignedIdentities} AzureAssignedIdentity`);
  lines.push(`  read: ${section.kinds.map((kind) => `${kind.kind} ${kind.status === 'read' ? kind.count : kind.status}`).join(', ')}`);
  if (section.labelledPods.length > 0) {
    lines.push('', `Pods with aadpodidbinding (${section.labelledPods.reduce((sum, entry) => sum + entry.pods, 0)})`);
    for (const entry of section.labelledPods) lines.push(`  ${entry.workload}  ${entry.pods} pod(s)`);
  }
  if (section.drift) {
    lines.push('', `Running but not in the files (${section.drift.notInFiles.length})`);
    for (const item of section.drift.notInFiles) lines.push(`  ${item.kind} ${item.namespace}/${item.name}  ${formatLocation(item.location)}`);
    lines.push('', `In the files but not running (${section.drift.notInCluster.length})`);
    for (const item of section.drift.notInCluster) lines.push(`  ${item.kind} ${item.namespace}/${item.name}  ${formatLocation(item.location)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderClusterMarkdown(section: ClusterSection): string {
  const lines = ['', `## Cluster \`${section.context}\``, '', '| fact | value |', '| --- | --- |'];
  lines.push(`| server | ${section.server} |`, `| Kubernetes | ${section.version ?? 'unknown'} |`, `| scope | ${section.namespace ?? 'all namespaces'} |`);
  lines.push(`| issuer | ${section.issuer ?? 'unknown'}${section.issuerIsAks === false ? ' (not AKS)' : ''} |`, `| Workload ID webhook | ${section.workloadIdentityWebhook} |`);
  lines.push(`| pod identity | ${section.podIdentity.installed ? section.podIdentity.components.join(', ') : 'not running'} |`, `| AzureAssignedIdentity | ${section.assignedIdentities} |`);
  lines.push('', '| kind | apiVersion | read |', '| --- | --- | --- |');
  for (const kind of section.kinds) lines.push(`| ${kind.kind} | ${kind.apiVersion ?? '-'} | ${kind.status === 'read' ? kind.count : kind.status} |`);
  if (section.drift) {
    lines.push('', '### Drift', '', '| side | workload | where |', '| --- | --- | --- |');
    for (const item of section.drift.notInFiles) lines.push(`| running, not in files | ${item.kind} ${item.namespace}/${item.name} | \`${formatLocation(item.location)}\` |`);
    for (const item of section.drift.notInCluster) lines.push(`| in files, not running | ${item.kind} ${item.namespace}/${item.name} | \`${formatLocation(item.location)}\` |`);
  }
  return `${lines.join('\n')}\n`;
}
