/**
 * MSI logins of the retired `@azure/ms-rest-nodeauth` (`loginWithVmMSI`, `MSIVmTokenCredentials`,
 * `loginWithAppServiceMSI`) and `AZURE_AUTH_METHOD=msi` settings: they request tokens from IMDS
 * and cannot use the Workload ID token (https://www.npmjs.com/package/@azure/ms-rest-nodeauth,
 * deprecated in favour of @azure/identity).
 */
import { ts } from 'ts-morph';
import type { Finding } from '../../model/finding.js';
import { codeFinding } from './code-findings.js';
import type { CodeDetector } from './detector.js';
import { calleeName, locationOf, objectProperties, propertyName, stringValue, walk } from './syntax.js';

const MSI_CALLS = new Set(['loginWithVmMSI', 'loginWithAppServiceMSI']);
const MSI_CLASSES = new Set(['MSIVmTokenCredentials', 'MSIAppServiceTokenCredentials']);
const AUTH_METHOD = 'AZURE_AUTH_METHOD';

function isAuthMethod(node: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(node)) return node.name.text === AUTH_METHOD;
  if (ts.isElementAccessExpression(node)) return stringValue(node.argumentExpression) === AUTH_METHOD;
  return ts.isIdentifier(node) && node.text === AUTH_METHOD;
}

function isMsi(node: ts.Node | undefined): boolean {
  return stringValue(node)?.toLowerCase() === 'msi';
}

export const legacyMsiAuth: CodeDetector = {
  id: 'legacy-msi-auth',
  mentions: /loginWith(Vm|AppService)MSI|MSI(Vm|AppService)TokenCredentials|AZURE_AUTH_METHOD/,
  detect(source, context) {
    const findings: Finding[] = [];
    const report = (node: ts.Node, message: string) => findings.push(codeFinding('legacy-msi-auth', locationOf(source, context.file, node), message));
    walk(source, (node) => {
      if (ts.isCallExpression(node) && MSI_CALLS.has(calleeName(node.expression) ?? '')) {
        report(node, `${calleeName(node.expression)} (@azure/ms-rest-nodeauth) requests tokens from IMDS`);
      } else if (ts.isNewExpression(node) && MSI_CLASSES.has(calleeName(node.expression) ?? '')) {
        report(node, `${calleeName(node.expression)} (@azure/ms-rest-nodeauth) requests tokens from IMDS`);
      } else if (ts.isBinaryExpression(node) && (isAuthMethod(node.left) ? isMsi(node.right) : isAuthMethod(node.right) && isMsi(node.left))) {
        report(node, 'AZURE_AUTH_METHOD=msi selects IMDS authentication');
      } else if (ts.isPropertyAssignment(node) && propertyName(node.name) === AUTH_METHOD && isMsi(node.initializer)) {
        report(node, 'AZURE_AUTH_METHOD=msi selects IMDS authentication');
      } else if (ts.isObjectLiteralExpression(node)) {
        // An environment entry built in code: { name: 'AZURE_AUTH_METHOD', value: 'msi' }.
        const properties = objectProperties(node);
        const name = properties.get('name');
        const value = properties.get('value');
        if (name && value && ts.isPropertyAssignment(name) && ts.isPropertyAssignment(value) && stringValue(name.initializer) === AUTH_METHOD && isMsi(value.initializer)) {
          report(node, 'AZURE_AUTH_METHOD=msi selects IMDS authentication');
        }
      } else {
        const text = stringValue(node);
        if (text !== null && /\bAZURE_AUTH_METHOD\s*[=:]\s*["']?msi\b/i.test(text)) report(node, 'AZURE_AUTH_METHOD=msi selects IMDS authentication');
      }
    });
    return findings;
  },
};
