import type { Finding } from '../../model/finding.js';
import type { SourceLocation } from '../../model/location.js';

/** Findings about reading a live cluster (scan --cluster, verify, migrate --validate-server). */
export const CLUSTER_FINDINGS = {
  'cluster-forbidden': {
    severity: 'warning',
    fix: 'Grant the ClusterRole in docs/rbac/wimigrate-reader.yaml (or ask for list access to this resource); the other kinds were still read.',
  },
  'cluster-crd-missing': {
    severity: 'info',
    fix: 'Nothing to do if the cluster never ran pod identity (or has no Secrets Store CSI driver); otherwise check the context.',
  },
  'cluster-unknown-owner': {
    severity: 'warning',
    fix: 'The pod is owned by a kind wimigrate does not read (an operator or a custom controller): migrate that kind by hand, its pod template needs the label and service account.',
  },
  'cluster-list-restarted': {
    severity: 'info',
    fix: 'Nothing to do: a page token expired while listing (etcd compacted), so the list was read again from the start.',
  },
  'cluster-issuer-not-aks': {
    severity: 'warning',
    fix: 'Federated credentials must name the issuer of the AKS cluster the workloads will run on: pass --issuer with `az aks show --query oidcIssuerProfile.issuerUrl`.',
  },
  'cluster-issuer-unknown': {
    severity: 'info',
    fix: 'The cluster does not serve /.well-known/openid-configuration (issuer discovery off, or not allowed): pass --issuer.',
  },
  'drift-not-in-files': {
    severity: 'warning',
    fix: 'A workload runs in the cluster but no scanned file declares it: find where it comes from (another repository, a Helm release, kubectl apply) before migrating, or it keeps pod identity.',
  },
  'drift-not-in-cluster': {
    severity: 'info',
    fix: 'A workload declared in the files does not run in the cluster (not deployed yet, another cluster, or deleted by hand).',
  },
  'server-validation-failed': {
    severity: 'error',
    fix: 'The API server rejected the rewritten object in a server-side dry run: fix the manifest (the message is the API server\'s own).',
  },
} as const satisfies Record<string, { severity: Finding['severity']; fix: string }>;

export type ClusterFindingId = keyof typeof CLUSTER_FINDINGS;

export function clusterFinding(id: ClusterFindingId, message: string, location: SourceLocation): Finding {
  const rule = CLUSTER_FINDINGS[id];
  return { id, severity: rule.severity, message, location, fix: rule.fix };
}
