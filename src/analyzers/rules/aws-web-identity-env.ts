import { refString } from '../../model/inventory.js';
import type { Rule } from '../rule.js';

/** Env the EKS webhook injects, written into the manifest by hand: it points the AWS SDK at EKS. */
export const awsWebIdentityEnv: Rule = {
  id: 'aws-web-identity-env',
  severity: 'warning',
  title: 'Workload sets the EKS web identity env by hand',
  fix: 'Remove AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE when the workload moves to AKS; Workload ID injects AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE.',
  check({ inventory }) {
    return inventory.workloads
      .filter((workload) => workload.awsWebIdentityEnv.length > 0)
      .map((workload) => ({
        message: `${workload.kind} ${refString(workload.ref)} sets ${[...new Set(workload.awsWebIdentityEnv.map((variable) => variable.name))].join(' and ')} in its containers`,
        location: workload.doc.locate([...workload.templatePath, 'spec', 'containers']),
      }));
  },
};
