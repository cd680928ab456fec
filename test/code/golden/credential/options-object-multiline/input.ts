import { ManagedIdentityCredential } from '@azure/identity';

export const credential = new ManagedIdentityCredential(process.env.AZURE_CLIENT_ID!, {
  retryOptions: { maxRetries: 3 },
});
