/**
 * Bicep, one file per resource group (a Bicep file deploys to one): identities wimigrate plans
 * for IAM roles are declared, existing ones referenced with `existing`; each identity's
 * credentials are a loop with `@batchSize(1)`, so they are written one at a time (parallel
 * writes to one identity fail with 409). Pure and deterministic.
 */
import type { FederationTargets } from '../federation-targets.js';
import { byResourceGroup, fileSafe, MSI_API_VERSION, type EmittedFile } from './emitted-file.js';

function bicepString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;
}

export function emitBicep(targets: FederationTargets): EmittedFile[] {
  return byResourceGroup(targets.identities).map((group) => {
    const lines = [
      '// Federated identity credentials planned by wimigrate.',
      `// Deploy: az deployment group create --subscription ${group.subscriptionId} --resource-group ${group.resourceGroup} --template-file <this file>`,
      '// Credentials of one identity are written one at a time (@batchSize(1)): parallel writes fail with 409.',
    ];
    const needsLocation = group.items.some((work) => work.create && work.create.location === null);
    if (needsLocation) lines.push('', '@description(\'Azure region of the identities created for IAM roles\')', 'param identityLocation string = resourceGroup().location');
    group.items.forEach((work, index) => {
      const symbol = `identity${index + 1}`;
      lines.push('');
      if (work.create) {
        lines.push(`resource ${symbol} 'Microsoft.ManagedIdentity/userAssignedIdentities@${MSI_API_VERSION}' = {`, `  name: ${bicepString(work.address.name)}`);
        lines.push(`  location: ${work.create.location === null ? 'identityLocation' : bicepString(work.create.location)}`, '  tags: {');
        for (const [key, value] of Object.entries(work.create.tags).sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`    ${bicepString(key)}: ${bicepString(value)}`);
        lines.push('  }', '}');
      } else {
        lines.push(`resource ${symbol} 'Microsoft.ManagedIdentity/userAssignedIdentities@${MSI_API_VERSION}' existing = {`, `  name: ${bicepString(work.address.name)}`, '}');
      }
      if (work.credentials.length === 0) return;
      lines.push('', `var ${symbol}Credentials = [`);
      for (const credential of work.credentials) {
        lines.push('  {', `    name: ${bicepString(credential.name)}`, `    issuer: ${bicepString(credential.issuer)}`, `    subject: ${bicepString(credential.subject)}`, '  }');
      }
      lines.push(
        ']',
        '',
        '@batchSize(1)',
        `resource ${symbol}Federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@${MSI_API_VERSION}' = [for credential in ${symbol}Credentials: {`,
        `  parent: ${symbol}`,
        '  name: credential.name',
        '  properties: {',
        '    issuer: credential.issuer',
        '    subject: credential.subject',
        `    audiences: [${bicepString(work.credentials[0]!.audiences[0] ?? '')}]`,
        '  }',
        '}]',
      );
    });
    return { path: `federated-credentials.${fileSafe(group.subscriptionId)}.${fileSafe(group.resourceGroup)}.bicep`, text: `${lines.join('\n')}\n` };
  });
}
