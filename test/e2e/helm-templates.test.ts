/**
 * Helm chart templates through the built CLI, on a copy of test/e2e/fixtures/helm-templates:
 * what touches only literal YAML is written, a template whose edit would touch an action stays
 * byte-identical and is reported with its line, templated names never become credential
 * subjects, and a second run changes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, ROOT, runCli } from '../helpers/cli.js';

const FIXTURE = path.join(ROOT, 'test/e2e/fixtures/helm-templates');
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/';

interface JsonReport {
  findings: { id: string; message: string; location: { file: string; line: number } }[];
  plan: { federatedCredentials: { subject: string }[]; manualSteps: { id: string; text: string }[] };
}

describe('Helm templates through the CLI', () => {
  it('migrates the literal parts of a chart, reports the rest, and is idempotent', async () => {
    const work = copyToTemp(FIXTURE);
    const read = (file: string) => readFileSync(path.join(work, file), 'utf8');
    const workerBefore = read('charts/orders/templates/worker.yaml');

    const write = await runCli(['migrate', '.', '--write', '--issuer', ISSUER], { cwd: work });
    expect(write.status).toBe(0);
    expect(read('charts/orders/templates/deployment.yaml')).toContain('        aadpodidbinding: orders\n        azure.workload.identity/use: "true"\n    spec:\n');
    expect(read('charts/reports/templates/serviceaccount.yaml')).toContain('role/reports-exporter\n    azure.workload.identity/client-id: wimigrate-pending:reports-exporter\nautomountServiceAccountToken: true\n');
    // The label would land next to `{{- end }}` of the if block: left as it was, and said where.
    expect(read('charts/orders/templates/worker.yaml')).toBe(workerBefore);
    expect(write.stderr).toContain('charts/orders/templates/worker.yaml:12:9: warning templated-file: Helm/Go template left as it was: templating ({{ }}) next to the edit at line 12 (template action on line 13)');
    expect(write.stderr).toContain('charts/orders/templates/worker.yaml:11:1: warning templated-file: Helm/Go template; pod identity or service account settings on line 11');

    const again = await runCli(['migrate', '.', '--issuer', ISSUER], { cwd: work });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');

    const plan = await runCli(['plan', '.', '--issuer', ISSUER, '--format', 'json'], { cwd: work });
    const report = JSON.parse(plan.stdout) as JsonReport;
    expect(report.plan.federatedCredentials.map((credential) => credential.subject)).toEqual(['system:serviceaccount:shop:orders-api']);
    expect(report.plan.manualSteps.filter((step) => step.id === 'templated-federated-credentials').map((step) => step.text)).toEqual([
      expect.stringContaining('managed identity reports-exporter for the service account default/{{ include "reports.serviceAccountName" . }}'),
    ]);
  });
});
