import { refString } from '../../model/inventory.js';
import { bindingReaches, identityOfBinding, POD_IDENTITY_LABEL, WORKLOAD_IDENTITY_USE_LABEL } from '../match-bindings.js';
import type { Rule } from '../rule.js';

/** A pod labelled for pod identity that no binding (or no binding in reach) serves. */
export const labelWithoutBinding: Rule = {
  id: 'label-without-binding',
  severity: 'warning',
  title: 'Pod label aadpodidbinding matches no AzureIdentityBinding',
  fix: 'Add the missing binding, or remove the label if the workload needs no Azure identity.',
  check({ inventory, options, identitiesByRef }) {
    const served = new Set(inventory.assignments.map((assignment) => assignment.workload));
    return inventory.workloads.flatMap((workload) => {
      const selector = workload.podLabels[POD_IDENTITY_LABEL];
      if (selector === undefined || served.has(workload)) return [];
      // Already on Workload ID: a label left in an immutable selector is expected, and reported as such.
      if (workload.podLabels[WORKLOAD_IDENTITY_USE_LABEL] === 'true' && POD_IDENTITY_LABEL in workload.selectorLabels) return [];
      const location = workload.doc.locate([...workload.templatePath, 'metadata', 'labels', POD_IDENTITY_LABEL]);
      const sameSelector = inventory.bindings.filter((binding) => binding.selector === selector);
      const outOfReach = sameSelector.filter((binding) => {
        const identity = identityOfBinding(binding, identitiesByRef);
        return identity && !bindingReaches(binding, identity, workload, options);
      });
      const why =
        outOfReach.length > 0
          ? `bindings for it exist only in namespace ${[...new Set(outOfReach.map((b) => b.ref.namespace))].join(', ')}, and their identities are namespaced`
          : sameSelector.length > 0
            ? `its bindings (${sameSelector.map((b) => refString(b.ref)).join(', ')}) name no existing AzureIdentity`
            : 'no AzureIdentityBinding has this selector';
      return [{ message: `${workload.kind} ${refString(workload.ref)} has ${POD_IDENTITY_LABEL}: ${selector}, but ${why}`, location }];
    });
  },
};
