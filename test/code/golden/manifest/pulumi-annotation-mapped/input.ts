import * as k8s from "@pulumi/kubernetes";

export const account = new k8s.core.v1.ServiceAccount("exporter", {
  metadata: {
    name: "exporter",
    annotations: {
      "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/exporter",
      "eks.amazonaws.com/token-expiration": "86400",
    },
  },
});

export const labelsInline = new k8s.apps.v1.Deployment("exporter", {
  spec: { template: { metadata: { labels: { app: "exporter", aadpodidbinding: "exporter" } } } },
});
