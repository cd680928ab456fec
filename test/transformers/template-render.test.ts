/**
 * What the rewritten Helm templates of the golden cases render to: with the chart's conditions on
 * and off, the result must be valid YAML, and differ from what the original renders to only by
 * the Workload ID changes (no label inside an `if` block it did not belong to, no line break
 * swallowed by a trim marker, nothing else moved).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { stringify } from 'yaml';
import { helmAvailable } from '../helpers/helm.js';
import { renderGoTemplate, type RenderContext } from '../helpers/render-go-template.js';

const GOLDEN = path.join(import.meta.dirname, 'golden');
const CASES = readdirSync(GOLDEN).filter((name) => name.startsWith('helm-template-')).sort();

const NAMED = {
  'orders.fullname': 'orders-prod',
  'orders.labels': 'app.kubernetes.io/name: orders\nhelm.sh/chart: orders-1.0.0',
  'orders.selectorLabels': 'app.kubernetes.io/name: orders',
  'reports.fullname': 'reports-prod',
  'reports.labels': 'app.kubernetes.io/name: reports',
  'reports.serviceAccountName': 'reports',
};

function context(on: boolean): RenderContext {
  return {
    named: NAMED,
    chart: { Name: 'orders', AppVersion: '1.0.0' },
    release: { Name: 'prod', Namespace: 'shop' },
    values: {
      replicaCount: 2,
      podAnnotations: on ? { 'prometheus.io/scrape': 'true' } : {},
      resources: on ? { limits: { cpu: '500m' } } : {},
      image: on ? { repository: 'acr.io/orders', tag: '1.2.3' } : { repository: 'acr.io/orders', tag: '' },
      identity: 'orders',
      podIdentity: { enabled: on },
      serviceAccount: { create: true, annotations: on ? { team: 'reports' } : {} },
      schedule: '0 * * * *',
    },
  };
}

/** Every scalar of every document, by document (kind/name) and path. */
function flatten(text: string): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const doc of parseAllDocuments(text)) {
    expect(doc.errors.map((error) => error.message)).toEqual([]);
    const value = doc.toJS() as Record<string, unknown> | null;
    if (value === null) continue;
    const meta = (value.metadata ?? {}) as Record<string, unknown>;
    const walk = (node: unknown, at: string) => {
      if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`);
      else flat.set(at, node);
    };
    walk(value, `${String(value.kind)}:${String(meta.name)}`);
  }
  return flat;
}

/** What migrate may change: Workload ID keys, the pod identity label, the service account, whole identity documents and new service accounts. */
const ALLOWED = /\/(?:azure\.workload\.identity\/[\w-]+|aadpodidbinding|serviceAccountName)$|^(?:AzureIdentity|AzureIdentityBinding|ServiceAccount):/;

/** Renders a template by `render`, before and after the rewrite, and checks what changed. */
function checkCase(name: string, on: boolean, render: (template: string, context: RenderContext) => string): void {
  const folder = path.join(GOLDEN, name);
  const crlf = (text: string) => text.replaceAll('\r\n', '\n');
  const input = readFileSync(path.join(folder, 'input.yaml'), 'utf8');
  const expected = readFileSync(path.join(folder, 'expected.yaml'), 'utf8');
  const before = flatten(render(crlf(input), context(on)));
  const after = flatten(render(crlf(expected), context(on)));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key) !== after.get(key)).sort();
  expect(changed.filter((key) => !ALLOWED.test(key))).toEqual([]);
  if (input !== expected) expect(changed.length).toBeGreaterThan(0);
}

const REWRITTEN = CASES.filter((name) => existsSync(path.join(GOLDEN, name, 'expected.yaml')));

/**
 * The real helm: the template in a chart of its own, whose helpers define the named templates
 * the goldens include, with the context's values; `helm template` renders it as a release would.
 */
function renderWithHelm(template: string, given: RenderContext): string {
  const chart = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-chart-'));
  try {
    mkdirSync(path.join(chart, 'templates'));
    writeFileSync(path.join(chart, 'Chart.yaml'), `apiVersion: v2\nname: ${String(given.chart?.Name)}\nversion: 1.0.0\nappVersion: "${String(given.chart?.AppVersion)}"\n`);
    writeFileSync(path.join(chart, 'values.yaml'), stringify(given.values));
    const helpers = Object.entries(given.named ?? {}).map(([named, text]) => `{{- define "${named}" -}}\n${text}\n{{- end }}\n`);
    writeFileSync(path.join(chart, 'templates', '_helpers.tpl'), helpers.join(''));
    writeFileSync(path.join(chart, 'templates', 'case.yaml'), template);
    return execFileSync('helm', ['template', String(given.release?.Name), chart, '--namespace', String(given.release?.Namespace)], { encoding: 'utf8' });
  } finally {
    rmSync(chart, { recursive: true, force: true });
  }
}

/** The if-blocks case with the pod label wrongly put inside its `if` blocks. */
function labelInsideIfBlocks(): string {
  const input = readFileSync(path.join(GOLDEN, 'helm-template-if-blocks/input.yaml'), 'utf8');
  const wrong = input.replace('aadpodidbinding: other\n', 'aadpodidbinding: other\n        azure.workload.identity/use: "true"\n').replace('aadpodidbinding: orders\n        {{- end }}', 'aadpodidbinding: orders\n        azure.workload.identity/use: "true"\n        {{- end }}');
  expect(wrong).not.toBe(input);
  return wrong;
}

describe('rewritten templates render as intended', () => {
  for (const name of REWRITTEN) {
    for (const on of [true, false]) {
      it(`${name} (conditions ${on ? 'on' : 'off'})`, () => checkCase(name, on, renderGoTemplate));
    }
  }

  it('would catch a label put inside an if block (what the adjacency rule prevents)', () => {
    const off = flatten(renderGoTemplate(labelInsideIfBlocks(), context(false)));
    expect([...off.keys()].filter((key) => key.endsWith('azure.workload.identity/use'))).toEqual([]);
  });

  it('the renderer itself: trim markers, blocks and includes', () => {
    const text = 'a:\n  {{- include "orders.labels" . | nindent 2 }}\n  {{- if .Values.podIdentity.enabled }}\n  b: 1\n  {{- end }}\nc: {{ .Values.schedule | quote }}\n';
    expect(renderGoTemplate(text, context(true))).toBe('a:\n  app.kubernetes.io/name: orders\n  helm.sh/chart: orders-1.0.0\n  b: 1\nc: "0 * * * *"\n');
    expect(renderGoTemplate(text, context(false))).toBe('a:\n  app.kubernetes.io/name: orders\n  helm.sh/chart: orders-1.0.0\nc: "0 * * * *"\n');
  });
});

describe.runIf(helmAvailable())('rewritten templates rendered by helm 3', () => {
  for (const name of REWRITTEN) {
    for (const on of [true, false]) {
      it(`${name} (conditions ${on ? 'on' : 'off'})`, () => checkCase(name, on, renderWithHelm));
    }
  }

  it('would catch a label put inside an if block', () => {
    const off = flatten(renderWithHelm(labelInsideIfBlocks(), context(false)));
    expect([...off.keys()].filter((key) => key.endsWith('azure.workload.identity/use'))).toEqual([]);
    const on = flatten(renderWithHelm(labelInsideIfBlocks(), context(true)));
    expect([...on.keys()].filter((key) => key.endsWith('azure.workload.identity/use')).length).toBeGreaterThan(0);
  });
});
