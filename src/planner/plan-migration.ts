import { groupAssignmentsByWorkload } from '../analyzers/group-assignments.js';
import { withoutPatchedBases } from '../analyzers/inventory/patched-workloads.js';
import { documentKey, type ManifestDocument } from '../model/document.js';
import { builtNames, uniqueRefs, type BuiltNames } from './built-names.js';
import type { Finding } from '../model/finding.js';
import type { AzureIdentityEntry, Inventory, ObjectRef, WorkloadEntry } from '../model/inventory.js';
import { refString, sameRef } from '../model/inventory.js';
import type { ManualStep, MigrationPlan, PlannedWorkload } from '../model/plan.js';
import { ROLE_ARN_ANNOTATION } from '../analyzers/inventory/read-irsa.js';
import { CLIENT_ID_ANNOTATION, chooseServiceAccounts } from './choose-service-accounts.js';
import { manualSteps } from './manual-steps.js';
import { planFederatedCredentials, type CredentialRequest } from './plan-federated-credentials.js';
import { planIrsa } from './plan-irsa.js';
import { planIrsaCredentials } from './plan-irsa-credentials.js';
import { planRoleAssignments } from './plan-aws-inputs.js';
import { planFinding } from './plan-findings.js';
import type { PlanOptions } from './plan-options.js';
import { planRemovals } from './plan-removals.js';
import { planSecretProviderClasses } from './plan-secret-provider-classes.js';
import { isTemplatedRef, templatedSubjectSteps, type TemplatedSubject } from './templated-subjects.js';

/**
 * Inventory and options in, the migration plan out. Pure and deterministic. `excluded` holds
 * the document keys of workloads that must stay as they are (their documents cannot be edited).
 */
export function planMigration(inventory: Inventory, options: PlanOptions, excluded: ReadonlySet<string> = new Set()): MigrationPlan {
  const findings: Finding[] = [];
  const groups = groupAssignmentsByWorkload(inventory.assignments);
  const { accounts, choices } = chooseServiceAccounts({
    groups: groups.filter((group) => !excluded.has(documentKey(group.workload.doc))),
    // A base manifest and the JSON 6902 patch of it are one workload: the patched one runs.
    workloads: withoutPatchedBases(inventory.workloads),
    serviceAccounts: inventory.serviceAccounts,
    nameTemplate: options.serviceAccountName,
    // A service principal may live in another tenant; a managed identity uses the cluster's.
    tenantIdOf: (identity) => identity.tenantId ?? options.tenantId,
    workloadKey: (workload) => documentKey(workload.doc),
  });

  const identitiesOf = new Map(groups.map((group) => [group.workload, group.identities]));
  // --render: credentials trust the service accounts as built; the edits keep the source names.
  const built = options.rendered && options.rendered.length > 0 ? builtNames(options.rendered) : null;
  const accountDocByRef = new Map([...inventory.serviceAccounts].reverse().map((account) => [refString(account.ref), account.doc]));
  const workloads: PlannedWorkload[] = [];
  const requests: CredentialRequest[] = [];
  const templated: TemplatedSubject[] = [];
  for (const { workload, account } of choices) {
    const identities = identitiesOf.get(workload) ?? [];
    if (built?.objectsOf(workload.doc)?.length === 0) findings.push(unresolvedFinding(workload.kind, workload.ref, workload.doc));
    const builtWorkload = built?.workloadBuilds(workload, account, accountDocByRef.get(refString(account.ref))) ?? null;
    const finalAccounts = builtWorkload ? uniqueRefs(builtWorkload.map((entry) => entry.serviceAccount)) : null;
    if (finalAccounts) account.built = uniqueRefs([...(account.built ?? []), ...finalAccounts]);
    for (const identity of identities) {
      if (isTemplatedRef(account.ref)) {
        templated.push({ identity: `AzureIdentity ${refString(identity.ref)}`, serviceAccount: account.ref, location: workload.doc.location });
        continue;
      }
      for (const final of finalAccounts ?? [account.ref]) {
        requests.push({ identity, namespace: final.namespace, serviceAccount: final.name, ...(sameRef(final, account.ref) ? {} : { source: account.ref }) });
      }
    }
    workloads.push({
      key: documentKey(workload.doc),
      ref: workload.ref,
      kind: workload.kind,
      serviceAccount: account.ref,
      identities: identities.map((identity) => identity.ref),
      proxySidecar: options.proxySidecar && proxySidecarAllowed(workload, findings),
      ...(builtWorkload ? { built: builtWorkload } : {}),
    });
  }

  const { credentials, findings: credentialFindings } = planFederatedCredentials(requests, options.issuer);
  findings.push(...credentialFindings);

  // A workload the pod identity plan migrates keeps the service account that plan gives it.
  const irsa = planIrsa(inventory, options, new Set([...excluded, ...workloads.map((workload) => workload.key)]));
  findings.push(...irsa.findings);
  const accountDocs = new Map(inventory.serviceAccounts.map((account) => [documentKey(account.doc), account.doc]));
  if (built) findings.push(...markBuiltIrsa(irsa, built, accountDocs, new Map(inventory.irsaWorkloads.map(({ workload }) => [documentKey(workload.doc), workload.doc]))));
  const subjects = [
    ...irsa.irsaServiceAccounts.flatMap((account) =>
      (account.built ?? [account.ref]).map((ref) => ({
        ref,
        identityName: account.identityName,
        location: accountDocs.get(account.key)?.locate(['metadata', 'annotations', account.roleArn === null ? CLIENT_ID_ANNOTATION : ROLE_ARN_ANNOTATION]) ?? { file: '<plan>', line: 1, col: 1 },
        ...(sameRef(ref, account.ref) ? {} : { source: account.ref }),
      })),
    ),
    ...irsa.valuesWorkloads.flatMap((entry) => (entry.source === 'irsa' && entry.serviceAccount ? [{ ref: entry.serviceAccount, identityName: entry.identityName, location: entry.location }] : [])),
    ...irsa.extraSubjects,
  ];
  for (const subject of subjects.filter((candidate) => isTemplatedRef(candidate.ref))) {
    templated.push({ identity: `managed identity ${subject.identityName}`, serviceAccount: subject.ref, location: subject.location });
  }
  const irsaCredentials = planIrsaCredentials(subjects.filter((subject) => !isTemplatedRef(subject.ref)), irsa.roleIdentities, options.issuer);
  findings.push(...irsaCredentials.findings);
  credentials.push(...irsaCredentials.credentials);
  const permissions = planRoleAssignments(options.aws, irsa.roleIdentities);
  findings.push(...permissions.findings);
  if (options.issuer === null && credentials.length > 0) {
    const first = inventory.identities[0]?.doc ?? inventory.irsaServiceAccounts[0]?.doc;
    findings.push(planFinding('issuer-not-set', 'No OIDC issuer given: the federated credentials of the plan have no issuer yet', first ? first.location : { file: '<plan>', line: 1, col: 1 }));
  }

  const migrated = new Set(choices.map((choice) => choice.workload));
  const unmigrated = uniqueIdentities(groups.filter((group) => !migrated.has(group.workload)).map((group) => group.identities[0]));
  const spcs = planSecretProviderClasses(inventory, new Map(choices.map((choice) => [choice.workload, choice.account])));
  findings.push(...spcs.findings);
  const removal = options.phase === 'cutover' ? planRemovals(inventory, migrated) : { removals: [], findings: [] };
  findings.push(...removal.findings);

  const plan = {
    phase: options.phase,
    issuer: options.issuer,
    tenantId: options.tenantId,
    serviceAccounts: accounts,
    workloads,
    federatedCredentials: credentials,
    secretProviderClasses: spcs.secretProviderClasses,
    removals: removal.removals,
    roleIdentities: irsa.roleIdentities,
    irsaServiceAccounts: irsa.irsaServiceAccounts,
    irsaWorkloads: irsa.irsaWorkloads,
    valuesWorkloads: irsa.valuesWorkloads,
    chartValues: irsa.chartValues,
    roleAssignments: permissions.roleAssignments,
  };
  return { ...plan, manualSteps: withTemplatedSteps(manualSteps(plan, inventory, groups, unmigrated), templatedSubjectSteps(templated)), findings };
}

