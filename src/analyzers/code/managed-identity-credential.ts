/**
 * `new ManagedIdentityCredential(...)`: under Workload ID tokens come from the federated token
 * file, through WorkloadIdentityCredential (or DefaultAzureCredential, which tries it first).
 * https://learn.microsoft.com/azure/aks/workload-identity-migrate-from-pod-identity
 * Picking the identity by resource id is the `identity-by-resource-id` rule's.
 */
import { ts } from 'ts-morph';
import { codeFinding } from './code-findings.js';
import type { CodeDetector } from './detector.js';
import { locationOf, objectProperties, walk } from './syntax.js';

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

const CLASS_NAME = 'ManagedIdentityCredential';

/** The names the class goes by in a file: its own, and local aliases (`{ ManagedIdentityCredential as Msi }`, `{ ManagedIdentityCredential: Msi } = require()`). */
export function managedIdentityNames(source: ts.SourceFile): ReadonlySet<string> {
  const names = new Set([CLASS_NAME]);
  const visit = (node: ts.Node): void => {
    if ((ts.isImportSpecifier(node) || ts.isBindingElement(node)) && node.propertyName && ts.isIdentifier(node.propertyName) && node.propertyName.text === CLASS_NAME && ts.isIdentifier(node.name)) names.add(node.name.text);
    else if (ts.isImportDeclaration(node) || ts.isVariableStatement(node) || ts.isImportClause(node) || ts.isNamedImports(node) || ts.isVariableDeclarationList(node) || ts.isVariableDeclaration(node) || ts.isObjectBindingPattern(node)) ts.forEachChild(node, visit);
  };
  source.statements.forEach(visit);
  return names;
}

export function isNewManagedIdentityCredential(node: ts.Node, names: ReadonlySet<string> = new Set([CLASS_NAME])): node is ts.NewExpression {
  if (!ts.isNewExpression(node)) return false;
  // `ns.ManagedIdentityCredential` is the class whatever the namespace is called; a bare name must be the class or an alias of it.
  if (ts.isPropertyAccessExpression(node.expression)) return node.expression.name.text === CLASS_NAME;
  return ts.isIdentifier(node.expression) && names.has(node.expression.text);
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
    const names = managedIdentityNames(source.compilerNode);
    walk(source, (node) => {
      if (!isNewManagedIdentityCredential(node, names)) return;
      const form = managedIdentityForm(node);
      if (form === 'resource-id') return;
      findings.push(
        codeFinding('managed-identity-credential', locationOf(source, context.file, node), `new ManagedIdentityCredential ${DESCRIPTION[form]} is built for IMDS (pod identity); under Workload ID, WorkloadIdentityCredential reads the federated token explicitly`),
      );
    });
    return findings;
  },
};
