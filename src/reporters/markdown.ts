import type { Report } from './report.js';
import { builtRefs, builtServiceAccounts, withBuiltNames } from './built-service-accounts.js';
import { formatLocation } from './format-location.js';
import { summaryLine } from './summary.js';

/** Short enough for a pull request body: the summary up front, the long lists folded. */
export function renderMarkdown(report: Report): string {
  const out: string[] = ['## wimigrate', '', summaryLine(report.command, report.summary)];
  const { workloads } = report.inventory;

  if (workloads.length > 0) {
    out.push('', '### Workloads', '', '| Workload | Namespace | Identities | Service account |', '| --- | --- | --- | --- |');
    const planned = new Map(report.plan.workloads.map((workload) => [`${workload.ref.namespace}/${workload.ref.name}/${workload.kind}`, workload]));
    for (const workload of workloads) {
      const plan = planned.get(`${workload.namespace}/${workload.name}/${workload.kind}`);
      out.push(`| ${cell(`${workload.kind} ${workload.name}`)} | ${cell(workload.namespace)} | ${cell(workload.identities.join(', ') || 'none')} | ${cell(plan ? withBuiltNames(plan.serviceAccount.name, builtServiceAccounts(plan)) : '-')} |`);
    }
  }

  const irsa = report.inventory.irsaServiceAccounts;
  if (irsa.length > 0) {
    out.push('', '### IRSA service accounts', '', '| Service account | Namespace | Role | Workloads |', '| --- | --- | --- | --- |');
    const builtNames = (namespace: string, name: string) => {
      const planned = report.plan.irsaServiceAccounts.find((entry) => entry.ref.namespace === namespace && entry.ref.name === name);
      return builtRefs({ namespace, name }, planned?.built ?? []);
    };
    for (const account of irsa) out.push(`| ${cell(withBuiltNames(account.name, builtNames(account.namespace, account.name)))} | ${cell(account.namespace)} | ${cell(account.roleArn)} | ${cell(account.workloads.join(', ') || 'none')} |`);
  }

  if (report.plan.roleIdentities.length > 0) {
    out.push('', '### Managed identities for IAM roles', '', '| Identity | IAM role | Resource group | Client id |', '| --- | --- | --- | --- |');
    for (const identity of report.plan.roleIdentities) {
      out.push(`| ${cell(identity.name)}${identity.source === 'new' ? ' (new)' : ''} | ${cell(identity.roleArn || '-')} | ${cell(identity.resourceGroup ?? 'not set')} | ${cell(identity.clientId ?? 'pending')} |`);
    }
  }

  if (report.plan.roleAssignments.length > 0) {
    out.push('', '### Azure role assignments to consider', '', 'Suggestions from the IAM policies: choose the scope before assigning.', '', '| Identity | Azure role | Scope | From IAM |', '| --- | --- | --- | --- |');
    for (const suggestion of report.plan.roleAssignments) {
      out.push(`| ${cell(suggestion.identityName ?? suggestion.roleName)} | ${cell(suggestion.azureRole)} | ${cell(suggestion.scopeHint)} | ${cell(suggestion.awsActions.join(', '))} |`);
    }
  }

  if (report.plan.federatedCredentials.length > 0) {
    out.push('', '<details><summary>Federated identity credentials (' + report.plan.federatedCredentials.length + ')</summary>', '');
    out.push('| Name | Identity | Subject |', '| --- | --- | --- |');
    for (const credential of report.plan.federatedCredentials) {
      const target = credential.target.kind === 'managed-identity' ? credential.target.identityName : credential.target.kind === 'app-registration' ? `app ${credential.target.clientId}` : 'unknown';
      out.push(`| ${cell(credential.name)} | ${cell(target)} | ${cell(credential.subject)} |`);
    }
    out.push('', '</details>');
  }

  if (report.findings.length > 0) {
    out.push('', `<details><summary>Findings (${report.findings.length})</summary>`, '', '| Severity | Rule | Where | Message |', '| --- | --- | --- | --- |');
    for (const finding of report.findings) {
      out.push(`| ${finding.severity} | \`${finding.id}\` | ${cell(formatLocation(finding.location))} | ${cell(finding.message)} |`);
    }
    out.push('', '</details>');
  }

  const skipped = report.changes.flatMap((change) => change.skipped);
  if (skipped.length > 0) {
    out.push('', '### Not rewritten', '');
    for (const entry of skipped) out.push(`- ${cell(formatLocation(entry.location))}: ${cell(entry.reason)}`);
  }

  if (report.plan.manualSteps.length > 0) {
    out.push('', '### Manual steps', '');
    for (const step of report.plan.manualSteps) out.push(`- [ ] ${cell(step.text)}`);
  }
  return `${out.join('\n')}\n`;
}

/** Table cells must not break the table. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
