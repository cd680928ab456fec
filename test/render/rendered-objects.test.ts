/** Reading a kustomize build: final names, origins mapped back to the source object, pod service accounts. */
import { describe, expect, it } from 'vitest';
import { renderedObjects } from '../../src/cli/rendered-objects.js';

const SOURCES: Record<string, string> = {
  'base/app.yaml': 'kind: Deployment\nmetadata:\n  name: api\n---\nkind: Deployment\nmetadata:\n  name: api-v2\n---\nkind: ServiceAccount\nmetadata:\n  name: api\n',
  'base/list.yaml': 'kind: List\nitems:\n  - kind: ServiceAccount\n    metadata:\n      name: worker\n',
};

function read(built: string) {
  return renderedObjects(built, {
    defaultNamespace: 'default',
    originFile: (originPath) => (originPath.startsWith('../repo/') ? originPath.slice('../repo/'.length) : null),
    sourceText: (file) => SOURCES[file],
  });
}

const origin = (path: string) => `  annotations:\n    config.kubernetes.io/origin: |\n      path: ${path}\n`;

describe('renderedObjects', () => {
  it('maps each built object to the source object of its kind whose name it carries, the longest first', () => {
    const objects = read(
      [
        `kind: Deployment\nmetadata:\n${origin('../repo/base/app.yaml')}  name: prod-api-v2\n  namespace: shop\nspec:\n  template:\n    spec:\n      serviceAccountName: prod-api\n`,
        `kind: Deployment\nmetadata:\n${origin('../repo/base/app.yaml')}  name: prod-api\n  namespace: shop\nspec:\n  template:\n    spec: {}\n`,
        `kind: ServiceAccount\nmetadata:\n${origin('../repo/base/app.yaml')}  name: prod-api\n  namespace: shop\n`,
        `kind: ServiceAccount\nmetadata:\n${origin('../repo/base/list.yaml')}  name: worker-dev\n`,
      ].join('---\n'),
    );
    expect(objects).toEqual([
      { kind: 'Deployment', ref: { namespace: 'shop', name: 'prod-api-v2' }, source: { file: 'base/app.yaml', name: 'api-v2' }, serviceAccountName: 'prod-api' },
      { kind: 'Deployment', ref: { namespace: 'shop', name: 'prod-api' }, source: { file: 'base/app.yaml', name: 'api' }, serviceAccountName: null },
      { kind: 'ServiceAccount', ref: { namespace: 'shop', name: 'prod-api' }, source: { file: 'base/app.yaml', name: 'api' } },
      // No namespace in the build: the default one; a List's items count as the file's objects.
      { kind: 'ServiceAccount', ref: { namespace: 'default', name: 'worker-dev' }, source: { file: 'base/list.yaml', name: 'worker' } },
    ]);
  });

  it('no origin, a remote base, a file outside the scan or no object of that name: source unknown', () => {
    const objects = read(
      [
        'kind: ConfigMap\nmetadata:\n  name: generated-abc123\n',
        `kind: ServiceAccount\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: |\n      path: base/sa.yaml\n      repo: https://github.com/example/repo\n  name: remote\n`,
        `kind: ServiceAccount\nmetadata:\n${origin('../elsewhere/sa.yaml')}  name: elsewhere\n`,
        `kind: ServiceAccount\nmetadata:\n${origin('../repo/base/app.yaml')}  name: renamed-entirely\n`,
      ].join('---\n'),
    );
    expect(objects.map((object) => [object.ref.name, object.source])).toEqual([
      ['generated-abc123', null],
      ['remote', null],
      ['elsewhere', null],
      ['renamed-entirely', null],
    ]);
  });

  it('output that is not YAML, and documents without kind or name, give nothing', () => {
    expect(read('kind: [unclosed\n')).toEqual([]);
    expect(read('metadata:\n  name: x\n---\nkind: ServiceAccount\n---\n')).toEqual([]);
  });

  it('the pods of a CronJob and of a bare Pod: their service account, or null for the namespace default', () => {
    const objects = read('kind: CronJob\nmetadata:\n  name: nightly\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          serviceAccount: legacy\n---\nkind: Pod\nmetadata:\n  name: one\nspec:\n  containers: []\n');
    expect(objects.map((object) => object.serviceAccountName)).toEqual(['legacy', null]);
  });
});
