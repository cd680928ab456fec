/**
 * An idempotent az CLI script: each identity is created when wimigrate plans it and it is
 * missing; each credential is created only when the identity has no credential with the same
 * issuer and subject (under any name). Commands run one after another, so writes to one
 * identity never overlap (parallel writes fail with 409). Pure and deterministic.
 */
import type { FederationTargets } from '../federation-targets.js';
import { shellWord, type EmittedFile } from './emitted-file.js';

export function emitAz(targets: FederationTargets): EmittedFile[] {
  const lines = [
    '#!/usr/bin/env bash',
    '# Federated identity credentials planned by wimigrate. Safe to run again: only what is missing',
    '# is created. Writes to one identity run one at a time (parallel writes fail with 409).',
    'set -euo pipefail',
    '',
    '# ensure_credential SUBSCRIPTION RESOURCE_GROUP IDENTITY NAME ISSUER SUBJECT AUDIENCE',
    'ensure_credential() {',
    '  local found',
    '  found="$(az identity federated-credential list --subscription "$1" --resource-group "$2" --identity-name "$3" \\',
    '    --query "length([?issuer==\'$5\' && subject==\'$6\'])" --output tsv)"',
    '  if [ "$found" = "0" ]; then',
    '    az identity federated-credential create --subscription "$1" --resource-group "$2" --identity-name "$3" \\',
    '      --name "$4" --issuer "$5" --subject "$6" --audiences "$7" --output none',
    '    echo "created $3/$4"',
    '  else',
    '    echo "present $3/$4"',
    '  fi',
    '}',
  ];
  for (const work of targets.identities) {
    const { subscriptionId, resourceGroup, name } = work.address;
    const where = `--subscription ${shellWord(subscriptionId)} --resource-group ${shellWord(resourceGroup)}`;
    lines.push('', `# ${work.resourceId}`);
    if (work.create) {
      const tags = Object.entries(work.create.tags)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, value]) => shellWord(`${key}=${value}`))
        .join(' ');
      const location = work.create.location === null ? '"${IDENTITY_LOCATION:?set IDENTITY_LOCATION to the Azure region of new identities}"' : shellWord(work.create.location);
      lines.push(
        `if ! az identity show ${where} --name ${shellWord(name)} --output none 2>/dev/null; then`,
        `  az identity create ${where} --name ${shellWord(name)} --location ${location} --tags ${tags} --output none`,
        `  echo "created identity ${name}"`,
        'fi',
      );
    }
    for (const credential of work.credentials) {
      const subject = work.serves[credential.name];
      if (subject) lines.push(`# ${subject}`);
      lines.push(
        `ensure_credential ${[subscriptionId, resourceGroup, name, credential.name, credential.issuer, credential.subject, credential.audiences[0] ?? ''].map(shellWord).join(' ')}`,
      );
    }
  }
  return [{ path: 'federated-credentials.sh', text: `${lines.join('\n')}\n` }];
}
