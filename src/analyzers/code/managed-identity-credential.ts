/**
 * `new ManagedIdentityCredential(...)`: under Workload ID tokens come from the federated token
 * file, through WorkloadIdentityCredential (or DefaultAzureCredential, which tries it first).
 * https://learn.microsoft.com/azure/aks/workload-identity-migrate-from-pod-identity
 * Picking the identity by resource id is the `identity-by-resource-id` rule's.
 */
import { ts } from 'ts-morph';
import { codeFinding } from './code-findings.js';
import type { CodeDetector } from './detector.js';
import { calleeName, locationOf, objectProperties, walk } from './syntax.js';

export type ManagedIdentityForm = 'none' | 'client-id' | 'resource-id' | 'other';

/** Which identity a `new ManagedIdentityCredential(...)` asks for, from its arguments' shape. */
export function managedIdentityForm(node: ts.NewExpression): ManagedIdentityForm {
  const [first] = node.arguments ?? [];
  if (first === undefined) return 'none';
  if (ts.isSpreadElement(first)) return 'other';
  if (ts.isObjectLiteralExpression(first)) {
    const properties = objectProperties(first);
    if (properties.has('resourceId') || properties.has('objectId')) return 'resource-id';
    if (properties.has('clientId')) return 'client-id';
    return first.properties.some((property) => !ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) ? 'other' : 'none';
  }
  return 'client-id';
}

export function isNewManagedIdentityCredential(node: ts.Node): node is ts.NewExpression {
  return ts.isNewExpression(node) && calleeName(node.expression) === 'ManagedIdentityCredential';
}

const DESCRIPTION: Record<Exclude<ManagedIdentityForm, 'resource-id'>, string> = {
  none: 'with no client id (the only identity assigned)',
  'client-id': 'with a client id',
  other: 'with options that cannot be read here',
};

export const managedIdentityCredential: CodeDetector = {
  id: 'managed-identity-credential',
  mentions: /ManagedIdentityCredential/,
  detect(source, context) {
    const findings: ReturnType<CodeDetector['detect']> = [];
    walk(source, (node) => {
      if (!isNewManagedIdentityCredential(node)) return;
      const form = managedIdentityForm(node);
      if (form === 'resource-id') return;
      findings.push(
        codeFinding('managed-identity-credential', locationOf(source, context.file, node), `new ManagedIdentityCredential ${DESCRIPTION[form]} is built for IMDS (pod identity); under Workload ID, WorkloadIdentityCredential reads the federated token explicitly`),
      );
    });
    return findings;
  },
};
