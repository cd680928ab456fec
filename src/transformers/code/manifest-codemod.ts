/**
 * cdk8s and Pulumi objects, rewritten as the manifest transformers would in phase `prepare`: a
 * pod's `labels` with `aadpodidbinding` get `azure.workload.identity/use: "true"` beside it
 * (the pod identity label stays until cutover); `annotations` with an IRSA role get
 * `azure.workload.identity/client-id`, from the identity map or a pending placeholder that
 * names the identity planned for the role (see README, EKS IRSA).
 */
import { ts } from 'ts-morph';
import { codeFinding } from '../../analyzers/code/code-findings.js';
import { CLIENT_ID_ANNOTATION, isSelectorLabels, POD_IDENTITY_LABEL, ROLE_ARN_ANNOTATION, USE_LABEL } from '../../analyzers/code/manifest-in-code.js';
import { locationOf, objectProperties, parentPropertyName, stringValue, walk } from '../../analyzers/code/syntax.js';
import { identityNameForRole, pendingClientId, roleNameOf } from '../../azure/role-identity-name.js';
import type { Codemod, CodemodResult, TextEdit } from './codemod.js';

export const manifestCodemod: Codemod = {
  id: 'manifest-in-code',
  mentions: /aadpodidbinding|eks\.amazonaws\.com\/role-arn/,
  run(file, context) {
    const source = file.compilerNode;
    const result: CodemodResult = { edits: [], fixed: {}, refused: [] };
    const refuse = (node: ts.Node, reason: string) => result.refused.push(codeFinding('code-not-rewritten', locationOf(file, context.file, node), reason));
    const count = (id: 'pod-identity-label-in-code' | 'irsa-annotation-in-code') => (result.fixed[id] = (result.fixed[id] ?? 0) + 1);
    walk(file, (node) => {
      if (!ts.isObjectLiteralExpression(node)) return;
      const properties = objectProperties(node);
      const label = properties.get(POD_IDENTITY_LABEL);
      if (label && !properties.has(USE_LABEL) && !isSelectorLabels(node)) {
        // A label object that is not written under `labels:` may be shared with a selector,
        // which is immutable: adding a label there would break the next apply.
        if (parentPropertyName(node) !== 'labels') refuse(label, `the ${POD_IDENTITY_LABEL} label object is not written inline under labels: (it may also be a selector); add ${USE_LABEL}: "true" to the pod template's labels by hand`);
        else {
          result.edits.push(...insertAfter(source, node, label, USE_LABEL, 'true'));
          count('pod-identity-label-in-code');
        }
      }
      const annotation = properties.get(ROLE_ARN_ANNOTATION);
      if (annotation && !properties.has(CLIENT_ID_ANNOTATION)) {
        const roleArn = ts.isPropertyAssignment(annotation) ? stringValue(annotation.initializer) : null;
        if (roleArn === null || roleNameOf(roleArn) === null) refuse(annotation, `the ${ROLE_ARN_ANNOTATION} value is not an IAM role ARN written as a string here; add ${CLIENT_ID_ANNOTATION} by hand`);
        else {
          const mapped = context.identityMap.find((entry) => entry.roleArn === roleArn);
          const clientId = mapped?.clientId ?? pendingClientId(mapped?.name ?? identityNameForRole(roleArn));
          result.edits.push(...insertAfter(source, node, annotation, CLIENT_ID_ANNOTATION, clientId));
          count('irsa-annotation-in-code');
        }
      }
    });
    return result;
  },
};

/**
 * A new property right after `sibling`, in the object's own layout: on its own line with the
 * sibling's indentation when the object spans lines (after the sibling's comma and trailing
 * comment), else inline; quoted like the object's other strings.
 */
function insertAfter(source: ts.SourceFile, object: ts.ObjectLiteralExpression, sibling: ts.Node, key: string, value: string): TextEdit[] {
  const text = source.text;
  const quote = quoteOf(source, object);
  const property = `${quote}${key}${quote}: ${quote}${value}${quote}`;
  const start = sibling.getStart(source);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  let lineEnd = text.indexOf('\n', sibling.end);
  if (lineEnd === -1) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const rest = text.slice(sibling.end, lineEnd);
  const ownLine = /^\s*$/.test(indent) && /^\s*,?\s*(\/\/.*|\/\*.*?\*\/)?\s*$/.test(rest) && text.slice(object.getStart(source), start).includes('\n');
  if (!ownLine) return [{ start: sibling.end, end: sibling.end, text: `, ${property}` }];
  const lineBreak = text.includes('\r\n') ? '\r\n' : '\n';
  // The sibling keeps its comma (and comment); the new property takes the sibling's trailing-comma style.
  if (/^\s*,/.test(rest)) return [{ start: lineEnd, end: lineEnd, text: `${lineBreak}${indent}${property},` }];
  return [
    { start: sibling.end, end: sibling.end, text: ',' },
    { start: lineEnd, end: lineEnd, text: `${lineBreak}${indent}${property}` },
  ];
}

function quoteOf(source: ts.SourceFile, object: ts.ObjectLiteralExpression): string {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && ts.isStringLiteral(property.initializer)) return property.initializer.getText(source).startsWith('"') ? '"' : "'";
  }
  return "'";
}
