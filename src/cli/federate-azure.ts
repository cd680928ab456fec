/**
 * Azure access for `federate`, loaded only when Azure must be read or written: @azure/identity's
 * DefaultAzureCredential (az login, environment, managed identity, workload identity), or a
 * bearer token given in WIMIGRATE_ARM_ACCESS_TOKEN (`az account get-access-token`), which is
 * never printed. Both SDKs are imported here, dynamically, so other commands never load them.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { FederationClient } from '../azure/federation-client.js';

export const TOKEN_VARIABLE = 'WIMIGRATE_ARM_ACCESS_TOKEN';

export async function azureClient(endpoint: string | undefined): Promise<FederationClient> {
  const { createArmMsiClient } = await import('../azure/arm-msi-client.js');
  return createArmMsiClient({ credential: await credential(), ...(endpoint ? { endpoint } : {}) });
}

async function credential(): Promise<TokenCredential> {
  const token = process.env[TOKEN_VARIABLE];
  if (token) return { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_000_000 }) };
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}
