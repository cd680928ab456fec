/**
 * After a rollout, per planned workload: does the cluster look like the plan says it should?
 * Pure: the live objects are read already (readCluster with every pod).
 * https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
 */
import { sameRef } from '../model/inventory.js';
import type { MigrationPhase, MigrationPlan, PlannedFederatedCredential } from '../model/plan.js';
import type { LivePod } from '../sources/cluster/read-cluster.js';

export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
export const USE_LABEL = 'azure.workload.identity/use';
export const TOKEN_AUDIENCE = 'api://AzureADTokenExchange';
const POD_IDENTITY_KINDS = ['AzureIdentity', 'AzureIdentityBinding', 'AzurePodIdentityException'] as const;

export interface VerifyCheck {
  id: 'service-account' | 'template-label' | 'pods-label' | 'pods-injected' | 'no-pod-identity-label' | 'pod-identity-removed' | 'federated-credentials';
  status: 'pass' | 'fail' | 'skipped';
  detail: string;
}

export interface VerifiedWorkload {
  kind: string;
  namespace: string;
  name: string;
  status: 'pass' | 'fail';
  pods: number;
  checks: VerifyCheck[];
}

export interface VerifyResult {
  phase: MigrationPhase;
  workloads: VerifiedWorkload[];
  /** Cutover: pod identity resources still in the cluster. */
  leftovers: string[];
  passed: boolean;
}

export interface LiveState {
  items: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  pods: readonly LivePod[];
  /** Kinds that could not be read (forbidden or not served). */
  unread: ReadonlySet<string>;
}

type PlanPart = Pick<MigrationPlan, 'workloads' | 'serviceAccounts' | 'irsaWorkloads' | 'irsaServiceAccounts'> & { federatedCredentials?: readonly PlannedFederatedCredential[] };

/**
 * What Azure answered for each managed identity of the planned credentials (verify --azure), by
 * its resource id in lower case: the issuer and subject of each credential it has, or the error.
 */
export type AzureCredentialState = ReadonlyMap<string, { found: ReadonlySet<string> } | { error: string }>;

export function credentialKey(issuer: string, subject: string): string {
  return `${issuer}\u0000${subject}`;
}

export function verifyRollout(plan: PlanPart, phase: MigrationPhase, live: LiveState, azure?: AzureCredentialState): VerifyResult {
  const leftovers = phase === 'cutover' ? POD_IDENTITY_KINDS.flatMap((kind) => (live.items.get(kind) ?? []).map((item) => `${kind} ${nsName(item)}`)) : [];
  const targets = [
    ...plan.workloads.map((workload) => ({ ...workload, clientId: plan.serviceAccounts.find((account) => sameRef(account.ref, workload.serviceAccount))?.clientId ?? null, pending: false })),
    ...plan.irsaWorkloads.map((workload) => {
      const account = plan.irsaServiceAccounts.find((candidate) => sameRef(candidate.ref, workload.serviceAccount));
      return { ...workload, clientId: account?.clientId ?? null, pending: account?.pending ?? false };
    }),
  ];
  const workloads = targets
    .map((target) => verifyWorkload(target, phase, live, leftovers, credentialsCheck(plan.federatedCredentials ?? [], target.serviceAccount, azure)))
    .sort((a, b) => `${a.namespace}/${a.name}/${a.kind}`.localeCompare(`${b.namespace}/${b.name}/${b.kind}`));
  return { phase, workloads, leftovers, passed: workloads.every((workload) => workload.status === 'pass') && leftovers.length === 0 };
}

interface Target {
  kind: string;
  ref: { namespace: string; name: string };
  serviceAccount: { namespace: string; name: string };
  clientId: string | null;
  pending: boolean;
}

