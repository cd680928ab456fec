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
    // A binding of the same chart (folder) that names its identity by a template action may well
    // use it: that is only known once rendered.
    const templated = new Set(inventory.bindings.filter((binding) => binding.identityName?.includes('{{')).map((binding) => folderOf(binding.doc.file)));
    return inventory.identities
      .filter((identity) => !bound.has(identity) && !templated.has(folderOf(identity.doc.file)))
      .map((identity) => ({ message: `AzureIdentity ${refString(identity.ref)} is not used by any AzureIdentityBinding`, location: identity.doc.location }));
  },
};

function folderOf(file: string): string {
  return file.replaceAll('\\', '/').replace(/\/[^/]*$/, '');
}
