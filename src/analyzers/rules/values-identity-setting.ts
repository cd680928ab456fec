/**
 * Identity settings in documents that are not Kubernetes objects, which in a GitOps repository
 * are Helm values files: the pod label `aadpodidbinding` (`podLabels`), IRSA role annotations
 * (`serviceAccount.annotations`, at any depth), AGIC's `armAuth.type: aadPodIdentity`
 * (https://azure.github.io/application-gateway-kubernetes-ingress/setup/install/) and the
 * identities of the aad-pod-identity chart itself. They are found wherever they sit.
 */
import type { NodePath } from '../../model/document.js';
import { asFields, stringOf } from '../object-fields.js';
import type { Rule, RuleHit } from '../rule.js';

const MAX_DEPTH = 12;

/** What the setting at `path` does, or null when it is not one of ours. */
function settingAt(path: NodePath, key: string, value: unknown): string | null {
  const parent = path[path.length - 2];
  if (key === 'aadpodidbinding' && stringOf(value) !== null) return `sets the pod label aadpodidbinding: ${stringOf(value)}`;
  if (key === 'eks.amazonaws.com/role-arn' && stringOf(value)) return `sets the IRSA role ${stringOf(value)}`;
  if (key === 'type' && parent === 'armAuth' && stringOf(value)?.toLowerCase() === 'aadpodidentity') return 'configures AGIC to authenticate with AAD Pod Identity';
  // The chart's own identities: `azureIdentities` (v1.6+) or `azureIdentity` with `enabled` (older).
  const fields = asFields(value);
  if ((key === 'azureIdentities' || key === 'azureIdentity') && fields && Object.keys(fields).length > 0 && fields.enabled !== false) {
    return 'defines identities for the aad-pod-identity chart';
  }
  return null;
}

export const valuesIdentitySetting: Rule = {
  id: 'values-identity-setting',
  severity: 'warning',
  title: 'Helm values set pod identity or IRSA',
  fix: 'wimigrate migrate rewrites serviceAccount annotations and podLabels (see the README); AGIC (armAuth.type: workloadIdentity with identityClientID) and the aad-pod-identity chart\'s own identities still need a manual edit.',
  check({ inventory }) {
    const hits: RuleHit[] = [];
    for (const doc of inventory.valuesDocuments) {
      const visit = (value: unknown, path: NodePath) => {
        if (path.length > MAX_DEPTH) return;
        if (Array.isArray(value)) {
          value.forEach((item, index) => visit(item, [...path, index]));
          return;
        }
        const fields = asFields(value);
        if (!fields) return;
        for (const [key, child] of Object.entries(fields)) {
          const at = [...path, key];
          const what = settingAt(at, key, child);
          if (what) hits.push({ message: `${at.join('.')} ${what}`, location: doc.locate(at) });
          else visit(child, at);
        }
      };
      visit(doc.object, []);
    }
    return hits;
  },
};
