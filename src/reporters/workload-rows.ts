import { builtServiceAccounts } from './built-service-accounts.js';
import type { Report } from './report.js';

/** One workload that moves to Workload ID, whichever system it comes from: what HTML and CSV list per workload. */
export interface WorkloadRow {
  source: 'pod-identity' | 'irsa';
  kind: string;
  namespace: string;
  name: string;
  file: string;
  /** 0 when only the file is known (IRSA workloads are planned by document). */
  line: number;
  /** The pod identity selector or the IRSA service account today. */
  current: string;
  /** AzureIdentities (namespace/name) or the managed identity that takes over the IAM role. */
  identities: string[];
  /** The service account it runs under after the migration; null when none is planned. */
  serviceAccount: string | null;
  /** --render: the service accounts (namespace/name) its pods run under in the builds, when they differ. */
  builtServiceAccounts: string[];
  clientId: string | null;
  /** Planned federated credential names that trust its service account. */
  credentials: string[];
}

/** The workloads of a report, pod identity first, each sorted by namespace, name and kind. */
export function workloadRows(report: Report): WorkloadRow[] {
  const { plan } = report;
  // With --render a credential trusts the built service account; the rows name the source one.
  const credentialsOf = (namespace: string, name: string) =>
    plan.federatedCredentials
      .filter((credential) => {
        const account = credential.sourceServiceAccount ?? credential.serviceAccount;
        return account.namespace === namespace && account.name === name;
      })
      .map((credential) => credential.name);
  const rows: WorkloadRow[] = [];
  for (const workload of report.inventory.workloads) {
    const planned = plan.workloads.find((entry) => entry.kind === workload.kind && entry.ref.namespace === workload.namespace && entry.ref.name === workload.name);
    const account = planned ? plan.serviceAccounts.find((entry) => entry.ref.namespace === planned.serviceAccount.namespace && entry.ref.name === planned.serviceAccount.name) : undefined;
    rows.push({
      source: 'pod-identity',
      kind: workload.kind,
      namespace: workload.namespace,
      name: workload.name,
      file: workload.location.file,
      line: workload.location.line,
      current: workload.selector === null ? '' : `aadpodidbinding: ${workload.selector}`,
      identities: workload.identities,
      serviceAccount: planned ? planned.serviceAccount.name : null,
      builtServiceAccounts: planned ? builtServiceAccounts(planned) : [],
      clientId: account?.clientId ?? null,
      credentials: planned ? credentialsOf(planned.serviceAccount.namespace, planned.serviceAccount.name) : [],
    });
  }
  for (const workload of plan.irsaWorkloads) {
    const account = plan.irsaServiceAccounts.find((entry) => entry.ref.namespace === workload.serviceAccount.namespace && entry.ref.name === workload.serviceAccount.name);
    rows.push({
      source: 'irsa',
      kind: workload.kind,
      namespace: workload.ref.namespace,
      name: workload.ref.name,
      file: workload.key.split('#')[0] ?? workload.key,
      line: 0,
      current: `service account ${workload.serviceAccount.name}${account?.roleArn ? ` (${account.roleArn})` : ''}`,
      identities: account ? [account.identityName] : [],
      serviceAccount: workload.serviceAccount.name,
      builtServiceAccounts: builtServiceAccounts(workload),
      clientId: account?.clientId ?? null,
      credentials: credentialsOf(workload.serviceAccount.namespace, workload.serviceAccount.name),
    });
  }
  const order = (row: WorkloadRow) => `${row.source === 'pod-identity' ? 0 : 1}\u0000${row.namespace}\u0000${row.name}\u0000${row.kind}`;
  return rows.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
