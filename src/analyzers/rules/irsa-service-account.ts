import { refString } from '../../model/inventory.js';
import type { Rule } from '../rule.js';

/** The IRSA inventory, one finding per annotated service account with the workloads under it. */
export const irsaServiceAccount: Rule = {
  id: 'irsa-service-account',
  severity: 'info',
  title: 'ServiceAccount with an EKS IAM role (IRSA)',
  fix: 'Plan a user-assigned managed identity for the role, with Azure RBAC in place of its IAM policies. wimigrate reports IRSA today; rewriting it to Workload ID comes with a later release.',
  check({ inventory }) {
    return inventory.irsaServiceAccounts.map((account) => {
      const workloads = inventory.irsaWorkloads.filter((entry) => entry.serviceAccount === account).map(({ workload }) => `${workload.kind} ${workload.ref.name}`);
      const users = workloads.length === 0 ? 'no workload in the scanned files runs under it' : `${workloads.length} workload(s) run under it: ${workloads.join(', ')}`;
      return { message: `ServiceAccount ${refString(account.ref)} assumes ${account.roleArn}; ${users}`, location: account.doc.locate(['metadata', 'annotations', 'eks.amazonaws.com/role-arn']) };
    });
  },
};
