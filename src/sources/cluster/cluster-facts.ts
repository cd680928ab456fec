/**
 * Facts about the cluster for the report: its Kubernetes version, its service-account issuer
 * (offered as the default --issuer), whether the Workload ID webhook and pod identity run.
 */
import type { Finding } from '../../model/finding.js';
import { clusterFinding } from './cluster-findings.js';
import { credentialsError, type KubeClient } from './kube-client.js';
import { clusterLocation } from './live-document.js';
import type { ClusterRead } from './read-cluster.js';

/** azure-workload-identity's webhook, OSS install and AKS add-on alike (DESIGN.md §5). */
export const WEBHOOK_CONFIGURATION = 'azure-wi-webhook-mutating-webhook-configuration';

/** `https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/` (DESIGN.md §6). */
const AKS_ISSUER = /^https:\/\/[a-z0-9-]+\.oic\.prod-aks\.azure\.com\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/$/i;

export interface ClusterFacts {
  context: string;
  server: string;
  version: string | null;
  issuer: string | null;
  issuerIsAks: boolean | null;
  workloadIdentityWebhook: 'installed' | 'not-installed' | 'unknown';
  /** MIC and NMI found, each as `Kind namespace/name`, and whether the AKS add-on manages them. */
  podIdentity: { installed: boolean; components: string[]; aksAddOn: boolean };
  /** AzureAssignedIdentity objects: pods that MIC actually gave an identity. */
  assignedIdentities: number;
}

export function isAksIssuer(issuer: string): boolean {
  return AKS_ISSUER.test(issuer);
}

export async function readClusterFacts(client: KubeClient, read: ClusterRead): Promise<{ facts: ClusterFacts; findings: Finding[] }> {
  const findings: Finding[] = [];
  const [version, discovery, webhook] = await Promise.all([
    client.request('GET', '/version'),
    client.request('GET', '/.well-known/openid-configuration'),
    client.request('GET', `/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/${WEBHOOK_CONFIGURATION}`),
  ]);
  if (version.status === 401) throw credentialsError(client, version, '/version');
  const gitVersion = version.status === 200 ? (version.body as { gitVersion?: unknown } | null)?.gitVersion : undefined;
  const issuerValue = discovery.status === 200 ? (discovery.body as { issuer?: unknown } | null)?.issuer : undefined;
  const issuer = typeof issuerValue === 'string' ? issuerValue : null;
  const where = clusterLocation(`k8s://${client.context}/_cluster/.well-known/openid-configuration`);
  if (issuer === null) findings.push(clusterFinding('cluster-issuer-unknown', `the cluster did not give its service-account issuer (GET /.well-known/openid-configuration: HTTP ${discovery.status})`, where));
  else if (!isAksIssuer(issuer)) findings.push(clusterFinding('cluster-issuer-not-aks', `the cluster's issuer ${issuer} is not an AKS OIDC issuer URL; credentials for it only work if the workloads keep running on this cluster`, where));
  return {
    facts: {
      context: client.context,
      server: client.server,
      version: typeof gitVersion === 'string' ? gitVersion : null,
      issuer,
      issuerIsAks: issuer === null ? null : isAksIssuer(issuer),
      workloadIdentityWebhook: webhook.status === 200 ? 'installed' : webhook.status === 404 ? 'not-installed' : 'unknown',
      podIdentity: podIdentityComponents(read),
      assignedIdentities: read.items.get('AzureAssignedIdentity')?.length ?? 0,
    },
    findings,
  };
}

/**
 * MIC (a Deployment) and NMI (a DaemonSet), recognised by image, by the component labels of
 * the upstream manifests and chart, or by name. The AKS add-on runs NMI alone in kube-system,
 * labelled as managed by AKS.
 */
function podIdentityComponents(read: ClusterRead): ClusterFacts['podIdentity'] {
  const components: string[] = [];
  let aksAddOn = false;
  for (const kind of ['Deployment', 'DaemonSet']) {
    for (const item of read.items.get(kind) ?? []) {
      const meta = (item.metadata ?? {}) as { name?: string; namespace?: string; labels?: Record<string, string> };
      const labels = meta.labels ?? {};
      const template = (item.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template;
      const images = (template?.spec?.containers ?? []).map((container) => container.image ?? '');
      const role = componentOf(meta.name ?? '', labels, images);
      if (role === null) continue;
      components.push(`${role} (${kind} ${meta.namespace}/${meta.name})`);
      if (labels['kubernetes.azure.com/managedby'] === 'aks' || labels['addonmanager.kubernetes.io/mode'] !== undefined) aksAddOn = true;
    }
  }
  return { installed: components.length > 0, components: components.sort(), aksAddOn };
}

function componentOf(name: string, labels: Record<string, string>, images: string[]): 'MIC' | 'NMI' | null {
  for (const role of ['mic', 'nmi'] as const) {
    const byImage = images.some((image) => new RegExp(`aad-pod-identity/${role}[:@]`).test(image));
    const byLabel = labels['app.kubernetes.io/component'] === role || labels.component === role;
    const byName = name === role || name.endsWith(`-${role}`);
    if (byImage || (byLabel && byName)) return role === 'mic' ? 'MIC' : 'NMI';
  }
  return null;
}
