export const spec = {
  selector: { matchLabels: { app: 'search', aadpodidbinding: 'search' } },
  template: {
    metadata: {
      labels: {
        app: 'search',
        aadpodidbinding: 'search',
        'azure.workload.identity/use': 'true',
      },
    },
  },
};
