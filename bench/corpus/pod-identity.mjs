// AAD Pod Identity documents (aadpodidentity.k8s.io/v1), the ones a migration starts from.
// See DESIGN.md section 3: type 0 is a user-assigned managed identity; a binding's selector is
// matched exactly against the pod label aadpodidbinding. A few use the pre-1.6 field casing
// (ResourceID, ClientID, AzureIdentity, Selector) that real old manifests still carry.
import { inlineComment, quoted } from './style.mjs';

/** @typedef {import('./prng.mjs').Rng} Rng */

/**
 * @param {Rng} rng
 * @param {string} name
 * @param {string} namespace
 * @param {string} subscription
 */
export function azureIdentity(rng, name, namespace, subscription) {
  const legacy = rng.chance(0.05);
  const header = rng.chance(0.7) ? `# Managed identity used by ${namespace}; created by the platform team\n` : '';
  return `${header}apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentity
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  type: 0${inlineComment(rng, 0.4, ['user-assigned managed identity'])}
  ${legacy ? 'ResourceID' : 'resourceID'}: /subscriptions/${subscription}/resourcegroups/rg-${namespace}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}
  ${legacy ? 'ClientID' : 'clientID'}: ${quoted(rng, rng.guid())}
`;
}

/**
 * @param {Rng} rng
 * @param {string} identityName
 * @param {string} namespace
 * @param {string} selector
 */
export function azureIdentityBinding(rng, identityName, namespace, selector) {
  const legacy = rng.chance(0.05);
  return `apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentityBinding
metadata:
  name: ${identityName}-binding
  namespace: ${namespace}
spec:
  ${legacy ? 'AzureIdentity' : 'azureIdentity'}: ${identityName}
  ${legacy ? 'Selector' : 'selector'}: ${quoted(rng, selector)}${inlineComment(rng, 0.3, ['pods labelled aadpodidbinding with this value'])}
`;
}
