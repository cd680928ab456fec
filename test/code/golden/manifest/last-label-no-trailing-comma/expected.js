const { Deployment } = require('@pulumi/kubernetes/apps/v1');

new Deployment('invoices', {
  spec: {
    template: {
      metadata: {
        labels: {
          app: 'invoices',
          aadpodidbinding: 'invoices', /* the old binding */
          'azure.workload.identity/use': 'true'
        }
      }
    }
  }
});
