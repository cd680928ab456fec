import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAwsComponents, MigrationDataError } from '../../src/sources/load-aws-components.js';

describe('migrations/aws-components.yaml', () => {
  it('loads, with the components the issue names', () => {
    const ids = loadAwsComponents().map((component) => component.id);
    expect(ids).toEqual(expect.arrayContaining(['aws-load-balancer-controller', 'cluster-autoscaler', 'karpenter-aws', 'aws-ebs-csi-driver']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects a broken table, naming the entry', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'wimigrate-')), 'components.yaml');
    writeFileSync(file, 'schemaVersion: 1\ncomponents:\n  - id: x\n    images: []\n    replacement: y\n');
    expect(() => loadAwsComponents(file)).toThrow(MigrationDataError);
    expect(() => loadAwsComponents(file)).toThrow(/components\[0\] needs an id, a replacement and a non-empty list of image names/);
    writeFileSync(file, 'schemaVersion: 2\ncomponents: []\n');
    expect(() => loadAwsComponents(file)).toThrow(/expected schemaVersion 1/);
  });
});
