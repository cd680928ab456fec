import type { AzureIdentityEntry, Inventory } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { ManualStep, MigrationPlan } from '../model/plan.js';
import { POD_IDENTITY_LABEL } from '../analyzers/match-bindings.js';
import type { WorkloadIdentities } from '../analyzers/group-assignments.js';

/** What a person must still do, in the order they would do it. */
export function manualSteps(
  plan: Omit<MigrationPlan, 'manualSteps' | 'findings'>,
  inventory: Inventory,
  groups: readonly WorkloadIdentities[],
  unmigrated: readonly AzureIdentityEntry[],
): ManualStep[] {
  const steps: ManualStep[] = [
    {
      id: 'enable-workload-identity',
      text: 'Enable the OIDC issuer and Workload ID on the cluster (az aks update -g RG -n CLUSTER --enable-oidc-issuer --enable-workload-identity) and pass its issuer URL as --issuer.',
    },
  ];
  if (plan.federatedCredentials.length > 0) {
    steps.push({
      id: 'create-federated-credentials',
      text: `Create the ${plan.federatedCredentials.length} federated identity credential(s) of the plan before the rollout (wimigrate plan lists them); they take a few minutes to propagate, and until then token requests fail with AADSTS70021.`,
    });
  }
  const toCreate = plan.roleIdentities.filter((identity) => identity.clientId === null);
  if (toCreate.length > 0) {
    const list = toCreate.map((identity) => `${identity.name} (for ${identity.roleArn || 'an earlier run'}; resource group ${identity.resourceGroup ?? '?'}, location ${identity.location ?? '?'})`);
    steps.push({
      id: 'create-role-identities',
      text: `Create the user-assigned managed identities ${list.join(', ')}, add their client ids to the identity map, and run wimigrate again: the pending placeholders are then replaced.`,
    });
  }
  if (plan.roleIdentities.length > 0) {
    steps.push({
      id: 'grant-azure-roles',
      text: `Grant each managed identity that replaces an IAM role (${plan.roleIdentities.map((identity) => identity.name).join(', ')}) the Azure role assignments that match the role's IAM policies, and move the data the app reads from AWS.`,
    });
  }
  // Credentials are planned for IRSA values whose GitOps object names the namespace and whose values name the account.
  const unplanned = plan.valuesWorkloads.filter((entry) => entry.serviceAccount === null || entry.source === 'pod-identity');
  const charts = plan.chartValues.filter((entry) => entry.chartId !== 'pending-client-id');
  if (charts.length > 0) {
    steps.push({
      id: 'chart-federated-credentials',
      text: `Create a federated credential for the service account of each release whose chart values were migrated (${[...new Set(charts.map((entry) => entry.chartId))].join(', ')}), on the identity its values name; the subject (system:serviceaccount:<release namespace>:<service account>) is only known to the release.`,
    });
  }
  if (unplanned.length > 0) {
    steps.push({
      id: 'values-federated-credentials',
      text: `Create a federated credential for each service account the Helm releases create from ${unplanned.length} migrated values block(s) (${[...new Set(unplanned.map((entry) => entry.identityName))].join(', ')}): the subject is system:serviceaccount:<release namespace>:<service account name>, which only the release knows.`,
    });
  }
  for (const identity of unmigrated) {
    steps.push({ id: 'complete-identity', text: `Give AzureIdentity ${refString(identity.ref)} its real client id, or migrate its workloads by hand.`, location: identity.doc.location });
  }
  for (const account of plan.serviceAccounts.filter((sa) => sa.action === 'external')) {
    // --render: the account to annotate is the one the built pods run under.
    const names = (account.built ?? [account.ref]).map(refString);
    steps.push({
      id: 'annotate-external-service-account',
      text: `Annotate service account${names.length > 1 ? 's' : ''} ${names.join(', ')} (defined outside the scanned files${account.built ? ', named as the kustomize builds name it' : ''}) with azure.workload.identity/client-id: ${account.clientId}.`,
    });
  }
  for (const { workload, identities } of groups.filter((group) => group.identities.length > 1)) {
    steps.push({
      id: 'select-identity-by-client-id',
      text: `${workload.kind} ${refString(workload.ref)} used ${identities.length} identities; its service account carries ${refString(identities[0]!.ref)}. Make the app pass the client id of the others (${identities.slice(1).map((identity) => identity.clientId ?? refString(identity.ref)).join(', ')}) explicitly.`,
      location: workload.doc.location,
    });
  }
  if (plan.workloads.some((workload) => workload.proxySidecar)) {
    steps.push({
      id: 'proxy-sidecar-caveats',
      text: 'The migration proxy sidecar is a stopgap, not for production: Linux only; its init container is privileged with NET_ADMIN (Pod Security "restricted" rejects it); it answers only client_id and resource, so apps that choose an identity by msi_res_id or mi_res_id silently get the default one. Upgrade the SDKs and remove the annotation.',
    });
  }
  if (plan.phase === 'prepare') {
    steps.push({
      id: 'roll-out-then-cutover',
      text: 'Roll out, check that the pods get AZURE_FEDERATED_TOKEN_FILE and work, then run `wimigrate migrate --phase cutover` to remove pod identity.',
    });
    return steps;
  }
  for (const workload of inventory.workloads.filter((entry) => POD_IDENTITY_LABEL in entry.selectorLabels)) {
    steps.push({
      id: 'immutable-selector-label',
      text: `${workload.kind} ${refString(workload.ref)} keeps ${POD_IDENTITY_LABEL} in its immutable selector; recreate it with a new selector in a planned change if the label must go.`,
      location: workload.doc.locate(['spec', 'selector']),
    });
  }
  for (const identity of inventory.identities.filter((entry) => entry.hasClientPassword)) {
    steps.push({
      id: 'delete-service-principal-secret',
      text: `Delete the Secret referenced by AzureIdentity ${refString(identity.ref)} (spec.clientPassword) and revoke that client secret or certificate on the app registration.`,
      location: identity.doc.location,
    });
  }
  steps.push({
    id: 'uninstall-pod-identity',
    text: 'Uninstall aad-pod-identity (helm uninstall, or az aks pod-identity delete for each identity and az aks update --disable-pod-identity for the AKS add-on) once every workload runs on Workload ID.',
  });
  return steps;
}
