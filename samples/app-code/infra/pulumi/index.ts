import * as k8s from '@pulumi/kubernetes';
import { DefaultAzureCredential } from '@azure/identity';

const namespace = 'uploads';

export const serviceAccount = new k8s.core.v1.ServiceAccount('uploader', {
  metadata: {
    name: 'uploader',
    namespace,
    annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/uploader-s3' },
  },
});

// The deployment helper reads blobs at start-up with the platform identity.
export const platformCredential = new DefaultAzureCredential({
  managedIdentityResourceId: '/subscriptions/0000/resourceGroups/rg-platform/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-platform',
});
