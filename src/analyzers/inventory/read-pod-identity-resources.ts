/**
 * AzureIdentity, AzureIdentityBinding and AzurePodIdentityException as documented for
 * aad-pod-identity v1 (https://azure.github.io/aad-pod-identity/docs/concepts/), fields read
 * case-insensitively (see object-fields.ts).
 */
import type { ManifestDocument } from '../../model/document.js';
import type {
  AzureIdentityBindingEntry,
  AzureIdentityEntry,
  AzureIdentityType,
  PodIdentityExceptionEntry,
} from '../../model/inventory.js';
import { namespaceOf, type AnalyzerOptions } from '../analyzer-options.js';
import { fieldOf, metadataOf, stringMapOf, stringOf } from '../object-fields.js';

export const POD_IDENTITY_GROUP = 'aadpodidentity.k8s.io';
const NAMESPACED_BEHAVIOR = 'aadpodidentity.k8s.io/behavior';

export function isPodIdentityKind(doc: ManifestDocument, kind: string): boolean {
  const apiVersion = stringOf(doc.object.apiVersion) ?? '';
  return doc.object.kind === kind && apiVersion.startsWith(`${POD_IDENTITY_GROUP}/`);
}

function refOf(doc: ManifestDocument, options: AnalyzerOptions) {
  const meta = metadataOf(doc.object);
  return { namespace: namespaceOf(meta, options), name: meta.name };
}

function identityType(value: unknown): AzureIdentityType | null {
  const number = typeof value === 'string' ? Number(value) : value;
  return number === 0 || number === 1 || number === 2 ? number : null;
}

export function readAzureIdentity(doc: ManifestDocument, options: AnalyzerOptions): AzureIdentityEntry {
  const spec = fieldOf(doc.object, 'spec');
  const annotations = metadataOf(doc.object).annotations;
  const behavior = Object.entries(annotations).find(([key]) => key.toLowerCase() === NAMESPACED_BEHAVIOR)?.[1];
  return {
    ref: refOf(doc, options),
    type: identityType(fieldOf(spec, 'type')),
    resourceId: stringOf(fieldOf(spec, 'resourceID')),
    clientId: stringOf(fieldOf(spec, 'clientID')),
    tenantId: stringOf(fieldOf(spec, 'tenantID')),
    hasClientPassword: fieldOf(spec, 'clientPassword') != null,
    namespaced: behavior?.toLowerCase() === 'namespaced',
    doc,
  };
}

export function readAzureIdentityBinding(doc: ManifestDocument, options: AnalyzerOptions): AzureIdentityBindingEntry {
  const spec = fieldOf(doc.object, 'spec');
  return {
    ref: refOf(doc, options),
    identityName: stringOf(fieldOf(spec, 'azureIdentity')),
    selector: stringOf(fieldOf(spec, 'selector')),
    doc,
  };
}

export function readPodIdentityException(doc: ManifestDocument, options: AnalyzerOptions): PodIdentityExceptionEntry {
  const spec = fieldOf(doc.object, 'spec');
  return { ref: refOf(doc, options), podLabels: stringMapOf(fieldOf(spec, 'podLabels')), doc };
}
