/** Each dependency file reader: what it lists, with the line where each entry is. */
import { describe, expect, it } from 'vitest';
import { dependencyReaderFor } from '../../src/sources/code/read-dependencies.js';
import { CodeReadError, errorOffset } from '../../src/sources/code/parse-json.js';

function read(file: string, text: string): string[] {
  const reader = dependencyReaderFor(file);
  if (!reader) throw new Error(`no reader for ${file}`);
  return reader(file, text).map((entry) => `${entry.ecosystem} ${entry.name} ${entry.spec}${entry.locked ? ' (locked)' : ''} @${entry.location.line}:${entry.location.col}`);
}

const CASES: [string, string, string, string[]][] = [
  ['package.json sections', 'package.json', '{\n  "dependencies": {\n    "@azure/identity": "^2.1.0"\n  },\n  "devDependencies": { "vitest": "^3.0.0" }\n}\n', ['npm @azure/identity ^2.1.0 @3:5', 'npm vitest ^3.0.0 @5:24']],
  ['package-lock v3', 'package-lock.json', '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},\n    "node_modules/@azure/identity": { "version": "3.1.0" },\n    "node_modules/a/node_modules/@azure/identity": { "version": "2.0.1" }\n  }\n}\n', ['npm @azure/identity 3.1.0 (locked) @5:5', 'npm @azure/identity 2.0.1 (locked) @6:5']],
  ['package-lock v1', 'package-lock.json', '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "@azure/identity": {\n      "version": "1.5.0"\n    }\n  }\n}\n', ['npm @azure/identity 1.5.0 (locked) @4:5']],
  ['yarn classic', 'yarn.lock', '# yarn lockfile v1\n\n"@azure/identity@^2.0.0", "@azure/identity@^2.1.0":\n  version "2.1.0"\n  resolved "https://x"\n\nleft-pad@^1.0.0:\n  version "1.3.0"\n', ['npm @azure/identity 2.1.0 (locked) @3:1', 'npm left-pad 1.3.0 (locked) @7:1']],
  ['yarn berry', 'yarn.lock', '__metadata:\n  version: 6\n\n"@azure/identity@npm:^3.2.0":\n  version: 3.3.0\n  resolution: "@azure/identity@npm:3.3.0"\n', ['npm @azure/identity 3.3.0 (locked) @4:1']],
  ['pnpm v6', 'pnpm-lock.yaml', "lockfileVersion: '6.0'\n\npackages:\n\n  /@azure/identity@3.1.4:\n    resolution: {integrity: sha512-x}\n  /tslib@2.6.2:\n    dev: false\n", ['npm @azure/identity 3.1.4 (locked) @5:3', 'npm tslib 2.6.2 (locked) @7:3']],
  ['pnpm v9', 'pnpm-lock.yaml', "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies:\n      '@azure/identity':\n        version: 4.0.0\npackages:\n  '@azure/identity@4.0.0':\n    resolution: {integrity: sha512-x}\n", ['npm @azure/identity 4.0.0 (locked) @9:3']],
  ['pnpm v5', 'pnpm-lock.yaml', 'lockfileVersion: 5.4\npackages:\n  /@azure/identity/2.0.4:\n    dev: false\n', ['npm @azure/identity 2.0.4 (locked) @3:3']],
  ['requirements', 'requirements.txt', '# deps\nAzure_Identity[aio]==1.12.0  # pinned\n-r base.txt\nrequests>=2.0,<3\nflask\n', ['pypi azure-identity ==1.12.0 (locked) @2:1', 'pypi requests >=2.0,<3 @4:1', 'pypi flask  @5:1']],
  ['pyproject PEP 621', 'pyproject.toml', '[project]\nname = "app"\ndependencies = [\n  "azure-identity>=1.10",\n  "httpx",\n]\n', ['pypi azure-identity >=1.10 @4:3', 'pypi httpx  @5:3']],
  ['pyproject poetry', 'pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.11"\nazure-identity = "^1.12"\nazure-core = { version = "1.29.0", optional = true }\n', ['pypi azure-identity ^1.12 @3:1', 'pypi azure-core 1.29.0 @4:1']],
  ['poetry.lock', 'poetry.lock', '[[package]]\nname = "azure-identity"\nversion = "1.12.0"\ndescription = "x"\n\n[[package]]\nname = "msal"\nversion = "1.24.0"\n', ['pypi azure-identity 1.12.0 (locked) @2:1', 'pypi msal 1.24.0 (locked) @7:1']],
  ['csproj', 'App.csproj', '<Project>\n  <ItemGroup>\n    <PackageReference Include="Azure.Identity" Version="1.8.2" />\n    <PackageReference Include="Polly">\n      <Version>8.0.0</Version>\n    </PackageReference>\n    <PackageReference Include="Central" />\n  </ItemGroup>\n</Project>\n', ['nuget Azure.Identity 1.8.2 @3:5', 'nuget Polly 8.0.0 @4:5']],
  ['packages.lock.json', 'packages.lock.json', '{\n  "version": 1,\n  "dependencies": {\n    "net8.0": {\n      "Azure.Identity": {\n        "type": "Direct",\n        "requested": "[1.8.0, )",\n        "resolved": "1.8.0"\n      }\n    }\n  }\n}\n', ['nuget Azure.Identity 1.8.0 (locked) @5:7']],
  ['pom.xml with a property', 'pom.xml', '<project>\n  <properties><id.version>1.8.0</id.version></properties>\n  <dependencies>\n    <!-- <dependency><groupId>x</groupId><artifactId>y</artifactId></dependency> -->\n    <dependency>\n      <groupId>com.azure</groupId>\n      <artifactId>azure-identity</artifactId>\n      <version>${id.version}</version>\n    </dependency>\n  </dependencies>\n</project>\n', ['maven com.azure:azure-identity 1.8.0 @5:5']],
  ['build.gradle', 'build.gradle', "dependencies {\n    implementation 'com.azure:azure-identity:1.7.0'\n    implementation group: 'com.azure', name: 'azure-core', version: '1.40.0'\n}\n", ['maven com.azure:azure-identity 1.7.0 @2:20', 'maven com.azure:azure-core 1.40.0 @3:20']],
  ['build.gradle.kts', 'build.gradle.kts', 'dependencies {\n    implementation("com.azure:azure-identity:1.10.0")\n}\n', ['maven com.azure:azure-identity 1.10.0 @2:20']],
  ['go.mod', 'go.mod', 'module x\n\nrequire github.com/Azure/azure-sdk-for-go/sdk/azidentity v1.2.2\n\nrequire (\n\tgolang.org/x/net v0.8.0 // indirect\n)\n', ['go github.com/Azure/azure-sdk-for-go/sdk/azidentity 1.2.2 (locked) @3:9', 'go golang.org/x/net 0.8.0 (locked) @6:2']],
  ['vcpkg.json', 'vcpkg.json', '{\n  "dependencies": [\n    "curl",\n    { "name": "azure-identity-cpp", "version>=": "1.5.0" }\n  ],\n  "overrides": [\n    { "name": "azure-identity-cpp", "version": "1.5.0" }\n  ]\n}\n', ['vcpkg azure-identity-cpp >=1.5.0 @4:15', 'vcpkg azure-identity-cpp 1.5.0 (locked) @7:15']],
];

