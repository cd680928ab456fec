import * as k8s from '@pulumi/kubernetes';

export const account = new k8s.core.v1.ServiceAccount('billing', {
  metadata: {
    annotations: {
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/billing',
      'eks.amazonaws.com/sts-regional-endpoints': 'true',
      team: 'billing',
      'eks.amazonaws.com/token-expiration': '600'
    },
  },
});
