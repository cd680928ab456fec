import { readFile } from 'node:fs/promises';

/** The projected service account token, for the payment provider's own token exchange. */
const TOKEN_FILE = '/var/run/secrets/azure/tokens/azure-identity-token';

export async function federatedToken(): Promise<string> {
  return (await readFile(TOKEN_FILE, 'utf8')).trim();
}
