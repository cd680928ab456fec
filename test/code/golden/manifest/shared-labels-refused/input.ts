const podLabels = { app: 'search', aadpodidbinding: 'search-identity' };

export const spec = {
  selector: { matchLabels: podLabels },
  template: { metadata: { labels: podLabels } },
};
