import { refString } from '../../model/inventory.js';
import { identityOfBinding } from '../match-bindings.js';
import type { Rule } from '../rule.js';

export const identityNeverBound: Rule = {
  id: 'identity-never-bound',
  severity: 'info',
  title: 'AzureIdentity that no binding uses',
  fix: 'Nothing is migrated for it; delete it at cutover if nothing else refers to it.',
  check({ inventory, identitiesByRef }) {
    const bound = new Set(inventory.bindings.map((binding) => identityOfBinding(binding, identitiesByRef)));
    return inventory.identities
      .filter((identity) => !bound.has(identity))
      .map((identity) => ({ message: `AzureIdentity ${refString(identity.ref)} is not used by any AzureIdentityBinding`, location: identity.doc.location }));
  },
};
