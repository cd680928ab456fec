import { ManagedIdentityCredential } from '@azure/identity';
import { ServiceBusClient } from '@azure/service-bus';
import { BlobServiceClient } from '@azure/storage-blob';

// The orders identity; pod identity hands the pod two identities, so we pick ours by client id.
const clientId = process.env.ORDERS_CLIENT_ID ?? 'f1a2b3c4-0000-4000-8000-000000000001';

export const credential = new ManagedIdentityCredential(clientId);

export function blobService(account: string): BlobServiceClient {
  return new BlobServiceClient(`https://${account}.blob.core.windows.net`, credential);
}

export function serviceBus(namespace: string): ServiceBusClient {
  return new ServiceBusClient(`${namespace}.servicebus.windows.net`, credential, {
    retryOptions: { maxRetries: 5 },
  });
}
