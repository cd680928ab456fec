import { describe, expect, it } from 'vitest';
import { parseManifestText, readDeferred } from '../../src/sources/parse-manifest-text.js';
import { splitDocuments } from '../../src/yaml/index.js';

/** Everything the file holds that any analyzer could need, deferred documents included. */
function readAll(file: string, text: string, format: 'yaml' | 'json') {
  const parsed = parseManifestText(file, text, format);
  const late = readDeferred(parsed.deferred, (_, start, end) => text.slice(start, end));
  return { ...parsed, documents: [...parsed.documents, ...late.documents], findings: [...parsed.findings, ...late.findings] };
}
import { hasTemplateActions } from '../../src/sources/relevance.js';

describe('parseManifestText', () => {
  it('reads multi-document YAML, skipping documents no analyzer needs', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n---\n# only a comment\n';
    const parsed = readAll('f.yaml', text, 'yaml');
    expect(parsed.documents.map((doc) => [doc.docIndex, doc.object.kind])).toEqual([[1, 'ServiceAccount']]);
    expect(parsed.documentCount).toBe(2);
    expect(parsed.documents[0]?.location).toEqual({ file: 'f.yaml', line: 5, col: 1 });
  });

  it('yields the items of a List with their path', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata: {name: a}\n  - kind: ConfigMap\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata: {name: b}\n';
    const parsed = readAll('l.yaml', text, 'yaml');
    expect(parsed.documents.map((doc) => doc.pathPrefix)).toEqual([['items', 0], ['items', 1], ['items', 2]]);
    expect(parsed.documents[2]?.locate(['metadata', 'name'])).toEqual({ file: 'l.yaml', line: 10, col: 16 });
  });

  it('reads JSON with positions', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "ServiceAccount",\n  "metadata": {"name": "x"}\n}\n';
    const parsed = readAll('s.json', text, 'json');
    expect(parsed.documents[0]?.object.kind).toBe('ServiceAccount');
    expect(parsed.documents[0]?.locate(['metadata'])).toEqual({ file: 's.json', line: 4, col: 3 });
  });

  it('reports YAML errors with file, line and column, and goes on', () => {
    const text = 'kind: ServiceAccount\nmetadata: {name: [x}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ok}\n';
    const parsed = readAll('bad.yaml', text, 'yaml');
    expect(parsed.findings).toEqual([expect.objectContaining({ id: 'yaml-error', location: expect.objectContaining({ file: 'bad.yaml', line: 2 }) })]);
    expect(parsed.documents.map((doc) => doc.object.metadata)).toEqual([{ name: 'ok' }]);
  });

  it('reports an alias bomb as a YAML error instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const parsed = parseManifestText('bomb.yaml', `kind: ServiceAccount\n${levels.join('\n')}\n`, 'yaml');
    expect(parsed.findings.map((finding) => finding.id)).toEqual(['yaml-error']);
    expect(parsed.findings[0]?.message).toMatch(/alias/i);
  });

  it('reports nesting too deep to read as a YAML error instead of crashing', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\n  labels: {aadpodidbinding: x}\ndata: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const parsed = parseManifestText('deep.yaml', text, 'yaml');
    expect(parsed.findings).toEqual([expect.objectContaining({ id: 'yaml-error', message: expect.stringContaining('nesting too deep'), location: expect.objectContaining({ line: 6 }) })]);
  });

  it('reads Helm templates, and reports the lines where a pod identity setting is templated', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    metadata:\n      labels:\n        aadpodidbinding: {{ .Values.selector }}\n';
    const parsed = parseManifestText('t.yaml', text, 'yaml');
    expect(parsed.documents.map((doc) => doc.object.metadata)).toEqual([{ name: '{{ .Release.Name }}' }]);
    expect(parsed.findings).toEqual([expect.objectContaining({ id: 'templated-file', message: expect.stringContaining('line 9'), location: expect.objectContaining({ line: 9 }) })]);
  });
});

describe('deferred service account documents', () => {
  it('are left unread with the names they mention, unless something could hide a name', () => {
    const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app-sa\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: &n hidden\n';
    const parsed = parseManifestText('sa.yaml', text, 'yaml');
    expect(parsed.deferred.map((chunk) => [chunk.chunk.index, chunk.names])).toEqual([[0, ['app-sa']]]);
    expect(parsed.documents.map((doc) => doc.docIndex)).toEqual([1]);
  });
});

describe('hasTemplateActions', () => {
  it.each([
    ['{{- if .Values.enabled }}\nkind: X\n', true],
    ['name: {{ .Values.name }}\n', true],
    ['  - {{ .Values.item }}\n', true],
    ['summary: "{{ $labels.instance }} is down"\n', false],
    ["message: 'value {{ x }}'\n", false],
    ['kind: ConfigMap\n', false],
  ])('%j -> %s', (text, expected) => {
    expect(hasTemplateActions(text)).toBe(expected);
  });
});

describe('parseManifestText with decisions taken before', () => {
  it('decides the same from the decisions of unchanged chunks, at the chunks\' new places', () => {
    const pieces = [
      '# header\n',
      '---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n',
      '---\napiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    aadpodidbinding: x\n',
      '---\nkind: Deployment\nspec:\n  template:\n    spec:\n      serviceAccountName: {{ .Values.sa }}\n',
      '---\napiVersion: v1\nkind: ConfigMap\n',
    ];
    const first = parseManifestText('f.yaml', pieces.join(''), 'yaml');
    // The same chunks, moved down by an edit of the first one.
    const edited = ['# header\n# two more\n# lines\n', ...pieces.slice(1)];
    const second = edited.join('');
    const chunks = splitDocuments(second);
    let asked = 0;
    const known = (index: number) => {
      asked++;
      return index === 0 ? undefined : first.decisions[index];
    };
    const withKnown = parseManifestText('f.yaml', second, 'yaml', undefined, undefined, chunks, known);
    expect(asked).toBe(5);
    const visible = (parsed: ReturnType<typeof parseManifestText>) => ({
      documents: parsed.documents.map((doc) => ({ index: doc.docIndex, kind: doc.object.kind, location: doc.location })),
      findings: parsed.findings,
      documentCount: parsed.documentCount,
      deferred: parsed.deferred,
    });
    expect(visible(withKnown)).toEqual(visible(parseManifestText('f.yaml', second, 'yaml')));
    // The template is read (its service account name is unknown, and no pod identity setting is templated).
    expect(withKnown.findings).toEqual([]);
    expect(withKnown.documents.map((doc) => [doc.docIndex, doc.object.kind, doc.location.line])).toEqual([
      [2, 'Pod', 10],
      [3, 'Deployment', 16],
    ]);
  });
});
