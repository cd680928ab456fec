import type { Report } from './report.js';
import { formatLocation } from './format-location.js';
import { summaryLine } from './summary.js';

/** The terminal report of `scan`: inventory, findings with what to do, a closing summary. */
export function renderText(report: Report): string {
  const { inventory } = report;
  const lines: string[] = [];
  const section = (title: string, count: number) => lines.push('', `${title} (${count})`);

  section('Identities', inventory.identities.length);
  for (const identity of inventory.identities) {
    lines.push(`  ${identity.namespace}/${identity.name}  type ${identity.type ?? '?'}  client ${identity.clientId ?? '-'}  ${formatLocation(identity.location)}`);
  }
  section('Bindings', inventory.bindings.length);
  for (const binding of inventory.bindings) {
    lines.push(`  ${binding.namespace}/${binding.name}  selector ${binding.selector ?? '-'} -> ${binding.identity ?? '-'}  ${formatLocation(binding.location)}`);
  }
  if (inventory.exceptions.length > 0) {
    section('Exceptions', inventory.exceptions.length);
    for (const exception of inventory.exceptions) lines.push(`  ${exception.namespace}/${exception.name}  ${formatLocation(exception.location)}`);
  }
  section('Workloads using pod identity', inventory.workloads.length);
  for (const workload of inventory.workloads) {
    const identities = workload.identities.length > 0 ? workload.identities.join(', ') : 'no identity';
    lines.push(`  ${workload.kind} ${workload.namespace}/${workload.name}  selector ${workload.selector ?? '-'} -> ${identities}  ${formatLocation(workload.location)}`);
  }
  if (inventory.secretProviderClasses.length > 0) {
    section('SecretProviderClasses', inventory.secretProviderClasses.length);
    for (const spc of inventory.secretProviderClasses) {
      lines.push(`  ${spc.namespace}/${spc.name}  usePodIdentity ${spc.usePodIdentity}  ${formatLocation(spc.location)}`);
    }
  }
  if (inventory.irsaServiceAccounts.length > 0) {
    section('IRSA service accounts', inventory.irsaServiceAccounts.length);
    for (const account of inventory.irsaServiceAccounts) {
      lines.push(`  ${account.namespace}/${account.name}  ${account.roleArn} -> ${account.workloads.join(', ') || 'no workload'}  ${formatLocation(account.location)}`);
    }
  }
  lines.push(...renderFindingLines(report));
  lines.push('', summaryLine(report.command, report.summary));
  return `${lines.join('\n').trimStart()}\n`;
}

export function renderFindingLines(report: Report): string[] {
  if (report.findings.length === 0) return ['', 'Findings: none'];
  const lines = ['', `Findings (${report.findings.length})`];
  for (const finding of report.findings) {
    lines.push(`  ${formatLocation(finding.location)}  ${finding.severity}  ${finding.id}`, `    ${finding.message}`, `    fix: ${finding.fix}`);
  }
  return lines;
}
