/**
 * What the rewritten Helm templates of the golden cases render to: with the chart's conditions on
 * and off, the result must be valid YAML, and differ from what the original renders to only by
 * the Workload ID changes (no label inside an `if` block it did not belong to, no line break
 * swallowed by a trim marker, nothing else moved).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
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

describe('rewritten templates render as intended', () => {
  for (const name of CASES) {
    const folder = path.join(GOLDEN, name);
    if (!existsSync(path.join(folder, 'expected.yaml'))) continue;
    for (const on of [true, false]) {
      it(`${name} (conditions ${on ? 'on' : 'off'})`, () => {
        const crlf = (text: string) => text.replaceAll('\r\n', '\n');
        const before = flatten(renderGoTemplate(crlf(readFileSync(path.join(folder, 'input.yaml'), 'utf8')), context(on)));
        const after = flatten(renderGoTemplate(crlf(readFileSync(path.join(folder, 'expected.yaml'), 'utf8')), context(on)));
        const changed = [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key) !== after.get(key)).sort();
        expect(changed.filter((key) => !ALLOWED.test(key))).toEqual([]);
        if (readFileSync(path.join(folder, 'input.yaml'), 'utf8') !== readFileSync(path.join(folder, 'expected.yaml'), 'utf8')) expect(changed.length).toBeGreaterThan(0);
      });
    }
  }

  it('would catch a label put inside an if block (what the adjacency rule prevents)', () => {
    const input = readFileSync(path.join(GOLDEN, 'helm-template-if-blocks/input.yaml'), 'utf8');
    const wrong = input.replace('aadpodidbinding: other\n', 'aadpodidbinding: other\n        azure.workload.identity/use: "true"\n').replace('aadpodidbinding: orders\n        {{- end }}', 'aadpodidbinding: orders\n        azure.workload.identity/use: "true"\n        {{- end }}');
    expect(wrong).not.toBe(input);
    const off = flatten(renderGoTemplate(wrong, context(false)));
    expect([...off.keys()].filter((key) => key.endsWith('azure.workload.identity/use'))).toEqual([]);
  });

  it('the renderer itself: trim markers, blocks and includes', () => {
    const text = 'a:\n  {{- include "orders.labels" . | nindent 2 }}\n  {{- if .Values.podIdentity.enabled }}\n  b: 1\n  {{- end }}\nc: {{ .Values.schedule | quote }}\n';
    expect(renderGoTemplate(text, context(true))).toBe('a:\n  app.kubernetes.io/name: orders\n  helm.sh/chart: orders-1.0.0\n  b: 1\nc: "0 * * * *"\n');
    expect(renderGoTemplate(text, context(false))).toBe('a:\n  app.kubernetes.io/name: orders\n  helm.sh/chart: orders-1.0.0\nc: "0 * * * *"\n');
  });
});
