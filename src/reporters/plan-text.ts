import { sameRef, type ObjectRef } from '../model/inventory.js';
import type { BuiltWorkload } from '../model/plan.js';
import type { Report } from './report.js';
import { renderFindingLines } from './text.js';
import { summaryLine } from './summary.js';

/** The plan for a terminal: service accounts, credentials, removals, manual steps. */
export function renderPlanText(report: Report, withFindings = true): string {
  const { plan } = report;
  const lines: string[] = [`Migration plan (phase ${plan.phase})`];
  lines.push('', `Workloads (${plan.workloads.length})`);
  for (const workload of plan.workloads) {
    lines.push(`  ${workload.kind} ${workload.ref.namespace}/${workload.ref.name} -> service account ${workload.serviceAccount.name}${workload.proxySidecar ? ' (proxy sidecar)' : ''}${builtWorkloadAs(workload)}`);
  }
  lines.push('', `Service accounts (${plan.serviceAccounts.length})`);
  for (const account of plan.serviceAccounts) {
    lines.push(`  ${account.action.padEnd(8)} ${account.ref.namespace}/${account.ref.name}  client-id ${account.clientId}${builtAs(account.ref, account.built)}`);
  }
  if (plan.roleIdentities.length > 0) {
    lines.push('', `Managed identities for IAM roles (${plan.roleIdentities.length})`);
    for (const identity of plan.roleIdentities) {
      const where = `${identity.resourceGroup ?? '(resource group not set)'}${identity.location ? `, ${identity.location}` : ''}`;
      lines.push(`  ${identity.source === 'new' ? 'create' : 'mapped'}   ${identity.name}  ${where}  client-id ${identity.clientId ?? 'pending'}`, `    for ${identity.roleArn || '(a role an earlier run migrated)'}`);
    }
    lines.push('', `IRSA service accounts (${plan.irsaServiceAccounts.length})`);
    for (const account of plan.irsaServiceAccounts) {
      lines.push(`  ${account.ref.namespace}/${account.ref.name} -> ${account.identityName}  client-id ${account.pending ? 'pending' : account.clientId}  (${account.workloads.length} workload(s))${builtAs(account.ref, account.built)}`);
    }
  }
  if (plan.roleAssignments.length > 0) {
    lines.push('', `Azure role assignments to consider (${plan.roleAssignments.length}; suggestions from IAM policies, scope to fill in)`);
    for (const suggestion of plan.roleAssignments) {
      lines.push(`  ${suggestion.identityName ?? suggestion.roleName}: ${suggestion.azureRole}${suggestion.roleDefinitionId ? ` (${suggestion.roleDefinitionId})` : ''} on ${suggestion.scopeHint}`, `    from ${suggestion.awsActions.join(', ')}`);
    }
  }
  lines.push('', `Federated identity credentials (${plan.federatedCredentials.length})`);
  for (const credential of plan.federatedCredentials) {
    const target =
      credential.target.kind === 'managed-identity'
        ? `${credential.target.resourceGroup}/${credential.target.identityName}`
        : credential.target.kind === 'app-registration'
          ? `app registration ${credential.target.clientId}`
          : `unknown (${credential.target.reason})`;
    lines.push(`  ${credential.name}  on ${target}`, `    issuer ${credential.issuer || '(not set)'}`, `    subject ${credential.subject}`);
  }
  if (plan.secretProviderClasses.length > 0) {
    lines.push('', `SecretProviderClasses (${plan.secretProviderClasses.length})`);
    for (const spc of plan.secretProviderClasses) lines.push(`  ${spc.ref.namespace}/${spc.ref.name}  clientID ${spc.clientId}`);
  }
  if (plan.removals.length > 0) {
    lines.push('', `Removed at cutover (${plan.removals.length})`);
    for (const removal of plan.removals) lines.push(`  ${removal.kind} ${removal.ref.namespace}/${removal.ref.name}`);
  }
  lines.push('', `Manual steps (${plan.manualSteps.length})`);
  plan.manualSteps.forEach((step, index) => lines.push(`  ${index + 1}. ${step.text}`));
  if (withFindings) lines.push(...renderFindingLines(report));
  lines.push('', summaryLine(report.command, report.summary));
  return `${lines.join('\n')}\n`;
}

/** --render: the names the kustomize builds give an object, when they are not its source name. */
function builtAs(ref: ObjectRef, built: readonly ObjectRef[] | undefined): string {
  if (!built || built.every((entry) => sameRef(entry, ref))) return '';
  return `\n    built as ${built.map((entry) => `${entry.namespace}/${entry.name}`).join(', ')}`;
}

/** --render: each build's name of a workload and of the service account its pods run under there. */
function builtWorkloadAs(workload: { ref: ObjectRef; serviceAccount: ObjectRef; built?: readonly BuiltWorkload[] }): string {
  const { built } = workload;
  if (!built || built.every((entry) => sameRef(entry.ref, workload.ref) && sameRef(entry.serviceAccount, workload.serviceAccount))) return '';
  return built.map((entry) => `\n    built as ${entry.ref.namespace}/${entry.ref.name} -> service account ${entry.serviceAccount.name}`).join('');
}
