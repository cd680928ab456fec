import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential, WorkloadIdentityCredential } from "@azure/identity";

export function credentialFor(clientId: string | undefined): TokenCredential {
  if (!clientId) return new DefaultAzureCredential();
  const credential: ManagedIdentityCredential = new ManagedIdentityCredential(clientId, {
    loggingOptions: { allowLoggingAccountIdentifiers: true },
  });
  return credential;
}

export const fallback = new WorkloadIdentityCredential({ ...retryOptions, clientId: process.env.CLIENT_ID! });
