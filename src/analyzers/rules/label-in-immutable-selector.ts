import { refString } from '../../model/inventory.js';
import { POD_IDENTITY_LABEL } from '../match-bindings.js';
import type { Rule } from '../rule.js';

/** spec.selector of a Deployment, StatefulSet or DaemonSet cannot change after creation. */
export const labelInImmutableSelector: Rule = {
  id: 'label-in-immutable-selector',
  severity: 'warning',
  title: 'aadpodidbinding is part of an immutable label selector',
  fix: 'Leave the label in place (it is harmless once pod identity is gone), or recreate the workload with a new selector in a planned change.',
  check({ inventory }) {
    return inventory.workloads
      .filter((workload) => POD_IDENTITY_LABEL in workload.selectorLabels)
      .map((workload) => ({
        message: `${workload.kind} ${refString(workload.ref)} selects its pods by ${POD_IDENTITY_LABEL}; the label must stay in spec.selector.matchLabels and in the pod template`,
        location: workload.doc.locate(['spec', 'selector', 'matchLabels', POD_IDENTITY_LABEL]),
      }));
  },
};
