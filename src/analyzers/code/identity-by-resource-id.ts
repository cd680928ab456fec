/**
 * An identity picked by resource id: `new ManagedIdentityCredential({ resourceId })`,
 * DefaultAzureCredential's `managedIdentityResourceId`, and `msi_res_id`/`mi_res_id` IMDS
 * parameters. Workload ID federates one identity per service account and knows no resource
 * id; the migration proxy sidecar reads only `client_id` and `resource` and silently returns
 * the default identity (DESIGN §5;
 * https://azure.github.io/azure-workload-identity/docs/topics/migration-sidecar.html).
 */
import { ts } from 'ts-morph';
import type { Finding } from '../../model/finding.js';
import { codeFinding } from './code-findings.js';
import type { CodeDetector } from './detector.js';
import { isNewManagedIdentityCredential, managedIdentityForm, managedIdentityNames } from './managed-identity-credential.js';
import { calleeName, literalOf, locationOf, objectProperties, propertyName, stringPieces, walk } from './syntax.js';

const RESOURCE_ID_PARAMETER = /\b(msi_res_id|mi_res_id)\b/;

export const identityByResourceId: CodeDetector = {
  id: 'identity-by-resource-id',
  mentions: /resourceId|ResourceId|msi_res_id|mi_res_id/,
  detect(source, context) {
    const findings: Finding[] = [];
    const lines = new Set<number>();
    const report = (node: ts.Node, message: string) => {
      const location = locationOf(source, context.file, literalOf(node));
      if (lines.has(location.line)) return;
      lines.add(location.line);
      findings.push(codeFinding('identity-by-resource-id', location, `${message}; not rewritten: the client id of that identity is needed`));
    };
    const names = managedIdentityNames(source.compilerNode);
    walk(source, (node) => {
      if (isNewManagedIdentityCredential(node, names) && managedIdentityForm(node) === 'resource-id') {
        report(node, 'new ManagedIdentityCredential picks its identity by resource id');
      } else if (ts.isNewExpression(node) && calleeName(node.expression) === 'DefaultAzureCredential') {
        const [options] = node.arguments ?? [];
        if (options && ts.isObjectLiteralExpression(options) && objectProperties(options).has('managedIdentityResourceId')) {
          report(node, 'DefaultAzureCredential pins a managed identity by managedIdentityResourceId');
        }
      } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
        const name = propertyName(node.name);
        if (name !== null && RESOURCE_ID_PARAMETER.test(name)) report(node, `the IMDS parameter ${name} picks the identity by resource id`);
      } else {
        const text = stringPieces(node);
        const parameter = text === null ? null : RESOURCE_ID_PARAMETER.exec(text);
        if (parameter) report(node, `the IMDS parameter ${parameter[1]} picks the identity by resource id`);
      }
    });
    return findings;
  },
};
