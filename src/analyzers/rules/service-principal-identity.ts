import { refString } from '../../model/inventory.js';
import type { Rule } from '../rule.js';

/** Types 1 and 2 authenticate with a secret or certificate that Workload ID makes unnecessary. */
export const servicePrincipalIdentity: Rule = {
  id: 'service-principal-identity',
  severity: 'warning',
  title: 'Service-principal identity with a client secret or certificate',
  fix: 'The federated credential goes on the app registration (Microsoft Graph, not ARM). After cutover, delete the referenced Secret and revoke the client secret or certificate.',
  check({ inventory }) {
    return inventory.identities
      .filter((identity) => identity.type === 1 || identity.type === 2)
      .map((identity) => ({
        message: `AzureIdentity ${refString(identity.ref)} is a service principal (type ${identity.type})${identity.hasClientPassword ? ' whose secret becomes unnecessary after cutover' : ''}`,
        location: identity.doc.locate(['spec']),
      }));
  },
};
