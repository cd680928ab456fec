/**
 * Identity settings in documents that are not Kubernetes objects, which in a GitOps repository
 * are Helm values files: the pod label `aadpodidbinding` (`podLabels`), IRSA role annotations
 * (`serviceAccount.annotations`, at any depth), AGIC's `armAuth.type: aadPodIdentity`
 * (https://azure.github.io/application-gateway-kubernetes-ingress/setup/install/) and the
 * identities of the aad-pod-identity chart itself. They are found wherever they sit: in values
 * files, and inside Flux HelmReleases and Argo CD Applications (structured or as a string).
 */
import type { ManifestDocument, NodePath } from '../../model/document.js';
import { stringValuesDocument, type EmbeddedValues } from '../inventory/embedded-values.js';
import { refString } from '../../model/inventory.js';
import type { SourceLocation } from '../../model/location.js';
import { asFields, metadataOf, stringOf, valueAt } from '../object-fields.js';
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
  fix: 'wimigrate migrate rewrites serviceAccount annotations and podLabels, and AGIC\'s armAuth through the chart table (see the README); the aad-pod-identity chart\'s own identities go away with the chart.',
  check({ inventory }) {
    const hits: RuleHit[] = [];
    for (const doc of inventory.valuesDocuments) hits.push(...once(doc, () => settingsIn(doc.object, (path) => doc.locate(path))));
    for (const { doc, values } of inventory.gitOpsValues) hits.push(...once(values, () => gitOpsSettings(doc, values)));
    return hits;
  },
};

/**
 * Hits by the values document, or the GitOps object's values entry, they were found in: both
 * are read once per run and never changed, and every analysis of the run (one per pass) asks.
 */
const found = new WeakMap<object, RuleHit[]>();

function once(key: object, find: () => RuleHit[]): RuleHit[] {
  let hits = found.get(key);
  if (!hits) found.set(key, (hits = find()));
  return hits;
}

function gitOpsSettings(doc: ManifestDocument, values: EmbeddedValues): RuleHit[] {
  const where = `${String(doc.object.kind)} ${refString({ namespace: metadataOf(doc.object).namespace ?? '', name: metadataOf(doc.object).name })}`;
  if (!values.inString) {
    return settingsIn(valueAt(doc.object, values.path), (path) => doc.locate([...values.path, ...path]), `${where} ${values.path.join('.')}.`);
  }
  // A YAML document inside a string: positions inside it are the string's key.
  const text = String(valueAt(doc.object, values.path));
  const parsed = stringValuesDocument(doc, values.path)?.object ?? null;
  const location = () => doc.locate(values.path);
  if (parsed === null) {
    return /aadpodid|eks\.amazonaws\.com\/role-arn|aadPodIdentity/i.test(text)
      ? [{ message: `${where} ${values.path.join('.')} is a templated values string that sets pod identity or IRSA; edit it by hand`, location: location() }]
      : [];
  }
  return settingsIn(parsed, location, `${where} ${values.path.join('.')} (a string): `);
}

/** Every identity setting in a values tree, by its path. */
function settingsIn(root: unknown, at: (path: NodePath) => SourceLocation, prefix = ''): RuleHit[] {
  const hits: RuleHit[] = [];
  const report = (value: unknown, path: NodePath) => {
    if (path.length > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => report(item, [...path, index]));
      return;
    }
    const fields = asFields(value);
    if (!fields) return;
    for (const [key, child] of Object.entries(fields)) {
      const here = [...path, key];
      const what = settingAt(here, key, child);
      if (what) hits.push({ message: `${prefix}${here.join('.')} ${what}`, location: at(here) });
      else report(child, here);
    }
  };
  report(root, []);
  return hits;
}
