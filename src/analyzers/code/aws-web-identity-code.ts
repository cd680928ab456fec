/**
 * AWS SDK web-identity credentials, the code side of IRSA: v3 `fromTokenFile`, `fromWebToken`
 * (`@aws-sdk/credential-providers`), `AssumeRoleWithWebIdentityCommand`; v2
 * `WebIdentityCredentials`, `TokenFileWebIdentityCredentials`, `sts.assumeRoleWithWebIdentity`.
 * They read AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, which Workload ID does not inject.
 * https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-credential-providers/
 */
import { ts } from 'ts-morph';
import type { Finding } from '../../model/finding.js';
import { codeFinding } from './code-findings.js';
import type { CodeDetector } from './detector.js';
import { calleeName, locationOf, walk } from './syntax.js';

const CALLS = new Set(['fromTokenFile', 'fromWebToken', 'assumeRoleWithWebIdentity']);
const CLASSES = new Set(['WebIdentityCredentials', 'TokenFileWebIdentityCredentials', 'AssumeRoleWithWebIdentityCommand']);

export const awsWebIdentityCode: CodeDetector = {
  id: 'aws-web-identity-code',
  mentions: /fromTokenFile|fromWebToken|WebIdentity/,
  detect(source, context) {
    const findings: Finding[] = [];
    walk(source, (node) => {
      const name = ts.isCallExpression(node) ? calleeName(node.expression) : ts.isNewExpression(node) ? calleeName(node.expression) : null;
      if (name === null) return;
      if ((ts.isCallExpression(node) && CALLS.has(name)) || (ts.isNewExpression(node) && CLASSES.has(name))) {
        findings.push(codeFinding('aws-web-identity-code', locationOf(source, context.file, node), `${name}: an AWS web-identity credential (IRSA); it reads AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, which Workload ID does not set`));
      }
    });
    return findings;
  },
};
