import * as k8s from '@pulumi/kubernetes';

export const account = new k8s.core.v1.ServiceAccount('billing', {
  metadata: {
    annotations: {
      'azure.workload.identity/client-id': 'wimigrate-pending:billing',
      'azure.workload.identity/service-account-token-expiration': '3600',
      team: 'billing'
    },
  },
});
