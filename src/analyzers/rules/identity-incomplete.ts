import { refString } from '../../model/inventory.js';
import type { Rule } from '../rule.js';

/**
 * Without a client id nothing can be annotated; without a resource id no credential can be
 * placed (the planner also checks that the id names a user-assigned identity).
 */
export const identityIncomplete: Rule = {
  id: 'identity-incomplete',
  severity: 'warning',
  title: 'AzureIdentity lacks what the migration needs',
  fix: 'Fill in spec.clientID (and spec.resourceID for type 0) with the real values; placeholders cannot be migrated.',
  check({ inventory }) {
    return inventory.identities.flatMap((identity) => {
      const problems: string[] = [];
      if (identity.type === null) problems.push('spec.type is not 0, 1 or 2');
      if (!identity.clientId) problems.push('spec.clientID is missing');
      if (identity.type === 0 && !identity.resourceId) problems.push('spec.resourceID is missing');
      if (problems.length === 0) return [];
      return [{ message: `AzureIdentity ${refString(identity.ref)}: ${problems.join('; ')}`, location: identity.doc.locate(['spec']) }];
    });
  },
};
