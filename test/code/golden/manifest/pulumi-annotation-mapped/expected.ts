import * as k8s from "@pulumi/kubernetes";

export const account = new k8s.core.v1.ServiceAccount("exporter", {
  metadata: {
    name: "exporter",
    annotations: {
      "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/exporter",
      "azure.workload.identity/client-id": "3c2b1a00-1111-4222-8333-444455556666",
      "azure.workload.identity/service-account-token-expiration": "86400",
      "eks.amazonaws.com/token-expiration": "86400",
    },
  },
});

export const labelsInline = new k8s.apps.v1.Deployment("exporter", {
  spec: { template: { metadata: { labels: { app: "exporter", aadpodidbinding: "exporter", "azure.workload.identity/use": "true" } } } },
});
