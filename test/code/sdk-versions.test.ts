/** Versions against the shipped minimum table (migrations/sdk-minimums.yaml, DESIGN §5). */
import { describe, expect, it } from 'vitest';
import { checkDependencies, parseVersionSpec } from '../../src/analyzers/code/sdk-versions.js';
import type { DeclaredDependency, Ecosystem } from '../../src/model/code.js';
import { loadSdkTables, readSdkMinimums } from '../../src/sources/code/load-sdk-tables.js';
import { MigrationDataError } from '../../src/sources/read-migration-table.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tables = loadSdkTables();

function verdict(ecosystem: Ecosystem, name: string, spec: string, locked = false): string {
  const dependency: DeclaredDependency = { ecosystem, name, spec, locked, location: { file: 'f', line: 1, col: 1 } };
  return checkDependencies([dependency], tables).map((finding) => finding.id).join(',') || 'ok';
}

const CASES: [Ecosystem, string, string, string][] = [
  ['npm', '@azure/identity', '3.2.0', 'ok'],
  ['npm', '@azure/identity', '3.1.4', 'sdk-below-minimum'],
  ['npm', '@azure/identity', '1.5.2', 'sdk-needs-proxy-sidecar'],
  ['npm', '@azure/identity', '^2.1.0', 'sdk-below-minimum'],
  ['npm', '@azure/identity', '~1.2.0', 'sdk-needs-proxy-sidecar'],
  ['npm', '@azure/identity', '^3.0.0', 'sdk-range-allows-old'],
  ['npm', '@azure/identity', '^4.0.0', 'ok'],
  ['npm', '@azure/identity', '*', 'ok'],
  ['npm', '@azure/identity', 'workspace:*', 'sdk-version-unknown'],
  ['npm', '@azure/identity', 'github:Azure/azure-sdk-for-js', 'sdk-version-unknown'],
  ['npm', '@azure/ms-rest-nodeauth', '^3.1.1', 'legacy-auth-package'],
  ['npm', 'left-pad', '1.0.0', 'ok'],
  ['pypi', 'azure-identity', '==1.12.0', 'sdk-below-minimum'],
  ['pypi', 'azure-identity', '==1.6.0', 'sdk-needs-proxy-sidecar'],
  ['pypi', 'azure-identity', '>=1.10,<2', 'sdk-range-allows-old'],
  ['pypi', 'azure-identity', '~=1.12.0', 'sdk-below-minimum'],
  ['pypi', 'azure-identity', '~=1.12', 'sdk-range-allows-old'],
  ['pypi', 'azure-identity', '<1.7', 'sdk-needs-proxy-sidecar'],
  ['pypi', 'azure-identity', '', 'ok'],
  ['pypi', 'azure-identity', '1.14.0', 'ok'],
  ['nuget', 'azure.identity', '1.8.2', 'sdk-below-minimum'],
  ['nuget', 'Azure.Identity', '1.4.0', 'sdk-needs-proxy-sidecar'],
  ['nuget', 'Azure.Identity', '[1.10.0]', 'ok'],
  ['nuget', 'Azure.Identity', '[1.2,1.8)', 'sdk-below-minimum'],
  ['nuget', 'Azure.Identity', '1.*', 'sdk-range-allows-old'],
  ['nuget', 'Azure.Identity', '$(AzureIdentityVersion)', 'sdk-version-unknown'],
  ['maven', 'com.azure:azure-identity', '1.8.0', 'sdk-below-minimum'],
  ['maven', 'com.azure:azure-identity', '1.3.0', 'sdk-needs-proxy-sidecar'],
  ['maven', 'com.azure:azure-identity', '${azure.version}', 'sdk-version-unknown'],
  ['maven', 'com.azure:azure-identity', '', 'sdk-version-unknown'],
  ['go', 'github.com/Azure/azure-sdk-for-go/sdk/azidentity', '1.2.0', 'sdk-below-minimum'],
  ['go', 'github.com/Azure/azure-sdk-for-go/sdk/azidentity', '1.3.0-beta.2', 'sdk-below-minimum'],
  ['go', 'github.com/Azure/azure-sdk-for-go/sdk/azidentity', '1.5.1', 'ok'],
  ['go', 'github.com/azure/azure-sdk-for-go/sdk/azidentity', '1.0.0', 'ok'],
  ['vcpkg', 'azure-identity-cpp', '1.5.0', 'sdk-below-minimum'],
  ['vcpkg', 'azure-identity-cpp', '>=1.5.0', 'sdk-range-allows-old'],
];

describe('SDK versions against the minimums', () => {
  it.each(CASES)('%s %s %s -> %s', (ecosystem, name, spec, expected) => {
    expect(verdict(ecosystem, name, spec)).toBe(expected);
  });

  it('names the version to move to', () => {
    const [finding] = checkDependencies([{ ecosystem: 'pypi', name: 'azure-identity', spec: '==1.10.0', locked: true, location: { file: 'requirements.txt', line: 3, col: 1 } }], tables);
    expect(finding?.message).toContain('upgrade to 1.13.0 or later');
    expect(finding?.location).toEqual({ file: 'requirements.txt', line: 3, col: 1 });
  });

  it('reads specs in each ecosystem\'s terms', () => {
    expect(parseVersionSpec('nuget', '[1.2,2.0)')).toEqual({ kind: 'range', range: '>=1.2.0 <2.0.0' });
    expect(parseVersionSpec('pypi', '~=1.12')).toEqual({ kind: 'range', range: '>=1.12.0 <2.0.0' });
    expect(parseVersionSpec('npm', 'latest')).toEqual({ kind: 'any' });
  });
});

describe('the SDK tables', () => {
  it('ship every language of DESIGN §5', () => {
    const rows = Object.fromEntries(tables.minimums.map((entry) => [entry.name, `${entry.minimum}/${entry.envMinimum}`]));
    expect(rows).toEqual({
      '@azure/identity': '3.2.0/2.0.0',
      'azure-identity': '1.13.0/1.7.0',
      'Azure.Identity': '1.9.0/1.5.0',
      'com.azure:azure-identity': '1.9.0/1.4.0',
      'github.com/Azure/azure-sdk-for-go/sdk/azidentity': '1.3.0/null',
      'azure-identity-cpp': '1.6.0/null',
    });
  });

  it('reject a malformed table, naming the entry', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-sdk-'));
    const file = path.join(dir, 'sdk-minimums.yaml');
    writeFileSync(file, 'schemaVersion: 1\nminimums:\n  - ecosystem: npm\n    name: x\n    minimum: three\n');
    expect(() => readSdkMinimums(file)).toThrow(MigrationDataError);
    expect(() => readSdkMinimums(file)).toThrow(/minimums\[0\]/);
  });

  it('take a project\'s own rows over the shipped ones', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-sdk-'));
    writeFileSync(path.join(dir, 'sdk-minimums.yaml'), 'schemaVersion: 1\nminimums:\n  - ecosystem: npm\n    name: "@azure/identity"\n    minimum: 4.0.0\n    envMinimum: null\n');
    const own = loadSdkTables(dir);
    expect(own.minimums.filter((entry) => entry.name === '@azure/identity')).toEqual([{ ecosystem: 'npm', name: '@azure/identity', minimum: '4.0.0', envMinimum: null }]);
    expect(own.minimums.length).toBe(tables.minimums.length);
  });
});
