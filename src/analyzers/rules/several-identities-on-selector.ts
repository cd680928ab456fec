import { refString } from '../../model/inventory.js';
import { POD_IDENTITY_LABEL } from '../match-bindings.js';
import { groupAssignmentsByWorkload } from '../group-assignments.js';
import type { Rule } from '../rule.js';

/**
 * Several bindings with one selector give a pod several identities; under Workload ID a
 * service account carries one client id, so the app must pick the others itself.
 */
export const severalIdentitiesOnSelector: Rule = {
  id: 'several-identities-on-selector',
  severity: 'warning',
  title: 'A workload receives several identities through one selector',
  fix: 'The service account carries the first identity (by namespace/name); make the app pass the client id of the others explicitly (for example WorkloadIdentityCredential({clientId})).',
  check({ inventory }) {
    return groupAssignmentsByWorkload(inventory.assignments).flatMap(({ workload, identities }) => {
      if (identities.length < 2) return [];
      const names = identities.map((identity) => refString(identity.ref)).join(', ');
      return [
        {
          message: `${workload.kind} ${refString(workload.ref)} receives ${identities.length} identities (${names}) through ${POD_IDENTITY_LABEL}: ${workload.podLabels[POD_IDENTITY_LABEL]}`,
          location: workload.doc.locate([...workload.templatePath, 'metadata', 'labels', POD_IDENTITY_LABEL]),
        },
      ];
    });
  },
};