function verifyWorkload(target: Target, phase: MigrationPhase, live: LiveState, leftovers: readonly string[], credentials: VerifyCheck): VerifiedWorkload {
  const checks: VerifyCheck[] = [];
  const account = find(live, 'ServiceAccount', target.serviceAccount);
  const annotation = annotationsOf(account)[CLIENT_ID_ANNOTATION];
  const saName = `${target.serviceAccount.namespace}/${target.serviceAccount.name}`;
  if (live.unread.has('ServiceAccount')) checks.push({ id: 'service-account', status: 'fail', detail: 'service accounts could not be read' });
  else if (!account) checks.push({ id: 'service-account', status: 'fail', detail: `service account ${saName} does not exist` });
  else if (annotation === undefined) checks.push({ id: 'service-account', status: 'fail', detail: `${saName} has no ${CLIENT_ID_ANNOTATION}` });
  else if (target.pending ? annotation.startsWith('wimigrate-pending') : target.clientId !== null && annotation !== target.clientId)
    checks.push({ id: 'service-account', status: 'fail', detail: `${saName} carries client id ${annotation}, the plan says ${target.pending ? 'a real one (not the pending placeholder)' : target.clientId}` });
  else checks.push({ id: 'service-account', status: 'pass', detail: `${saName} carries ${annotation}` });

  const workload = find(live, target.kind, target.ref);
  const templateLabels = workload ? templateLabelsOf(workload, target.kind) : {};
  if (live.unread.has(target.kind)) checks.push({ id: 'template-label', status: 'fail', detail: `${target.kind} objects could not be read (forbidden or not served)` });
  else if (!workload) checks.push({ id: 'template-label', status: 'fail', detail: `${target.kind} ${target.ref.namespace}/${target.ref.name} does not exist in the cluster` });
  else if (templateLabels[USE_LABEL] !== 'true') checks.push({ id: 'template-label', status: 'fail', detail: `the pod template has no ${USE_LABEL}: "true"` });
  else checks.push({ id: 'template-label', status: 'pass', detail: `the pod template carries ${USE_LABEL}: "true"` });

  const pods = live.pods.filter((pod) => pod.owner.kind === target.kind && pod.owner.namespace === target.ref.namespace && pod.owner.name === target.ref.name);
  if (live.unread.has('Pod')) {
    const unread = 'pods could not be read (forbidden)';
    checks.push({ id: 'pods-label', status: 'fail', detail: unread }, { id: 'pods-injected', status: 'fail', detail: unread });
  } else if (pods.length === 0) {
    const none = 'no running pod (scaled to zero, or a CronJob between runs)';
    checks.push({ id: 'pods-label', status: 'skipped', detail: none }, { id: 'pods-injected', status: 'skipped', detail: none });
  } else {
    const unlabelled = pods.filter((pod) => pod.labels[USE_LABEL] !== 'true').map((pod) => pod.name);
    checks.push(unlabelled.length === 0 ? { id: 'pods-label', status: 'pass', detail: `${pods.length} pod(s) labelled` } : { id: 'pods-label', status: 'fail', detail: `pods without ${USE_LABEL}: ${unlabelled.join(', ')} (restart the workload)` });
    const uninjected = pods.filter((pod) => !pod.env.includes('AZURE_FEDERATED_TOKEN_FILE') || !pod.projectedTokenPaths.some((entry) => entry.split(':').slice(1, -1).join(':') === TOKEN_AUDIENCE)).map((pod) => pod.name);
    checks.push(
      uninjected.length === 0
        ? { id: 'pods-injected', status: 'pass', detail: `${pods.length} pod(s) have AZURE_FEDERATED_TOKEN_FILE and the projected token volume` }
        : { id: 'pods-injected', status: 'fail', detail: `pods the webhook did not inject (no AZURE_FEDERATED_TOKEN_FILE or no projected token for ${TOKEN_AUDIENCE}): ${uninjected.join(', ')}; is the webhook installed, and were they created after the label?` },
    );
  }
  if (phase === 'cutover') {
    const labelled = ['aadpodidbinding' in templateLabels ? 'the pod template' : null, ...pods.filter((pod) => 'aadpodidbinding' in pod.labels).map((pod) => `pod ${pod.name}`)].filter((entry): entry is string => entry !== null);
    checks.push(labelled.length === 0 ? { id: 'no-pod-identity-label', status: 'pass', detail: 'no aadpodidbinding left' } : { id: 'no-pod-identity-label', status: 'fail', detail: `aadpodidbinding still on ${labelled.join(', ')}` });
    checks.push(leftovers.length === 0 ? { id: 'pod-identity-removed', status: 'pass', detail: 'no pod identity resources left' } : { id: 'pod-identity-removed', status: 'fail', detail: `${leftovers.length} pod identity resource(s) left` });
  }
  checks.push(credentials);
  return { kind: target.kind, namespace: target.ref.namespace, name: target.ref.name, status: checks.some((check) => check.status === 'fail') ? 'fail' : 'pass', pods: pods.length, checks };
}

