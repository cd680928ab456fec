import { refString } from '../../model/inventory.js';
import { identityOfBinding } from '../match-bindings.js';
import type { Rule } from '../rule.js';

/** `spec.azureIdentity` names an AzureIdentity that is not in the binding's namespace. */
export const bindingWithoutIdentity: Rule = {
  id: 'binding-without-identity',
  severity: 'warning',
  title: 'AzureIdentityBinding names an AzureIdentity that does not exist',
  fix: 'Fix spec.azureIdentity (it must name an AzureIdentity in the binding\'s namespace) or delete the binding.',
  check({ inventory, identitiesByRef }) {
    return inventory.bindings.flatMap((binding) => {
      if (identityOfBinding(binding, identitiesByRef)) return [];
      const what = binding.identityName === null ? 'has no spec.azureIdentity' : `names ${binding.ref.namespace}/${binding.identityName}, which is not in the scanned files`;
      return [{ message: `AzureIdentityBinding ${refString(binding.ref)} ${what}`, location: binding.doc.locate(['spec']) }];
    });
  },
};
