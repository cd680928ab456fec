/**
 * kustomize settings that carry pod identity or IRSA where wimigrate does not rewrite them yet
 * (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/): `commonLabels`
 * puts `aadpodidbinding` on every resource and into every selector, which Kubernetes never lets
 * change; patches whose target selects other names (a regular expression, a label selector),
 * which a federated credential cannot follow, and JSON 6902 operations that wimigrate does not
 * read (a list item, `move`, `copy`). JSON 6902 patches of one named object are read and
 * rewritten (read-json6902.ts).
 */
import { operationsInString } from '../inventory/read-json6902.js';
import { documentInString } from '../inventory/embedded-values.js';
import { inlinePatchDocument } from '../inventory/read-kustomizations.js';
import { POD_IDENTITY_LABEL } from '../match-bindings.js';
import type { Rule, RuleHit } from '../rule.js';

const IDENTITY_SETTING = /aadpodidbinding|eks\.amazonaws\.com(?:\/|~1)role-arn/i;

export const kustomizeIdentitySetting: Rule = {
  id: 'kustomize-identity-setting',
  severity: 'warning',
  title: 'A kustomization sets pod identity or IRSA',
  fix: 'For commonLabels: move aadpodidbinding to `labels` with includeSelectors: false and add azure.workload.identity/use: "true" there with includeTemplates: true. For patches whose target selects several objects: write one patch per object (the credential needs its name), or make the same change as wimigrate makes to manifests (client id annotation, pod label) by hand.',
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
        // JSON 6902 patches are judged below, with their files.
        if (setting && inlinePatchDocument(kustomization, patch) === null && operationsInString(patch.text) === null) {
          const why = documentInString(kustomization.doc, patch.path, patch.text) ? 'its target selects other objects than the one it names' : 'the string is not one manifest wimigrate can read (several documents, templating)';
          hits.push({ message: `an inline patch (${patch.path.join('.')}) sets ${setting.replace('~1', '/')}, but ${why}; it is not rewritten`, location: kustomization.doc.locate(patch.path) });
        }
      }
    }
    for (const patch of inventory.json6902Patches) {
      if (patch.problem === null || patch.settings.length === 0) continue;
      const what = patch.doc ? 'that operation is not rewritten' : 'it is not rewritten';
      hits.push({ message: `a JSON 6902 patch (${patch.path.join('.')} of ${patch.kustomization.doc.file}) sets ${patch.settings.join(', ')}, but ${patch.problem}; ${what}`, location: patch.location });
    }
    return hits;
  },
};
