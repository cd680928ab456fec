import type { Report, ReportSummary } from './report.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The one-line closing summary every command prints. */
export function summaryLine(command: Report['command'], s: ReportSummary): string {
  const parts = [
    plural(s.files, 'file'),
    plural(s.documents, 'document'),
    `${plural(s.workloadsLabelled, 'workload')} labelled for pod identity (${s.workloadsWithIdentity} receiving an identity)`,
    plural(s.identities, 'identity').replace('identitys', 'identities'),
    ...(s.irsaServiceAccounts > 0 ? [plural(s.irsaServiceAccounts, 'IRSA service account')] : []),
  ];
  if (command !== 'scan') {
    parts.push(`${plural(s.filesChanged, 'file')} to change`);
    if (s.filesSkipped > 0) parts.push(`${plural(s.filesSkipped, 'file')} with skipped edits`);
    parts.push(plural(s.serviceAccounts, 'service account'));
    if (s.roleIdentities > 0) {
      parts.push(`${plural(s.roleIdentities, 'managed identity').replace('identitys', 'identities')} for IAM roles${s.pendingClientIds > 0 ? ` (${s.pendingClientIds} client id${s.pendingClientIds === 1 ? '' : 's'} pending)` : ''}`);
    }
    parts.push(plural(s.federatedCredentials, 'federated credential'));
  }
  const findings = `${plural(s.findings.error, 'error')}, ${plural(s.findings.warning, 'warning')}, ${s.findings.info} info`;
  return `Summary: ${parts.join(', ')}; ${findings}.`;
}
