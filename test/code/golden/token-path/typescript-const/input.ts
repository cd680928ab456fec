import { readFileSync } from 'node:fs';

const TOKEN_PATH = '/var/run/secrets/azure/tokens/azure-identity-token';

export function assertion(): string {
  return readFileSync(TOKEN_PATH, 'utf8');
}
