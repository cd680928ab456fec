import { WorkloadIdentityCredential } from '@azure/identity';

export const credential = new WorkloadIdentityCredential({
  clientId: process.env.AZURE_CLIENT_ID!,
  retryOptions: { maxRetries: 3 },
});