/** --render: the IRSA service accounts and workloads as the builds that include them name them. */
function markBuiltIrsa(irsa: ReturnType<typeof planIrsa>, built: BuiltNames, accountDocs: ReadonlyMap<string, ManifestDocument>, workloadDocs: ReadonlyMap<string, ManifestDocument>): Finding[] {
  const findings: Finding[] = [];
  for (const account of irsa.irsaServiceAccounts) {
    const doc = accountDocs.get(account.key);
    const objects = doc ? built.objectsOf(doc) : null;
    if (objects && objects.length > 0) account.built = uniqueRefs(objects.map((entry) => entry.object.ref));
    else if (doc && objects?.length === 0) findings.push(unresolvedFinding('ServiceAccount', account.ref, doc));
  }
  for (const workload of irsa.irsaWorkloads) {
    const doc = workloadDocs.get(workload.key);
    const asBuilt = doc ? built.workloadAsBuilt(doc) : null;
    if (asBuilt) workload.built = asBuilt;
  }
  return findings;
}

/** A file some build reads, but no built object comes from this document: the plan keeps its source names. */
function unresolvedFinding(kind: string, ref: ObjectRef, doc: ManifestDocument): Finding {
  return planFinding(
    'render-name-unresolved',
    `${kind} ${refString(ref)}: the kustomize builds that read ${doc.file} hold no ${kind} made from it (removed by a patch, or renamed other than by namePrefix or nameSuffix); its federated credentials use the source name and namespace`,
    doc.location,
  );
}

/** DESIGN §5: the proxy sidecar is Linux only, refused on hostNetwork, and keeps Jobs from completing. */
function proxySidecarAllowed(workload: WorkloadEntry, findings: Finding[]): boolean {
  const reason = workload.hostNetwork
    ? 'the webhook rejects it on hostNetwork pods'
    : workload.windows
      ? 'it only runs on Linux nodes'
      : workload.runsToCompletion
        ? 'before Kubernetes 1.32 it is not a native sidecar, so the Job would never complete'
        : null;
  if (reason === null) return true;
  findings.push(planFinding('proxy-sidecar-not-applied', `No proxy sidecar for ${workload.kind} ${refString(workload.ref)}: ${reason}`, workload.doc.location));
  return false;
}

/** Credentials a template hides come right after the credentials of the plan, where a person creates them. */
function withTemplatedSteps(steps: ManualStep[], templated: ManualStep[]): ManualStep[] {
  if (templated.length === 0) return steps;
  const credentials = steps.findIndex((step) => step.id === 'create-federated-credentials');
  const at = (credentials === -1 ? steps.findIndex((step) => step.id === 'enable-workload-identity') : credentials) + 1;
  return [...steps.slice(0, at), ...templated, ...steps.slice(at)];
}

function uniqueIdentities(identities: readonly (AzureIdentityEntry | undefined)[]): AzureIdentityEntry[] {
  return [...new Set(identities.filter((identity): identity is AzureIdentityEntry => identity !== undefined))];
}
