/**
 * Kubernetes objects built in code (cdk8s, Pulumi): an `aadpodidbinding` label without the
 * Workload ID label beside it, and an IRSA role annotation without a Workload ID client id. The
 * same facts as the manifest rules (DESIGN §3, §4, §5), found in object literals.
 */
import { ts } from 'ts-morph';
import type { Finding } from '../../model/finding.js';
import { codeFinding } from './code-findings.js';
import type { CodeDetector } from './detector.js';
import { locationOf, objectProperties, parentPropertyName, walk } from './syntax.js';

export const POD_IDENTITY_LABEL = 'aadpodidbinding';
export const USE_LABEL = 'azure.workload.identity/use';
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';

/** Label objects of a selector must not change: the selector of a Deployment is immutable. */
export function isSelectorLabels(object: ts.ObjectLiteralExpression): boolean {
  const parent = parentPropertyName(object);
  return parent === 'matchLabels' || parent === 'selector';
}

export const manifestInCode: CodeDetector = {
  id: 'manifest-in-code',
  mentions: /aadpodidbinding|eks\.amazonaws\.com\/role-arn/,
  detect(source, context) {
    const findings: Finding[] = [];
    walk(source, (node) => {
      if (!ts.isObjectLiteralExpression(node)) return;
      const properties = objectProperties(node);
      const label = properties.get(POD_IDENTITY_LABEL);
      if (label && !properties.has(USE_LABEL) && !isSelectorLabels(node)) {
        findings.push(codeFinding('pod-identity-label-in-code', locationOf(source, context.file, label), `the pod label ${POD_IDENTITY_LABEL} is set in code without ${USE_LABEL}: "true"`));
      }
      const annotation = properties.get(ROLE_ARN_ANNOTATION);
      if (annotation && !properties.has(CLIENT_ID_ANNOTATION)) {
        findings.push(codeFinding('irsa-annotation-in-code', locationOf(source, context.file, annotation), `the IRSA annotation ${ROLE_ARN_ANNOTATION} is set in code without ${CLIENT_ID_ANNOTATION}; the pods under this service account also need the label ${USE_LABEL}: "true"`));
      }
    });
    return findings;
  },
};
