import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrationDataError } from '../../src/sources/load-aws-components.js';
import { loadHelmCharts, readHelmCharts } from '../../src/sources/load-helm-charts.js';

function table(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wimigrate-charts-'));
  writeFileSync(path.join(dir, 'helm-charts.yaml'), text);
  return dir;
}

describe('the chart knowledge table', () => {
  it('ships the charts the migration needs, each with changes, a note or a replacement', () => {
    const ids = loadHelmCharts().map((chart) => chart.id);
    for (const id of ['ingress-azure', 'external-dns', 'cert-manager', 'velero', 'keda', 'external-secrets', 'secrets-store-csi-driver-provider-azure', 'aws-load-balancer-controller', 'cluster-autoscaler-aws', 'karpenter-aws', 'aws-ebs-csi-driver']) {
      expect(ids).toContain(id);
    }
  });

  it("adds a project's entries and replaces shipped ones by id", () => {
    const dir = table('schemaVersion: 1\ncharts:\n  - id: keda\n    title: KEDA (ours)\n    match: {path: [x]}\n    note: ours\n  - id: my-chart\n    title: Mine\n    match: {chartNames: [mine]}\n    replacedBy: something\n');
    const charts = loadHelmCharts(dir);
    expect(charts.filter((chart) => chart.id === 'keda').map((chart) => chart.title)).toEqual(['KEDA (ours)']);
    expect(charts.map((chart) => chart.id)).toContain('my-chart');
  });

  it.each([
    ['charts: []', 'expected schemaVersion 1 and a charts list'],
    ['schemaVersion: 1\ncharts:\n  - title: x\n    match: {path: [a]}\n    note: n', 'charts[0]: needs an id'],
    ['schemaVersion: 1\ncharts:\n  - id: a\n    title: x\n    match: {}\n    note: n', 'charts[0] (a): match needs a path or chartNames'],
    ['schemaVersion: 1\ncharts:\n  - id: a\n    title: x\n    match: {path: [a]}\n    clientId: {from: secret, path: [a]}\n    note: n', 'clientId needs from (value, selector or role-arn) and a path'],
    ['schemaVersion: 1\ncharts:\n  - id: a\n    title: x\n    match: {path: [a]}\n    changes:\n      - {set: [a, b]}', 'charts[0] (a).changes[0]: set needs a value'],
    ['schemaVersion: 1\ncharts:\n  - id: a\n    title: x\n    match: {path: [a]}\n    changes:\n      - {phase: later, delete: [a]}', 'phase must be prepare or cutover'],
    ['schemaVersion: 1\ncharts:\n  - id: a\n    title: x\n    match: {path: [a]}', 'needs changes, a note, or replacedBy'],
  ])('%j is refused, naming the entry', (text, message) => {
    const file = path.join(table(text), 'helm-charts.yaml');
    expect(() => readHelmCharts(file)).toThrow(MigrationDataError);
    expect(() => readHelmCharts(file)).toThrow(message);
  });
});
