import type { ManifestDocument } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { AnalyzerOptions } from './analyzer-options.js';
import { collectInventory } from './collect-inventory.js';
import { indexIdentities } from './match-bindings.js';
import { toFinding, type Rule } from './rule.js';
import { awsOnlyComponent } from './rules/aws-only-component.js';
import { awsWebIdentityEnv } from './rules/aws-web-identity-env.js';
import { bindingWithoutIdentity } from './rules/binding-without-identity.js';
import { crossNamespaceBinding } from './rules/cross-namespace-binding.js';
import { identityIncomplete } from './rules/identity-incomplete.js';
import { identityNeverBound } from './rules/identity-never-bound.js';
import { irsaNonDefaultAudience } from './rules/irsa-non-default-audience.js';
import { irsaServiceAccount } from './rules/irsa-service-account.js';
import { kustomizeIdentitySetting } from './rules/kustomize-identity-setting.js';
import { chartIdentitySettings } from './rules/chart-identity-settings.js';
import { awsOnlyChart } from './rules/aws-only-chart.js';
import { labelInImmutableSelector } from './rules/label-in-immutable-selector.js';
import { labelWithoutBinding } from './rules/label-without-binding.js';
import { podIdentityException } from './rules/pod-identity-exception.js';
import { secretProviderClassPodIdentity } from './rules/secret-provider-class-pod-identity.js';
import { servicePrincipalIdentity } from './rules/service-principal-identity.js';
import { severalIdentitiesOnSelector } from './rules/several-identities-on-selector.js';
import { valuesIdentitySetting } from './rules/values-identity-setting.js';

export const RULES: readonly Rule[] = [
  labelWithoutBinding,
  bindingWithoutIdentity,
  identityNeverBound,
  identityIncomplete,
  severalIdentitiesOnSelector,
  crossNamespaceBinding,
  labelInImmutableSelector,
  servicePrincipalIdentity,
  podIdentityException,
  secretProviderClassPodIdentity,
  irsaServiceAccount,
  irsaNonDefaultAudience,
  awsWebIdentityEnv,
  valuesIdentitySetting,
  awsOnlyComponent,
  kustomizeIdentitySetting,
  chartIdentitySettings,
  awsOnlyChart,
];

export interface Analysis {
  inventory: Inventory;
  findings: Finding[];
}

/** Documents in, inventory and findings out. Pure. */
export function analyze(documents: readonly ManifestDocument[], options: AnalyzerOptions): Analysis {
  const inventory = collectInventory(documents, options);
  const context = { inventory, options, identitiesByRef: indexIdentities(inventory.identities) };
  const findings = RULES.flatMap((rule) => rule.check(context).map((hit) => toFinding(rule, hit)));
  return { inventory, findings };
}

export type { AnalyzerOptions } from './analyzer-options.js';
export { DEFAULT_ANALYZER_OPTIONS } from './analyzer-options.js';
