import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from "@azure/identity";

export function credentialFor(clientId: string | undefined): TokenCredential {
  if (!clientId) return new DefaultAzureCredential();
  const credential: ManagedIdentityCredential = new ManagedIdentityCredential(clientId, {
    loggingOptions: { allowLoggingAccountIdentifiers: true },
  });
  return credential;
}

export const fallback = new ManagedIdentityCredential(process.env.CLIENT_ID!, retryOptions);
