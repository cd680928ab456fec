import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeDeployment } from './imports/k8s';

export class OrdersChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'orders' });

    const selector = { app: 'orders-api' };
    new KubeDeployment(this, 'orders-api', {
      metadata: { name: 'orders-api' },
      spec: {
        replicas: 3,
        selector: { matchLabels: selector },
        template: {
          metadata: {
            labels: {
              app: 'orders-api',
              aadpodidbinding: 'orders-identity',
            },
          },
          spec: {
            containers: [{ name: 'api', image: 'myregistry.azurecr.io/orders-api:1.4.2' }],
          },
        },
      },
    });
  }
}

const app = new App();
new OrdersChart(app, 'orders');
app.synth();
