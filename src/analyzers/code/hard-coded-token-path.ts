/**
 * The token path of azure-workload-identity before v1.6.0, hard-coded: the webhook now mounts
 * the token at /var/run/secrets/azure/wi/token/azure-identity-token and says where in
 * AZURE_FEDERATED_TOKEN_FILE (DESIGN §5).
 */
import type { Finding } from '../../model/finding.js';
import { codeFinding } from './code-findings.js';
import type { CodeDetector } from './detector.js';
import { literalOf, locationOf, stringPieces, walk } from './syntax.js';

export const OLD_TOKEN_PATH = '/var/run/secrets/azure/tokens/azure-identity-token';

export const hardCodedTokenPath: CodeDetector = {
  id: 'hard-coded-token-path',
  mentions: /\/var\/run\/secrets\/azure\/tokens\//,
  detect(source, context) {
    const findings: Finding[] = [];
    walk(source, (node) => {
      const text = stringPieces(node);
      if (text !== null && text.includes(OLD_TOKEN_PATH)) {
        findings.push(codeFinding('hard-coded-token-path', locationOf(source, context.file, literalOf(node)), `the token path ${OLD_TOKEN_PATH} is hard-coded; it moved in azure-workload-identity v1.6.0`));
      }
    });
    return findings;
  },
};
