/**
 * ARM templates, one per resource group: identities planned for IAM roles are resources of the
 * template; each credential `dependsOn` the previous credential of its identity (and the
 * identity when the template creates it), a chain that keeps writes to one identity sequential.
 * Pure and deterministic.
 */
import type { FederationTargets } from '../federation-targets.js';
import { byResourceGroup, fileSafe, MSI_API_VERSION, type EmittedFile } from './emitted-file.js';

const IDENTITY_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities';
const CREDENTIAL_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials';

export function emitArm(targets: FederationTargets): EmittedFile[] {
  return byResourceGroup(targets.identities).map((group) => {
    const needsLocation = group.items.some((work) => work.create && work.create.location === null);
    const resources: unknown[] = [];
    for (const work of group.items) {
      const name = work.address.name;
      const identityRef = `[resourceId('${IDENTITY_TYPE}', '${armLiteral(name)}')]`;
      let previous: string | null = null;
      if (work.create) {
        resources.push({
          type: IDENTITY_TYPE,
          apiVersion: MSI_API_VERSION,
          name: armString(name),
          location: work.create.location === null ? "[parameters('identityLocation')]" : armString(work.create.location),
          tags: Object.fromEntries(Object.entries(work.create.tags).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => [key, armString(value)])),
        });
        previous = identityRef;
      }
      for (const credential of work.credentials) {
        resources.push({
          type: CREDENTIAL_TYPE,
          apiVersion: MSI_API_VERSION,
          name: armString(`${name}/${credential.name}`),
          dependsOn: previous === null ? [] : work.create && previous !== identityRef ? [identityRef, previous] : [previous],
          properties: { issuer: armString(credential.issuer), subject: armString(credential.subject), audiences: credential.audiences.map(armString) },
        });
        previous = `[resourceId('${CREDENTIAL_TYPE}', '${armLiteral(name)}', '${armLiteral(credential.name)}')]`;
      }
    }
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      metadata: {
        generator: 'wimigrate federate',
        deploy: `az deployment group create --subscription ${group.subscriptionId} --resource-group ${group.resourceGroup} --template-file <this file>`,
        note: 'Credentials of one identity are chained with dependsOn: parallel writes to one identity fail with 409.',
      },
      parameters: needsLocation ? { identityLocation: { type: 'string', defaultValue: '[resourceGroup().location]', metadata: { description: 'Azure region of the identities created for IAM roles' } } } : {},
      resources,
    };
    return { path: `federated-credentials.${fileSafe(group.subscriptionId)}.${fileSafe(group.resourceGroup)}.json`, text: `${JSON.stringify(template, null, 2)}\n` };
  });
}

/** A string inside an ARM template expression: single quotes doubled. */
function armLiteral(value: string): string {
  return value.replace(/'/g, "''");
}

/** A literal that starts with `[` would be read as an expression: ARM escapes it as `[[`. */
function armString(value: string): string {
  return value.startsWith('[') ? `[${value}` : value;
}
