/**
 * kustomize settings that carry pod identity or IRSA where wimigrate does not rewrite them yet
 * (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/): `commonLabels`
 * puts `aadpodidbinding` on every resource and into every selector, which Kubernetes never lets
 * change; inline JSON 6902 patches (where the annotation key is spelled
 * `eks.amazonaws.com~1role-arn`) and inline patches whose target selects other names.
 */
import { inlinePatchDocument } from '../inventory/read-kustomizations.js';
import { POD_IDENTITY_LABEL } from '../match-bindings.js';
import type { Rule, RuleHit } from '../rule.js';

const IDENTITY_SETTING = /aadpodidbinding|eks\.amazonaws\.com(?:\/|~1)role-arn/i;

export const kustomizeIdentitySetting: Rule = {
  id: 'kustomize-identity-setting',
  severity: 'warning',
  title: 'A kustomization sets pod identity or IRSA',
  fix: 'For commonLabels: move aadpodidbinding to `labels` with includeSelectors: false and add azure.workload.identity/use: "true" there with includeTemplates: true. For inline patches: make the same change as wimigrate makes to manifests (client id annotation, pod label), or move the patch to a file, which wimigrate rewrites.',
  check({ inventory }) {
    const hits: RuleHit[] = [];
    for (const kustomization of inventory.kustomizations) {
      const selector = kustomization.commonLabels[POD_IDENTITY_LABEL];
      if (selector !== undefined) {
        hits.push({
          message: `commonLabels sets ${POD_IDENTITY_LABEL}: ${selector} on every resource and selector of ${kustomization.dir}; Workload ID's label must go on pod templates only`,
          location: kustomization.doc.locate(['commonLabels', POD_IDENTITY_LABEL]),
        });
      }
      for (const patch of kustomization.inlinePatches) {
        const setting = IDENTITY_SETTING.exec(patch.text)?.[0];
        // Strategic-merge patches of one named object are rewritten like patch files (read-kustomizations.ts).
        if (setting && inlinePatchDocument(kustomization, patch) === null) {
          hits.push({ message: `an inline patch (${patch.path.join('.')}) sets ${setting.replace('~1', '/')}; JSON 6902 patches and patches whose target selects other names are not rewritten`, location: kustomization.doc.locate(patch.path) });
        }
      }
    }
    return hits;
  },
};
