/**
 * Direct IMDS token requests (`http://169.254.169.254/metadata/identity/oauth2/token`): pod
 * identity's NMI answered them; under Workload ID nothing does unless the migration proxy
 * sidecar runs (DESIGN §5; https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token#get-a-token-using-http).
 */
import type { Finding } from '../../model/finding.js';
import { codeFinding } from './code-findings.js';
import type { CodeDetector } from './detector.js';
import { literalOf, locationOf, stringPieces, walk } from './syntax.js';

const TOKEN_PATH = '/metadata/identity/oauth2/token';
const IMDS_ADDRESS = '169.254.169.254';

export const imdsTokenCall: CodeDetector = {
  id: 'imds-token-call',
  mentions: /169\.254\.169\.254|metadata\/identity\/oauth2\/token/,
  detect(source, context) {
    const findings: Finding[] = [];
    // The address alone is also how AWS's and other metadata services are reached: it counts
    // only in a file that also asks for the identity endpoint.
    const asksForIdentity = source.getFullText().includes('metadata/identity');
    const lines = new Set<number>();
    walk(source, (node) => {
      const text = stringPieces(node);
      if (text === null || !(text.includes(TOKEN_PATH) || (asksForIdentity && text.includes(IMDS_ADDRESS)))) return;
      const location = locationOf(source, context.file, literalOf(node));
      if (lines.has(location.line)) return;
      lines.add(location.line);
      findings.push(codeFinding('imds-token-call', location, 'a direct IMDS token request; under Workload ID only the migration proxy sidecar answers it'));
    });
    return findings;
  },
};
