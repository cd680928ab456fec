import { refString } from '../../model/inventory.js';
import type { Rule } from '../rule.js';

/** Exceptions only tell NMI to let pods through; Workload ID needs nothing in their place. */
export const podIdentityException: Rule = {
  id: 'pod-identity-exception',
  severity: 'info',
  title: 'AzurePodIdentityException: no Workload ID equivalent',
  fix: 'Nothing to migrate; `migrate --phase cutover` removes it.',
  check({ inventory }) {
    return inventory.exceptions.map((exception) => ({
      message: `AzurePodIdentityException ${refString(exception.ref)} (pod labels ${Object.entries(exception.podLabels).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}) is removed at cutover`,
      location: exception.doc.location,
    }));
  },
};
