/**
 * `new ManagedIdentityCredential(clientId)` -> `new WorkloadIdentityCredential({ clientId })`
 * (or, with `--credential default`, `new DefaultAzureCredential({ workloadIdentityClientId })`),
 * the same client id kept; the import from @azure/identity follows. Identities picked by
 * resource id are left to the `identity-by-resource-id` finding.
 * https://learn.microsoft.com/javascript/api/@azure/identity/workloadidentitycredential
 */
import { ts } from 'ts-morph';
import { codeFinding } from '../../analyzers/code/code-findings.js';
import { isNewManagedIdentityCredential, managedIdentityForm, managedIdentityNames } from '../../analyzers/code/managed-identity-credential.js';
import { locationOf, objectProperties, walk } from '../../analyzers/code/syntax.js';
import type { Codemod, CodemodResult, TextEdit } from './codemod.js';
import { replaceImportedName } from './import-names.js';

const MODULE = '@azure/identity';
const OLD = 'ManagedIdentityCredential';
const TARGET = { workload: { name: 'WorkloadIdentityCredential', clientIdOption: 'clientId' }, default: { name: 'DefaultAzureCredential', clientIdOption: 'workloadIdentityClientId' } } as const;

export const credentialCodemod: Codemod = {
  id: 'managed-identity-credential',
  mentions: /ManagedIdentityCredential/,
  run(file, context) {
    const source = file.compilerNode;
    const target = TARGET[context.credential];
    const result: CodemodResult = { edits: [], fixed: {}, refused: [] };
    const rewritten: ts.NewExpression[] = [];
    let viaImport = false;
    const names = managedIdentityNames(source);
    walk(file, (node) => {
      if (!isNewManagedIdentityCredential(node, names)) return;
      const form = managedIdentityForm(node);
      if (form === 'resource-id') return;
      const refuse = (reason: string) => result.refused.push(codeFinding('code-not-rewritten', locationOf(file, context.file, node), `new ManagedIdentityCredential not rewritten: ${reason}`));
      if (ts.isIdentifier(node.expression) && node.expression.text !== OLD) return refuse(`${OLD} is imported as ${node.expression.text}; rename the import and run again`);
      if (form === 'other') return refuse('its arguments cannot be read here (a spread or computed option)');
      // A variable declared as ManagedIdentityCredential cannot hold the new class (classes with private members are nominal).
      const declaration = node.parent;
      if (ts.isVariableDeclaration(declaration) && declaration.type?.getText(source).includes(OLD)) return refuse(`it is assigned to a variable declared as ${OLD}; declare it as TokenCredential and run again`);
      const args = argumentEdits(source, node, form, target.clientIdOption);
      if (args === null) return refuse('its options object cannot be rewritten safely');
      const callee = ts.isIdentifier(node.expression) ? node.expression : (node.expression as ts.PropertyAccessExpression).name;
      if (ts.isIdentifier(node.expression)) viaImport = true;
      result.edits.push({ start: callee.getStart(source), end: callee.end, text: target.name }, ...args);
      rewritten.push(node);
    });
    if (rewritten.length === 0 || !viaImport) return finish(result, rewritten.length);
    // Other uses (a type annotation, instanceof, a second import) keep the old name imported.
    let stillUsed = false;
    walk(file, (node) => {
      if (!ts.isIdentifier(node) || node.text !== OLD) return;
      const parent = node.parent;
      if (ts.isImportSpecifier(parent) || ts.isBindingElement(parent)) return;
      if (ts.isNewExpression(parent) && rewritten.includes(parent)) return;
      stillUsed = true;
    });
    const importEdits = replaceImportedName(source, MODULE, OLD, target.name, stillUsed);
    if (importEdits === null) {
      return {
        edits: [],
        fixed: {},
        refused: rewritten.map((node) => codeFinding('code-not-rewritten', locationOf(file, context.file, node), `new ManagedIdentityCredential not rewritten: it is not imported by name from ${MODULE} in this file`)),
      };
    }
    result.edits.push(...importEdits);
    return finish(result, rewritten.length);
  },
};

function finish(result: CodemodResult, count: number): CodemodResult {
  if (count > 0) result.fixed['managed-identity-credential'] = count;
  return result;
}

/**
 * The argument edits: a client id argument becomes an options object (merged with a second
 * options argument); an options object keeps its text, its `clientId` renamed when the target
 * names it differently.
 */
function argumentEdits(source: ts.SourceFile, node: ts.NewExpression, form: 'none' | 'client-id', option: string): TextEdit[] | null {
  const args = node.arguments ?? ts.factory.createNodeArray();
  const [first, second] = args;
  if (first === undefined) return [];
  if (ts.isObjectLiteralExpression(first)) {
    if (form === 'none' || option === 'clientId') return [];
    const property = objectProperties(first).get('clientId')!;
    if (ts.isShorthandPropertyAssignment(property)) return [{ start: property.getStart(source), end: property.end, text: `${option}: clientId` }];
    const name = (property as ts.PropertyAssignment).name;
    return [{ start: name.getStart(source), end: name.end, text: option }];
  }
  if (args.length > 2) return null;
  const clientId = first.getText(source);
  // `clientId` passed as `clientId` becomes the shorthand `{ clientId }`.
  const entry = clientId === option ? option : `${option}: ${clientId}`;
  let merged: string;
  if (second === undefined) merged = `{ ${entry} }`;
  else if (ts.isObjectLiteralExpression(second)) {
    if (objectProperties(second).has(option)) return null;
    // The options object keeps its text and layout; the client id becomes its first property.
    const text = source.text;
    const firstProperty = second.properties[0];
    const open = second.getStart(source) + 1;
    const edits: TextEdit[] = [{ start: first.getStart(source), end: second.getStart(source), text: '' }];
    if (firstProperty === undefined) edits.push({ start: open, end: second.end - 1, text: ` ${entry} ` });
    else if (text.slice(open, firstProperty.getStart(source)).includes('\n')) {
      const propertyStart = firstProperty.getStart(source);
      const indent = text.slice(text.lastIndexOf('\n', propertyStart - 1) + 1, propertyStart);
      edits.push({ start: propertyStart, end: propertyStart, text: `${entry},${text.includes('\r\n') ? '\r\n' : '\n'}${indent}` });
    } else edits.push({ start: firstProperty.getStart(source), end: firstProperty.getStart(source), text: `${entry}, ` });
    return edits;
  } else merged = `{ ...${second.getText(source)}, ${entry} }`;
  return [{ start: first.getStart(source), end: (second ?? first).end, text: merged }];
}

