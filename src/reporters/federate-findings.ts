import type { Finding, Severity } from '../model/finding.js';
import type { SourceLocation } from '../model/location.js';
import type { FederateReport } from './federate-report.js';

/** The findings of `wimigrate federate` (SARIF, HTML), each with its general advice; the README lists them. */
export const FEDERATE_FINDINGS = {
  'federate-credential-conflict': {
    severity: 'error',
    title: 'A federated credential of that name exists with another issuer, subject or audience',
    fix: 'Look at the credential in Azure: delete or rename it if it is stale, or change the plan (--service-account-name) so the names differ.',
  },
  'federate-credential-over-limit': {
    severity: 'error',
    title: 'The managed identity would have more than 20 federated credentials',
    fix: 'Azure allows 20 per user-assigned identity: delete credentials no longer used, or split the workloads over several identities.',
  },
  'federate-identity-failed': {
    severity: 'error',
    title: 'Azure Resource Manager refused or failed a call for this identity',
    fix: 'Read the API, HTTP status and error code in the message (403: the caller needs Managed Identity Contributor on the identity); fix it and run again.',
  },
  'federate-identity-missing': {
    severity: 'error',
    title: 'The managed identity of the plan does not exist (404)',
    fix: 'Create the identity (federate --apply creates identities planned for IAM roles) or fix the plan or identity map.',
  },
  'federate-identity-unsupported-location': {
    severity: 'error',
    title: 'The identity is in a region that does not support federated credentials on user-assigned identities',
    fix: 'Use a managed identity in a supported region.',
  },
  'federate-credential-unplaced': {
    severity: 'warning',
    title: 'A planned federated credential has no managed identity to go on',
    fix: 'Give the identity: an identity map entry for the IAM role, or the resource id of the AzureIdentity.',
  },
} as const satisfies Record<string, { severity: Severity; title: string; fix: string }>;

type FederateFindingId = keyof typeof FEDERATE_FINDINGS;

/**
 * What needs a person after a federate run: a finding per credential in conflict or over the
 * limit, per identity that failed, is missing or sits in an unsupported region, and per credential
 * without an identity. They belong to the plan, not to a line of it: the plan file (or `<plan>`), line 1.
 */
export function federateFindings(report: FederateReport, planFile: string | null): Finding[] {
  const location: SourceLocation = { file: planFile ?? '<plan>', line: 1, col: 1 };
  const finding = (id: FederateFindingId, message: string): Finding => ({ id, severity: FEDERATE_FINDINGS[id].severity, message, location, fix: FEDERATE_FINDINGS[id].fix });
  const findings: Finding[] = [];
  for (const identity of report.identities) {
    const where = `identity ${identity.name} (resource group ${identity.resourceGroup}, subscription ${identity.subscriptionId})`;
    if (identity.status === 'failed' && identity.error) {
      const answer = identity.error.status === 0 ? 'failed without an HTTP answer' : `answered HTTP ${identity.error.status}`;
      findings.push(finding('federate-identity-failed', `${where}: ${identity.error.operation} ${answer}${identity.error.code ? ` ${identity.error.code}` : ''}: ${identity.error.message}`));
    } else if (identity.status === 'failed') findings.push(finding('federate-identity-failed', `${where}: Azure failed`));
    if (identity.status === 'missing') findings.push(finding('federate-identity-missing', `${where}: GET of the identity answered HTTP 404`));
    if (identity.status === 'unsupported-location') findings.push(finding('federate-identity-unsupported-location', `${where}: location ${identity.location ?? 'unknown'} does not support federated identity credentials`));
    for (const credential of identity.credentials) {
      if (credential.state !== 'conflict' && credential.state !== 'over-limit') continue;
      const id = credential.state === 'conflict' ? 'federate-credential-conflict' : 'federate-credential-over-limit';
      findings.push(finding(id, `credential ${credential.name} (subject ${credential.subject}, for ${credential.serves || 'the plan'}) on ${where}: ${credential.detail ?? credential.state}`));
    }
  }
  for (const entry of report.unplaced) findings.push(finding('federate-credential-unplaced', `credential ${entry.name} (subject ${entry.subject}, for ${entry.serves}): ${entry.reason}`));
  return findings;
}
