import { refString } from '../../model/inventory.js';
import { isGuid } from '../object-fields.js';
import type { Rule } from '../rule.js';

/**
 * Without a client id nothing can be annotated; without a resource id no credential can be
 * placed (the planner also checks that the id names a user-assigned identity). Many repositories
 * keep placeholders (`<CLIENT_ID>`, `${CLIENT_ID}`) that deployment fills in: they are carried
 * over as they are, and this says so.
 */
export const identityIncomplete: Rule = {
  id: 'identity-incomplete',
  severity: 'warning',
  title: 'AzureIdentity lacks what the migration needs',
  fix: 'Fill in spec.clientID (and spec.resourceID for type 0) with the real values; a placeholder that deployment fills in must also be filled in the new service account annotations and federated credentials.',
  check({ inventory }) {
    return inventory.identities.flatMap((identity) => {
      const problems: string[] = [];
      if (identity.type === null) problems.push('spec.type is not 0, 1 or 2');
      if (!identity.clientId) problems.push('spec.clientID is missing');
      else if (!isGuid(identity.clientId)) {
        problems.push(`spec.clientID "${identity.clientId}" is a placeholder, not a client id; the service account annotation gets the same placeholder, so the substitution that fills one must fill the other`);
      }
      if (identity.type === 0 && !identity.resourceId) problems.push('spec.resourceID is missing');
      if (problems.length === 0) return [];
      return [{ message: `AzureIdentity ${refString(identity.ref)}: ${problems.join('; ')}`, location: identity.doc.locate(['spec']) }];
    });
  },
};
