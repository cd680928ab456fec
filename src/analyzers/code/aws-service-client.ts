/**
 * Which AWS services an app calls, through `@aws-sdk/client-<service>` (v3), `aws-sdk/clients/<service>`
 * or `new AWS.<Class>()` (v2), listed once per service and file with the usual Azure counterpart
 * (migrations/aws-service-clients.yaml). A move from IRSA is also a move of these calls.
 */
import { ts } from 'ts-morph';
import type { Finding } from '../../model/finding.js';
import { codeFinding } from './code-findings.js';
import type { CodeDetector } from './detector.js';
import { calleeName, locationOf, stringValue, walk } from './syntax.js';

const V3_PACKAGE = /^@aws-sdk\/client-([a-z0-9-]+)$/;
const V2_PACKAGE = /^aws-sdk\/clients\/([a-z0-9-]+)$/;

/** The module named by an import, export-from, require() or import(). */
function moduleName(node: ts.Node): string | null {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) return stringValue(node.moduleSpecifier);
  if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) return stringValue(node.arguments[0]);
  return null;
}

export const awsServiceClient: CodeDetector = {
  id: 'aws-service-client',
  mentions: /aws-sdk/,
  detect(source, context) {
    const byService = new Map(context.tables.awsClients.map((client) => [client.service, client]));
    const byClass = new Map(context.tables.awsClients.map((client) => [client.v2Class, client]));
    // v2 classes count only where the file loads the v2 SDK itself (`new AWS.S3()`).
    const usesV2 = /["']aws-sdk["']/.test(source.getFullText());
    const seen = new Set<string>();
    const findings: Finding[] = [];
    const report = (node: ts.Node, service: string, how: string) => {
      if (seen.has(service)) return;
      seen.add(service);
      const counterpart = byService.get(service)?.azure;
      findings.push(codeFinding('aws-service-client', locationOf(source, context.file, node), `calls AWS ${service} (${how}); ${counterpart ? `usual Azure counterpart: ${counterpart}` : 'no counterpart in the table'}`));
    };
    walk(source, (node) => {
      const name = moduleName(node);
      const service = name === null ? null : (V3_PACKAGE.exec(name) ?? V2_PACKAGE.exec(name))?.[1];
      if (name && service) report(node, service, name);
      else if (usesV2 && ts.isNewExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const client = byClass.get(calleeName(node.expression) ?? '');
        if (client) report(node, client.service, `new ${node.expression.getText(source.compilerNode)}()`);
      }
    });
    return findings;
  },
};
