import { refString } from '../../model/inventory.js';
import type { Rule } from '../rule.js';

/**
 * Pod identity matches cluster-wide by default, so a binding in one namespace serves pods in
 * another. Workload ID has no such indirection: the federated credential names the pod's own
 * namespace and service account, which is easy to get wrong by copying the binding's namespace.
 */
export const crossNamespaceBinding: Rule = {
  id: 'cross-namespace-binding',
  severity: 'warning',
  title: 'A binding in one namespace serves pods in another',
  fix: 'Nothing to change in the manifests: the federated credential is planned for the pod\'s own namespace. Check that nobody relies on the binding\'s namespace.',
  check({ inventory }) {
    return inventory.assignments
      // A templated namespace (`{{ .Release.Namespace }}`) is only known once rendered: maybe the same.
      .filter(({ workload, binding }) => workload.ref.namespace !== binding.ref.namespace && !workload.ref.namespace.includes('{{'))
      .map(({ workload, binding, identity }) => ({
        message: `AzureIdentityBinding ${refString(binding.ref)} gives ${refString(identity.ref)} to ${workload.kind} ${refString(workload.ref)} in another namespace (cluster-wide matching)`,
        location: binding.doc.locate(['spec']),
      }));
  },
};
