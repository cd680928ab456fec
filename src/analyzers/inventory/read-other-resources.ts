import type { ManifestDocument } from '../../model/document.js';
import type { SecretProviderClassEntry, ServiceAccountEntry } from '../../model/inventory.js';
import { namespaceOf, type AnalyzerOptions } from '../analyzer-options.js';
import { fieldOf, metadataOf, pathOf, stringOf } from '../object-fields.js';

export function readServiceAccount(doc: ManifestDocument, options: AnalyzerOptions): ServiceAccountEntry {
  const meta = metadataOf(doc.object);
  return { ref: { namespace: namespaceOf(meta, options), name: meta.name }, annotations: meta.annotations, doc };
}

/**
 * Secrets Store CSI driver, Azure provider: `usePodIdentity: "true"` makes the provider fetch
 * tokens through NMI; the Workload ID form is `usePodIdentity: "false"` plus `clientID`
 * (https://azure.github.io/secrets-store-csi-driver-provider-azure/docs/configurations/identity-access-modes/workload-identity-mode/).
 */
export function readSecretProviderClass(doc: ManifestDocument, options: AnalyzerOptions): SecretProviderClassEntry | null {
  if (pathOf(doc.object, ['spec', 'provider']) !== 'azure') return null;
  const parameters = pathOf(doc.object, ['spec', 'parameters']);
  const meta = metadataOf(doc.object);
  return {
    ref: { namespace: namespaceOf(meta, options), name: meta.name },
    usePodIdentity: stringOf(fieldOf(parameters, 'usePodIdentity'))?.toLowerCase() === 'true',
    clientId: stringOf(fieldOf(parameters, 'clientID')),
    doc,
  };
}
