import { describe, expect, it } from 'vitest';
import type { ReportSummary } from '../../src/reporters/report.js';
import { summaryLine } from '../../src/reporters/summary.js';

const base: ReportSummary = {
  files: 3,
  documents: 7,
  identities: 1,
  bindings: 1,
  exceptions: 0,
  workloads: 2,
  workloadsLabelled: 1,
  workloadsWithIdentity: 1,
  irsaServiceAccounts: 0,
  roleIdentities: 0,
  pendingClientIds: 0,
  serviceAccounts: 1,
  federatedCredentials: 1,
  filesChanged: 2,
  filesSkipped: 0,
  findings: { error: 0, warning: 1, info: 2 },
};

describe('summaryLine', () => {
  it('says nothing of IRSA when there is none', () => {
    expect(summaryLine('migrate', base)).toBe(
      'Summary: 3 files, 7 documents, 1 workload labelled for pod identity (1 receiving an identity), 1 identity, 2 files to change, 1 service account, 1 federated credential; 0 errors, 1 warning, 2 info.',
    );
  });

  it('counts IRSA service accounts, the identities for IAM roles and the pending client ids', () => {
    const irsa = { ...base, irsaServiceAccounts: 2, roleIdentities: 2, pendingClientIds: 1 };
    expect(summaryLine('plan', irsa)).toContain('2 IRSA service accounts, 2 files to change, 1 service account, 2 managed identities for IAM roles (1 client id pending), 1 federated credential;');
    expect(summaryLine('scan', irsa)).not.toContain('managed identities');
  });
});
