import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../src/analyzers/index.js';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../../src/planner/plan-options.js';
import { runMigration } from '../../src/pipeline/run-migration.js';

const GOLDEN = path.join(import.meta.dirname, '../transformers/golden');
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/t/g/';

function migrate(text: string, plan: Partial<PlanOptions> = {}) {
  return runMigration([{ file: 'chart/templates/all.yaml', text, format: 'yaml' }], { analyzer: DEFAULT_ANALYZER_OPTIONS, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER, ...plan } });
}

function golden(name: string): { text: string; options: Partial<PlanOptions> } {
  const folder = path.join(GOLDEN, name);
  const options = JSON.parse(readFileSync(path.join(folder, 'options.json'), 'utf8')) as Partial<PlanOptions>;
  return { text: readFileSync(path.join(folder, 'input.yaml'), 'utf8'), options };
}

describe('templated names in the plan', () => {
  it('an IRSA service account named by a template is rewritten, and its credential is a manual step', () => {
    const { text, options } = golden('helm-template-irsa-service-account');
    const result = migrate(text, options);
    expect(result.changes.filter((change) => change.before !== change.after)).toHaveLength(1);
    expect(result.plan.federatedCredentials).toEqual([]);
    const steps = result.plan.manualSteps.filter((step) => step.id === 'templated-federated-credentials');
    expect(steps.map((step) => [step.text, step.location?.line])).toEqual([
      [
        'Create a federated credential on managed identity id-reports for the service account default/{{ include "reports.serviceAccountName" . }}: a Helm/Go template names it, so the subject (system:serviceaccount:<namespace>:<name>) is only known once the chart is rendered (helm template shows it).',
        12,
      ],
    ]);
    // Right after the step that creates the plan's other credentials (here: none, so after enabling Workload ID).
    expect(result.plan.manualSteps.map((step) => step.id).slice(0, 2)).toEqual(['enable-workload-identity', 'templated-federated-credentials']);
  });

  it('a pod identity workload that runs under a templated service account gets no credential with a template as subject', () => {
    const { text } = { text: readFileSync(path.join(GOLDEN, 'helm-template-include-rewritten/input.yaml'), 'utf8') };
    const templated = text.replace('serviceAccountName: orders-api', 'serviceAccountName: {{ include "orders.serviceAccountName" . }}');
    const result = migrate(templated);
    expect(result.changes.find((change) => change.before !== change.after)?.after).toContain('azure.workload.identity/use: "true"');
    expect(result.plan.federatedCredentials.filter((credential) => credential.subject.includes('{{'))).toEqual([]);
    expect(result.plan.federatedCredentials).toEqual([]);
    expect(result.plan.manualSteps.map((step) => step.id)).toContain('templated-federated-credentials');
    expect(result.plan.manualSteps.find((step) => step.id === 'templated-federated-credentials')?.text).toContain('AzureIdentity shop/orders-identity');
  });

  it('a templated client id, selector or identity name is never used', () => {
    const base = readFileSync(path.join(GOLDEN, 'helm-template-include-rewritten/input.yaml'), 'utf8');
    for (const variant of [
      base.replace('clientID: 6d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'clientID: {{ .Values.clientId }}'),
      base.replace('selector: orders', 'selector: {{ .Values.selector }}').replace('aadpodidbinding: orders', 'aadpodidbinding: {{ .Values.selector }}'),
      base.replace('azureIdentity: orders-identity', 'azureIdentity: {{ .Values.identity }}'),
    ]) {
      const result = migrate(variant);
      expect(result.changes.filter((change) => change.before !== change.after)).toEqual([]);
      expect(result.plan.federatedCredentials).toEqual([]);
    }
  });
});
