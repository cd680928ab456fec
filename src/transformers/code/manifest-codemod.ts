/**
 * cdk8s and Pulumi objects, rewritten as the manifest transformers would (README, "What
 * `migrate` does"). Phase `prepare`: a pod's `labels` with `aadpodidbinding` get
 * `azure.workload.identity/use: "true"` beside it; `annotations` with an IRSA role get
 * `azure.workload.identity/client-id` (from the identity map, or a pending placeholder naming the
 * identity planned for the role) and the token expiration, clamped to what Workload ID accepts.
 * Phase `cutover` also removes `aadpodidbinding` (unless the workload's immutable selector
 * carries it) and the `eks.amazonaws.com/` annotations.
 */
import { ts } from 'ts-morph';
import { codeFinding } from '../../analyzers/code/code-findings.js';
import { CLIENT_ID_ANNOTATION, isSelectorLabels, POD_IDENTITY_LABEL, ROLE_ARN_ANNOTATION, USE_LABEL } from '../../analyzers/code/manifest-in-code.js';
import { locationOf, objectProperties, parentPropertyName, propertyName, stringValue, walk } from '../../analyzers/code/syntax.js';
import { identityNameForRole, pendingClientId, roleNameOf } from '../../azure/role-identity-name.js';
import { clampTokenExpiration } from '../../planner/token-expiration.js';
import type { Codemod, CodemodContext, CodemodResult, TextEdit } from './codemod.js';
import { insertProperties, removeProperty } from './object-properties.js';

const TOKEN_EXPIRATION = 'eks.amazonaws.com/token-expiration';
const WI_TOKEN_EXPIRATION = 'azure.workload.identity/service-account-token-expiration';
const IRSA_ANNOTATIONS = ['role-arn', 'audience', 'sts-regional-endpoints', 'token-expiration'].map((name) => `eks.amazonaws.com/${name}`);

export const manifestCodemod: Codemod = {
  id: 'manifest-in-code',
  mentions: /aadpodidbinding|eks\.amazonaws\.com\/role-arn/,
  run(file, context) {
    const source = file.compilerNode;
    const result: CodemodResult = { edits: [], fixed: {}, refused: [] };
    const refuse = (node: ts.Node, reason: string) => result.refused.push(codeFinding('code-not-rewritten', locationOf(file, context.file, node), reason));
    walk(file, (node) => {
      if (!ts.isObjectLiteralExpression(node)) return;
      const properties = objectProperties(node);
      if (properties.has(POD_IDENTITY_LABEL) && !isSelectorLabels(node)) labels(source, node, properties, context, result, refuse);
      if (properties.has(ROLE_ARN_ANNOTATION)) annotations(source, node, properties, context, result, refuse);
    });
    return result;
  },
};

type Properties = Map<string, ts.ObjectLiteralElementLike>;
type Refuse = (node: ts.Node, reason: string) => void;

function labels(source: ts.SourceFile, object: ts.ObjectLiteralExpression, properties: Properties, context: CodemodContext, result: CodemodResult, refuse: Refuse): void {
  const label = properties.get(POD_IDENTITY_LABEL)!;
  const addUse = !properties.has(USE_LABEL);
  const remove = context.phase === 'cutover' && !selectorKeepsLabel(object);
  if (!addUse && !remove) return;
  // A label object that is not written under `labels:` may be shared with a selector, which is
  // immutable: adding a label there would break the next apply.
  if (parentPropertyName(object) !== 'labels') {
    refuse(label, `the ${POD_IDENTITY_LABEL} label object is not written inline under labels: (it may also be a selector); edit the pod template's labels by hand`);
    return;
  }
  const quote = quoteOf(source, object);
  const added = addUse ? [`${quote}${USE_LABEL}${quote}: ${quote}true${quote}`] : [];
  result.edits.push(...anchoredEdits(source, object, label, added, remove));
  if (addUse) result.fixed['pod-identity-label-in-code'] = (result.fixed['pod-identity-label-in-code'] ?? 0) + 1;
}

function annotations(source: ts.SourceFile, object: ts.ObjectLiteralExpression, properties: Properties, context: CodemodContext, result: CodemodResult, refuse: Refuse): void {
  const annotation = properties.get(ROLE_ARN_ANNOTATION)!;
  const valueOf = (key: string) => {
    const property = properties.get(key);
    return property && ts.isPropertyAssignment(property) ? stringValue(property.initializer) : null;
  };
  const roleArn = valueOf(ROLE_ARN_ANNOTATION);
  const quote = quoteOf(source, object);
  const added: string[] = [];
  if (!properties.has(CLIENT_ID_ANNOTATION)) {
    if (roleArn === null || roleNameOf(roleArn) === null) {
      refuse(annotation, `the ${ROLE_ARN_ANNOTATION} value is not an IAM role ARN written as a string here; add ${CLIENT_ID_ANNOTATION} by hand`);
      return;
    }
    const mapped = context.identityMap.find((entry) => entry.roleArn === roleArn);
    added.push(`${quote}${CLIENT_ID_ANNOTATION}${quote}: ${quote}${mapped?.clientId ?? pendingClientId(mapped?.name ?? identityNameForRole(roleArn))}${quote}`);
    result.fixed['irsa-annotation-in-code'] = (result.fixed['irsa-annotation-in-code'] ?? 0) + 1;
  }
  const expiration = clampTokenExpiration(valueOf(TOKEN_EXPIRATION)).seconds;
  if (expiration !== null && !properties.has(WI_TOKEN_EXPIRATION)) added.push(`${quote}${WI_TOKEN_EXPIRATION}${quote}: ${quote}${expiration}${quote}`);
  const cutover = context.phase === 'cutover';
  result.edits.push(...anchoredEdits(source, object, annotation, added, cutover));
  if (!cutover) return;
  for (const key of IRSA_ANNOTATIONS) {
    const property = properties.get(key);
    if (property && property !== annotation) result.edits.push(removeProperty(source, object, property));
  }
}

/** New properties after `anchor`; when the anchor goes too, they take its place. */
function anchoredEdits(source: ts.SourceFile, object: ts.ObjectLiteralExpression, anchor: ts.ObjectLiteralElementLike, added: readonly string[], removeAnchor: boolean): TextEdit[] {
  if (!removeAnchor) return added.length > 0 ? insertProperties(source, object, anchor, added) : [];
  if (added.length === 0) return [removeProperty(source, object, anchor)];
  const [first, ...rest] = added;
  return [{ start: anchor.getStart(source), end: anchor.end, text: first! }, ...insertProperties(source, object, anchor, rest)];
}

/**
 * The workload's immutable `selector` carries the pod identity label: then the label stays in
 * the template too (a Deployment's selector must match its template).
 */
function selectorKeepsLabel(labelsObject: ts.ObjectLiteralExpression): boolean {
  for (let node: ts.Node | undefined = labelsObject.parent; node; node = node.parent) {
    if (!ts.isObjectLiteralExpression(node)) continue;
    const selector = node.properties.find((property) => property.name !== undefined && propertyName(property.name as ts.PropertyName) === 'selector');
    if (selector) return selector.getText().includes(POD_IDENTITY_LABEL);
  }
  return false;
}

function quoteOf(source: ts.SourceFile, object: ts.ObjectLiteralExpression): string {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && ts.isStringLiteral(property.initializer)) return property.initializer.getText(source).startsWith('"') ? '"' : "'";
  }
  return "'";
}
