import { refString } from '../../model/inventory.js';
import type { Rule } from '../rule.js';

/** The IRSA inventory, one finding per annotated service account with the workloads under it. */
export const irsaServiceAccount: Rule = {
  id: 'irsa-service-account',
  severity: 'info',
  title: 'ServiceAccount with an EKS IAM role (IRSA)',
  fix: 'wimigrate migrate gives the service account the client id of the managed identity that takes over the role (--identity-map, or a new identity it plans) and labels the pods under it; grant that identity the Azure roles that replace the IAM policies.',
  check({ inventory }) {
    return inventory.irsaServiceAccounts.map((account) => {
      // A manifest and a JSON 6902 patch of it are one workload (patched-workloads.ts).
      const workloads = [...new Set(inventory.irsaWorkloads.filter((entry) => entry.serviceAccount === account).map(({ workload }) => `${workload.kind} ${workload.ref.name}`))];
      const users = workloads.length === 0 ? 'no workload in the scanned files runs under it' : `${workloads.length} workload(s) run under it: ${workloads.join(', ')}`;
      return { message: `ServiceAccount ${refString(account.ref)} assumes ${account.roleArn}; ${users}`, location: account.doc.locate(['metadata', 'annotations', 'eks.amazonaws.com/role-arn']) };
    });
  },
};
