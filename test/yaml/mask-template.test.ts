import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../src/sources/parse-manifest-text.js';
import { applyEdits, holdsTemplate, maskTemplate, unmaskValue, type YamlEdit } from '../../src/yaml/index.js';
import { parseDocumentText } from '../../src/yaml/parse-chunk.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "orders.fullname" . }}
  labels:
    {{- include "orders.labels" . | nindent 4 }}
spec:
  template:
    metadata:
      labels:
        {{- include "orders.selectorLabels" . | nindent 8 }}
        aadpodidbinding: orders
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          {{- if .Values.env }}
          env: {{ toYaml .Values.env | nindent 12 }}
          {{- end }}
`;

function lineBreaks(text: string): number[] {
  return [...text.matchAll(/\r?\n/g)].map((match) => match.index);
}

describe('maskTemplate', () => {
  it('keeps the length and every line break, and reads as YAML', () => {
    const mask = maskTemplate(DEPLOYMENT)!;
    expect(mask.text).toHaveLength(DEPLOYMENT.length);
    expect(lineBreaks(mask.text)).toEqual(lineBreaks(DEPLOYMENT));
    expect(mask.text).not.toContain('{{');
    expect(parseDocumentText(mask.text).errors).toEqual([]);
    expect(mask.actions).toHaveLength(9);
    // Lines of actions only become comments at the action's column.
    expect(mask.text.split('\n')[5]).toMatch(/^ {4}#/);
    expect(mask.wholeLine).toEqual([false, true, true, false, false, false, true, false, true]);
  });

  it('gives every action back in the values read', () => {
    const mask = maskTemplate(DEPLOYMENT)!;
    const value = unmaskValue(parseDocumentText(mask.text).toJS(), mask.actions) as {
      metadata: { name: string };
      spec: { template: { metadata: { labels: Record<string, string> }; spec: { containers: { name: string; image: string; env: string }[] } } };
    };
    expect(value.metadata.name).toBe('{{ include "orders.fullname" . }}');
    expect(value.spec.template.metadata.labels).toEqual({ aadpodidbinding: 'orders' });
    const [container] = value.spec.template.spec.containers;
    expect(container?.image).toBe('{{ .Values.image.repository }}:{{ .Values.image.tag }}');
    expect(container?.env).toBe('{{ toYaml .Values.env | nindent 12 }}');
    expect(holdsTemplate(value.metadata.name)).toBe(true);
    expect(holdsTemplate(value.spec.template.metadata.labels)).toBe(false);
  });

  it('keeps the line breaks of a multi-line action and of CRLF text', () => {
    const text = 'a: 1\r\n{{- $x := dict\r\n    "k" "}}"\r\n}}\r\nb: {{ .Values.b }}\r\n';
    const mask = maskTemplate(text)!;
    expect(mask.actions[0]).toBe('{{- $x := dict\r\n    "k" "}}"\r\n}}');
    expect(lineBreaks(mask.text)).toEqual(lineBreaks(text));
    expect(parseDocumentText(mask.text).toJS()).toEqual({ a: 1, b: expect.any(String) });
  });

  it('reads comments with any text in them', () => {
    const text = "{{/* don't render }} this */}}\nkind: Pod\n{{- /*\nmulti-line\n*/ -}}\nmetadata: {}\n";
    const mask = maskTemplate(text)!;
    expect(mask.actions).toEqual(["{{/* don't render }} this */}}", '{{- /*\nmulti-line\n*/ -}}']);
    expect(parseDocumentText(mask.text).toJS()).toEqual({ kind: 'Pod', metadata: {} });
  });

  it('gives up on what no same-length token can stand for', () => {
    expect(maskTemplate('a: b')).toBeNull();
    expect(maskTemplate('a: {{ .Values.x')).toBeNull();
    expect(maskTemplate('a: x-{{ .Values.x\n }}')).toBeNull();
  });
});

describe('reading templates', () => {
  it('reads the objects of a template and reports the identity settings that are themselves templated', () => {
    const text = `${DEPLOYMENT.replace('aadpodidbinding: orders', 'aadpodidbinding: {{ .Values.identity }}')}`;
    const parsed = parseManifestText('chart/templates/deployment.yaml', text, 'yaml');
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.documents[0]?.object.kind).toBe('Deployment');
    expect(parsed.documents[0]?.locate(['spec', 'template', 'metadata', 'labels', 'aadpodidbinding'])).toEqual({ file: 'chart/templates/deployment.yaml', line: 12, col: 9 });
    expect(parsed.findings.map((finding) => [finding.id, finding.location.line, finding.message])).toEqual([
      ['templated-file', 12, 'Helm/Go template; pod identity or service account settings on line 12'],
    ]);
  });

  it('reports as before a template whose masked text is not YAML', () => {
    // An if/else that writes one key twice: the masked text has a duplicate key.
    const text = 'kind: Pod\nmetadata:\n  labels:\n    {{- if .Values.a }}\n    aadpodidbinding: a\n    {{- else }}\n    aadpodidbinding: b\n    {{- end }}\n';
    const parsed = parseManifestText('pod.yaml', text, 'yaml');
    expect(parsed.documents).toEqual([]);
    expect(parsed.findings.map((finding) => finding.message)).toEqual(['Helm/Go template; pod identity or service account settings on lines 5, 7']);
  });
});

describe('editing templates', () => {
  const label: YamlEdit = { op: 'set', docIndex: 0, path: ['spec', 'template', 'metadata', 'labels', 'azure.workload.identity/use'], value: 'true' };

  it('edits literal YAML next to an include, at the same offsets', () => {
    const outcome = applyEdits(DEPLOYMENT, 'yaml', [label]);
    expect(outcome.refused).toEqual([]);
    expect(outcome.text).toBe(DEPLOYMENT.replace('aadpodidbinding: orders\n', 'aadpodidbinding: orders\n        azure.workload.identity/use: "true"\n'));
  });

  it('refuses an insertion next to a template action and names the lines', () => {
    const text = DEPLOYMENT.replace('        aadpodidbinding: orders\n', '        aadpodidbinding: orders\n        {{- with .Values.podLabels }}\n        {{- toYaml . | nindent 8 }}\n        {{- end }}\n');
    const outcome = applyEdits(text, 'yaml', [label]);
    expect(outcome.text).toBe(text);
    expect(outcome.refused).toEqual([
      { docIndex: 0, line: 12, col: 9, reason: 'templating ({{ }}) next to the edit at line 12 (template action on line 13): make the change at line 12 by hand' },
    ]);
  });

  it('inserts next to a line that only writes text, not next to one that opens a block', () => {
    const text = 'kind: Pod\nmetadata:\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n    aadpodidbinding: a\n    {{- include "x.more" . | nindent 4 }}\nspec: {}\n';
    const edit: YamlEdit = { op: 'set', docIndex: 0, path: ['metadata', 'labels', 'azure.workload.identity/use'], value: 'true' };
    const outcome = applyEdits(text, 'yaml', [edit]);
    expect(outcome.refused).toEqual([]);
    expect(outcome.text).toBe(text.replace('aadpodidbinding: a\n', 'aadpodidbinding: a\n    azure.workload.identity/use: "true"\n'));
    // A block action beside it is another matter: the new line could land inside the block.
    const conditional = text.replace('{{- include "x.more" . | nindent 4 }}', '{{- if .Values.more }}');
    expect(applyEdits(conditional, 'yaml', [edit]).refused).toHaveLength(1);
  });

  it('refuses a key whose sibling that sets the column is templated', () => {
    const text = 'kind: Pod\nmetadata:\n  labels:\n    {{ .Values.key }}: x\n    aadpodidbinding: a\nspec: {}\n';
    const outcome = applyEdits(text, 'yaml', [{ op: 'set', docIndex: 0, path: ['metadata', 'labels', 'azure.workload.identity/use'], value: 'true' }]);
    expect(outcome.refused.map((refusal) => refusal.reason)).toEqual(['templating ({{ }}) next to the edit at line 5 (template action on line 4): make the change at line 5 by hand']);
  });

  it('never writes a templated value, and deletes a literal line between literal lines', () => {
    const name: YamlEdit = { op: 'set', docIndex: 0, path: ['spec', 'template', 'spec', 'serviceAccountName'], value: '{{ .Release.Name }}-wi' };
    expect(applyEdits(DEPLOYMENT, 'yaml', [name]).refused[0]?.reason).toMatch(/only known once the template is rendered/);
    const text = 'kind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  labels:\n    app: a\n    aadpodidbinding: a\n    tier: b\n';
    const outcome = applyEdits(text, 'yaml', [{ op: 'delete', docIndex: 0, path: ['metadata', 'labels', 'aadpodidbinding'] }]);
    expect(outcome.text).toBe(text.replace('    aadpodidbinding: a\n', ''));
  });

  it('adds a document after a template unless its last action swallows the line break', () => {
    const insert: YamlEdit = { op: 'insert-document-after', docIndex: 0, value: { kind: 'ServiceAccount', metadata: { name: 'sa' } }, comment: 'for default/{{ include "x.fullname" . }}' };
    const text = '{{- if .Values.enabled }}\nkind: Pod\nmetadata:\n  name: p\n{{- end }}\n';
    const outcome = applyEdits(text, 'yaml', [insert]);
    expect(outcome.refused).toEqual([]);
    expect(outcome.text).toBe(`${text}---\n# for default/<template: include "x.fullname" .>\nkind: ServiceAccount\nmetadata:\n  name: sa\n`);
    expect(applyEdits(text.replace('{{- end }}', '{{- end -}}'), 'yaml', [insert]).refused).toHaveLength(1);
  });
});
