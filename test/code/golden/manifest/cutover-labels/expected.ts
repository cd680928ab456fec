import { KubeDeployment } from './imports/k8s';

export const deployment = (scope: any) => new KubeDeployment(scope, 'reports', {
  spec: {
    selector: { matchLabels: { app: 'reports' } },
    template: {
      metadata: {
        labels: {
          app: 'reports',
          'azure.workload.identity/use': 'true',
        },
      },
    },
  },
});

export const job = (scope: any) => new KubeDeployment(scope, 'nightly', {
  spec: { template: { metadata: { labels: { app: 'nightly', 'azure.workload.identity/use': 'true' } } } },
});
