/**
 * AKS-managed pod identity (`az aks pod-identity`), read from the JSON that `az aks show` prints
 * (`--aks-cluster FILE`): `podIdentityProfile.userAssignedIdentities` (name, namespace,
 * bindingSelector, identity.resourceId / clientId) and `userAssignedIdentityExceptions`
 * (name, namespace, podLabels). AKS turns each into the same objects an operator would write:
 * an AzureIdentity `<name>` and an AzureIdentityBinding `<name>-binding` with the selector, and an
 * AzurePodIdentityException (https://learn.microsoft.com/azure/aks/use-azure-ad-pod-identity).
 * So this source yields those objects as a JSON `kind: List`: the analyzers and the planner
 * treat them like manifests, and workloads labelled in the scanned files match them.
 */
import { readFileSync } from 'node:fs';
import type { Node } from 'yaml';
import { yaml } from '../yaml/yaml-library.js';

export class AksClusterError extends Error {}

export interface AksPodIdentityProfile {
  clusterName: string;
  resourceGroup: string;
  location: string | null;
  /** oidcIssuerProfile.issuerUrl, when the OIDC issuer is on. */
  issuer: string | null;
  identities: { name: string; namespace: string; bindingSelector: string; resourceId: string; clientId: string | null }[];
  exceptions: { name: string; namespace: string; podLabels: Record<string, string> }[];
}

export interface AksClusterSource {
  profile: AksPodIdentityProfile;
  /** The objects AKS makes from the profile, as a JSON List the pipeline reads like a manifest file. */
  source: { file: string; text: string; format: 'json' };
}

export function readAksCluster(file: string): AksClusterSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AksClusterError(`${file}: cannot read the cluster JSON (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const profile = parseAksCluster(text, file);
  return { profile, source: { file: `${file} (podIdentityProfile)`, text: podIdentityManifests(profile, file), format: 'json' } };
}

/** Pure: the text of `az aks show` to the pod identity profile, or an error naming file:line:col. */
export function parseAksCluster(text: string, file: string): AksPodIdentityProfile {
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter });
  const fail = (node: unknown, message: string): never => {
    const offset = (node as Node | null | undefined)?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    throw new AksClusterError(`${file}:${line}:${col}: ${message}`);
  };
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new AksClusterError(`${file}:${line}:${col}: not valid JSON: ${error.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!yaml().isMap(root)) return fail(root, 'expected the JSON object that `az aks show` prints');
  const stringAt = (node: unknown, key: string, where: string, optional = false): string | null => {
    const value = yaml().isMap(node) ? node.get(key, true) : undefined;
    if (value === undefined || value === null || (yaml().isScalar(value) && value.value === null)) {
      return optional ? null : fail(node, `${where}.${key} is missing`);
    }
    if (!yaml().isScalar(value) || typeof value.value !== 'string' || value.value === '') return fail(value, `${where}.${key} must be a non-empty string`);
    return value.value;
  };
  const clusterName = stringAt(root, 'name', 'cluster')!;
  const resourceGroup = stringAt(root, 'resourceGroup', 'cluster')!;
  const profileNode = root.get('podIdentityProfile', true);
  if (profileNode === undefined || profileNode === null || (yaml().isScalar(profileNode) && profileNode.value === null)) return fail(root, 'the cluster has no podIdentityProfile (AKS-managed pod identity is not enabled)');
  if (!yaml().isMap(profileNode)) return fail(profileNode, 'podIdentityProfile must be an object');
  const issuerNode = root.get('oidcIssuerProfile', true);
  const issuer = yaml().isMap(issuerNode) ? stringAt(issuerNode, 'issuerUrl', 'oidcIssuerProfile', true) : null;

  const listAt = (key: string) => {
    const list = profileNode.get(key, true);
    if (list === undefined || list === null || (yaml().isScalar(list) && list.value === null)) return [];
    if (!yaml().isSeq(list)) return fail(list, `podIdentityProfile.${key} must be a list`);
    return list.items;
  };
  const identities = listAt('userAssignedIdentities').map((item, index) => {
    const where = `podIdentityProfile.userAssignedIdentities[${index}]`;
    if (!yaml().isMap(item)) return fail(item, `${where} must be an object`);
    const identity = item.get('identity', true);
    if (!yaml().isMap(identity)) return fail(item, `${where}.identity must be an object with resourceId and clientId`);
    return {
      name: stringAt(item, 'name', where)!,
      namespace: stringAt(item, 'namespace', where)!,
      // AKS defaults the selector to the identity's name.
      bindingSelector: stringAt(item, 'bindingSelector', where, true) ?? stringAt(item, 'name', where)!,
      resourceId: stringAt(identity, 'resourceId', `${where}.identity`)!,
      clientId: stringAt(identity, 'clientId', `${where}.identity`, true),
    };
  });
  const exceptions = listAt('userAssignedIdentityExceptions').map((item, index) => {
    const where = `podIdentityProfile.userAssignedIdentityExceptions[${index}]`;
    if (!yaml().isMap(item)) return fail(item, `${where} must be an object`);
    const labels = item.get('podLabels', true);
    if (!yaml().isMap(labels)) return fail(item, `${where}.podLabels must be an object`);
    const podLabels: Record<string, string> = {};
    for (const pair of labels.items) {
      if (!yaml().isScalar(pair.key) || !yaml().isScalar(pair.value)) fail(pair.key, `${where}.podLabels must map strings to strings`);
      podLabels[String((pair.key as { value: unknown }).value)] = String((pair.value as { value: unknown }).value);
    }
    return { name: stringAt(item, 'name', where)!, namespace: stringAt(item, 'namespace', where)!, podLabels };
  });
  const location = stringAt(root, 'location', 'cluster', true);
  return { clusterName, resourceGroup, location, issuer, identities, exceptions };
}

/** The AzureIdentity, AzureIdentityBinding and AzurePodIdentityException objects AKS makes from the profile. */
export function podIdentityManifests(profile: AksPodIdentityProfile, file: string): string {
  const documents: unknown[] = [];
  const annotations = { 'wimigrate.io/source': `${file}: az aks pod-identity (cluster ${profile.clusterName})` };
  for (const identity of profile.identities) {
    documents.push({
      apiVersion: 'aadpodidentity.k8s.io/v1',
      kind: 'AzureIdentity',
      metadata: { name: identity.name, namespace: identity.namespace, annotations },
      spec: { type: 0, resourceID: identity.resourceId, ...(identity.clientId ? { clientID: identity.clientId } : {}) },
    });
    documents.push({
      apiVersion: 'aadpodidentity.k8s.io/v1',
      kind: 'AzureIdentityBinding',
      metadata: { name: `${identity.name}-binding`, namespace: identity.namespace, annotations },
      spec: { azureIdentity: identity.name, selector: identity.bindingSelector },
    });
  }
  for (const exception of profile.exceptions) {
    documents.push({
      apiVersion: 'aadpodidentity.k8s.io/v1',
      kind: 'AzurePodIdentityException',
      metadata: { name: exception.name, namespace: exception.namespace, annotations },
      spec: { podLabels: exception.podLabels },
    });
  }
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: documents }, null, 2)}\n`;
}
