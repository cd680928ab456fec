import { KubePod } from './imports/k8s';

export const pod = (scope: any) => new KubePod(scope, 'debug', {
  metadata: {
    labels: {
      aadpodidbinding: 'debug',
    },
  },
});