describe('dependency readers', () => {
  it.each(CASES)('%s', (_name, file, text, expected) => {
    expect(read(file, text)).toEqual(expected);
  });

  it('names the file and line of broken JSON', () => {
    const reader = dependencyReaderFor('package.json')!;
    expect(() => reader('app/package.json', '{\n  "dependencies": {\n    "a": \n}\n')).toThrow(CodeReadError);
    try {
      reader('app/package.json', '{\n  "dependencies": {\n    "a": \n}\n');
    } catch (error) {
      expect((error as CodeReadError).file).toBe('app/package.json');
      expect((error as CodeReadError).message).toMatch(/^not valid JSON/);
      expect((error as CodeReadError).line).toBe(4);
    }
  });

  it.each([
    ['{"a": 1,}', 8],
    ['{\n  "a": [1, 2\n}', 15],
    ['{"a": tru}', 6],
    ['[1, 2] x', 7],
    ['{"a": "x\ny"}', 8],
    ['{"a": {"b": [true, null, -1.5e3, "\\"q"]}}', -1],
  ])('finds where JSON goes wrong: %j at %i', (text, offset) => {
    expect(errorOffset(text)).toBe(offset);
  });

  it('reads no other files', () => {
    expect(dependencyReaderFor('src/index.ts')).toBeNull();
    expect(dependencyReaderFor('README.md')).toBeNull();
  });
});
