import { Chart } from 'cdk8s';
import { KubeDeployment } from './imports/k8s';

export function ordersDeployment(chart: Chart): KubeDeployment {
  return new KubeDeployment(chart, 'orders', {
    spec: {
      // The selector is immutable: the pod identity label stays only here.
      selector: { matchLabels: { app: 'orders', aadpodidbinding: 'orders-identity' } },
      template: {
        metadata: {
          labels: {
            app: 'orders',
            aadpodidbinding: 'orders-identity', // bound by AzureIdentityBinding orders-binding
            tier: 'api',
          },
        },
        spec: { containers: [{ name: 'api', image: 'myregistry.azurecr.io/orders-api:1.4.2' }] },
      },
    },
  });
}
