import type { CodeDetector } from './detector.js';
import { awsServiceClient } from './aws-service-client.js';
import { awsWebIdentityCode } from './aws-web-identity-code.js';
import { hardCodedTokenPath } from './hard-coded-token-path.js';
import { identityByResourceId } from './identity-by-resource-id.js';
import { imdsTokenCall } from './imds-token-call.js';
import { legacyMsiAuth } from './legacy-msi-auth.js';
import { managedIdentityCredential } from './managed-identity-credential.js';
import { manifestInCode } from './manifest-in-code.js';

/** Every detector over JavaScript and TypeScript sources. */
export const CODE_DETECTORS: readonly CodeDetector[] = [
  managedIdentityCredential,
  identityByResourceId,
  imdsTokenCall,
  legacyMsiAuth,
  hardCodedTokenPath,
  awsWebIdentityCode,
  awsServiceClient,
  manifestInCode,
];

export type { CodeDetector, DetectorContext } from './detector.js';
