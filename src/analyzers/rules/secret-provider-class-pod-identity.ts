import { refString } from '../../model/inventory.js';
import { keyOf, pathOf } from '../object-fields.js';
import type { Rule } from '../rule.js';

export const secretProviderClassPodIdentity: Rule = {
  id: 'secret-provider-class-pod-identity',
  severity: 'info',
  title: 'SecretProviderClass fetches secrets through pod identity',
  fix: '`migrate` sets usePodIdentity: "false" and clientID to the identity of the workloads that mount it.',
  check({ inventory }) {
    return inventory.secretProviderClasses
      .filter((spc) => spc.usePodIdentity)
      .map((spc) => {
        const key = keyOf(pathOf(spc.doc.object, ['spec', 'parameters']), 'usePodIdentity') ?? 'usePodIdentity';
        return {
          message: `SecretProviderClass ${refString(spc.ref)} has usePodIdentity: "true"`,
          location: spc.doc.locate(['spec', 'parameters', key]),
        };
      });
  },
};
