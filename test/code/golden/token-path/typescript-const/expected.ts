import { readFileSync } from 'node:fs';

const TOKEN_PATH = process.env.AZURE_FEDERATED_TOKEN_FILE!;

export function assertion(): string {
  return readFileSync(TOKEN_PATH, 'utf8');
}