/**
 * The planned federated credentials of a workload's service account, checked against what
 * Azure has (issuer and subject, whatever the name): only with --azure, and only for managed
 * identities; those on app registrations live in Microsoft Graph, which is not read.
 */
function credentialsCheck(planned: readonly PlannedFederatedCredential[], account: { namespace: string; name: string }, azure: AzureCredentialState | undefined): VerifyCheck {
  const mine = planned.filter((credential) => sameRef(credential.serviceAccount, account));
  if (!azure) return { id: 'federated-credentials', status: 'skipped', detail: 'not checked: pass --azure to compare the planned credentials with Azure (or run `wimigrate federate --plan`)' };
  if (mine.length === 0) return { id: 'federated-credentials', status: 'skipped', detail: 'no federated credential planned for this service account' };
  const problems: string[] = [];
  const notes: string[] = [];
  let present = 0;
  for (const credential of mine) {
    if (credential.target.kind !== 'managed-identity') {
      notes.push(`${credential.name} is on ${credential.target.kind === 'app-registration' ? `app registration ${credential.target.clientId}` : 'an unknown identity'}, not read`);
      continue;
    }
    const state = azure.get(credential.target.resourceId.toLowerCase());
    if (!state) problems.push(`identity ${credential.target.identityName} was not read`);
    else if ('error' in state) problems.push(`identity ${credential.target.identityName}: ${state.error}`);
    else if (state.found.has(credentialKey(credential.issuer, credential.subject))) present++;
    else problems.push(`identity ${credential.target.identityName} has no credential for ${credential.subject} from ${credential.issuer} (wimigrate federate --apply creates it)`);
  }
  if (problems.length > 0) return { id: 'federated-credentials', status: 'fail', detail: [...problems, ...notes].join('; ') };
  if (present === 0) return { id: 'federated-credentials', status: 'skipped', detail: notes.join('; ') };
  return { id: 'federated-credentials', status: 'pass', detail: [`${present} planned credential(s) found in Azure`, ...notes].join('; ') };
}

function find(live: LiveState, kind: string, ref: { namespace: string; name: string }): Record<string, unknown> | undefined {
  return (live.items.get(kind) ?? []).find((item) => {
    const meta = (item.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    return meta.name === ref.name && meta.namespace === ref.namespace;
  });
}

function nsName(item: Record<string, unknown>): string {
  const meta = (item.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return `${String(meta.namespace)}/${String(meta.name)}`;
}

function annotationsOf(item: Record<string, unknown> | undefined): Record<string, string> {
  const annotations = ((item?.metadata ?? {}) as { annotations?: unknown }).annotations;
  return typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, string>) : {};
}

function templateLabelsOf(item: Record<string, unknown>, kind: string): Record<string, string> {
  const spec = (item.spec ?? {}) as { template?: { metadata?: { labels?: unknown } }; jobTemplate?: { spec?: { template?: { metadata?: { labels?: unknown } } } } };
  const labels = kind === 'Pod' ? (item.metadata as { labels?: unknown } | undefined)?.labels : kind === 'CronJob' ? spec.jobTemplate?.spec?.template?.metadata?.labels : spec.template?.metadata?.labels;
  return typeof labels === 'object' && labels !== null ? (labels as Record<string, string>) : {};
}
