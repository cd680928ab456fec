/**
 * Emitted code against reviewed golden files (test/azure/emit-golden/<case>/expected/), one
 * folder per case with its plan.json (and aks-cluster.json). Set UPDATE_GOLDEN=1 to rewrite
 * them, then review the diff. Beyond the bytes: Terraform is parsed by an HCL parser and checked
 * against terraform fmt's layout rules, the ARM template against the resource schema's required
 * fields and the dependsOn chain, and the same plan always gives the same bytes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { emitAksPodIdentityCutover } from '../../src/azure/emit/aks-pod-identity.js';
import { emitAppRegistrations } from '../../src/azure/emit/app-registrations.js';
import { emitArm } from '../../src/azure/emit/arm.js';
import { emitAz } from '../../src/azure/emit/az.js';
import { emitBicep } from '../../src/azure/emit/bicep.js';
import type { EmittedFile } from '../../src/azure/emit/emitted-file.js';
import { emitTerraform } from '../../src/azure/emit/terraform.js';
import { federationTargets } from '../../src/azure/federation-targets.js';
import { readPlanFile } from '../../src/cli/federate-input.js';
import { parseAksCluster } from '../../src/sources/read-aks-cluster.js';

const GOLDEN = path.join(import.meta.dirname, 'emit-golden');
const cases = readdirSync(GOLDEN).sort();

function emitAll(folder: string, reverse = false): EmittedFile[] {
  const plan = readPlanFile(path.join(folder, 'plan.json'));
  if (reverse) plan.federatedCredentials.reverse();
  const targets = federationTargets(plan);
  const aksFile = path.join(folder, 'aks-cluster.json');
  const aks = existsSync(aksFile) ? emitAksPodIdentityCutover(parseAksCluster(readFileSync(aksFile, 'utf8'), aksFile)) : [];
  return [...emitAz(targets), ...emitBicep(targets), ...emitTerraform(targets), ...emitArm(targets), ...emitAppRegistrations(targets.appRegistrations), ...aks];
}

describe.each(cases)('emit golden %s', (name) => {
  const folder = path.join(GOLDEN, name);
  const files = emitAll(folder);

  it('matches the reviewed files', () => {
    const expectedDir = path.join(folder, 'expected');
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(expectedDir, { recursive: true });
      for (const file of files) writeFileSync(path.join(expectedDir, file.path), file.text);
    }
    expect(files.map((file) => file.path).sort()).toEqual(readdirSync(expectedDir).sort());
    for (const file of files) expect(file.text, file.path).toBe(readFileSync(path.join(expectedDir, file.path), 'utf8'));
  });

  it('is deterministic: the same plan in another order gives the same bytes', () => {
    expect(emitAll(folder, true)).toEqual(files);
  });

  it('Terraform parses as HCL, keeps each identity\'s credentials in a depends_on chain, and is laid out as terraform fmt would', async () => {
    const terraform = files.find((file) => file.path.endsWith('.tf'))!;
    const parsed = (await parseHcl('federated-credentials.tf', terraform.text)) as {
      resource: { azurerm_federated_identity_credential: Record<string, [{ parent_id: string; name: string; audience: string[]; depends_on?: string[] }]> };
    };
    const credentials = Object.entries(parsed.resource.azurerm_federated_identity_credential);
    const byParent = new Map<string, string[]>();
    for (const [label, [body]] of credentials) {
      expect(body.audience).toEqual(['api://AzureADTokenExchange']);
      const chain = byParent.get(body.parent_id) ?? [];
      // The first of an identity depends on nothing; each next one on the one before.
      expect(body.depends_on ?? [], label).toEqual(chain.length === 0 ? [] : [`\${azurerm_federated_identity_credential.${chain.at(-1)}}`]);
      byParent.set(body.parent_id, [...chain, label]);
    }
    checkTerraformFmt(terraform.text);
  });

  it('ARM templates are valid JSON with the required fields and a dependsOn chain per identity', () => {
    for (const file of files.filter((entry) => entry.path.endsWith('.json') && entry.path.startsWith('federated-credentials.'))) {
      const template = JSON.parse(file.text) as { $schema: string; contentVersion: string; resources: { type: string; apiVersion: string; name: string; location?: string; dependsOn?: string[]; properties?: { issuer: string; subject: string; audiences: string[] } }[] };
      expect(template.$schema).toBe('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#');
      expect(template.contentVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      const previous = new Map<string, string>();
      const declared = new Set<string>();
      for (const resource of template.resources) {
        expect(resource.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (resource.type === 'Microsoft.ManagedIdentity/userAssignedIdentities') {
          expect(resource.location).toBeTruthy();
          declared.add(resource.name);
          previous.set(resource.name, `[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', '${resource.name}')]`);
          continue;
        }
        expect(resource.type).toBe('Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials');
        const [identity, credential] = resource.name.split('/') as [string, string];
        expect(credential).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/);
        expect(typeof resource.properties!.issuer).toBe('string');
        expect(typeof resource.properties!.subject).toBe('string');
        expect(resource.properties!.audiences).toHaveLength(1);
        const before = previous.get(identity);
        // The first credential of an existing identity depends on nothing; every other one on the one before.
        if (before === undefined) expect(resource.dependsOn).toEqual([]);
        else expect(resource.dependsOn).toContain(before);
        if (declared.has(identity)) expect(resource.dependsOn).toContain(`[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', '${identity}')]`);
        previous.set(identity, `[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials', '${identity}', '${credential}')]`);
      }
    }
  });

  it('Bicep writes each identity\'s credentials one at a time', () => {
    for (const file of files.filter((entry) => entry.path.endsWith('.bicep'))) {
      const loops = file.text.match(/resource \w+Federation /g) ?? [];
      const batched = file.text.match(/@batchSize\(1\)\nresource \w+Federation /g) ?? [];
      expect(batched).toHaveLength(loops.length);
    }
  });
});

/**
 * terraform fmt's rules for what wimigrate writes: two-space indentation by depth, no tabs or
 * trailing spaces, `=` aligned within each run of consecutive one-line attributes with one space
 * after the longest key, blocks separated by exactly one blank line, a final newline.
 */
function checkTerraformFmt(text: string): void {
  expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  let depth = 0;
  let run: string[] = [];
  const checkRun = () => {
    if (run.length === 0) return;
    const columns = run.map((line) => line.indexOf(' = '));
    expect(new Set(columns).size, run.join('\n')).toBe(1);
    const indent = run[0]!.length - run[0]!.trimStart().length;
    const longest = Math.max(...run.map((line) => line.trimStart().split(' ')[0]!.length));
    // `=` one space after the longest key.
    expect(columns[0], run.join('\n')).toBe(indent + longest);
    run = [];
  };
  lines.forEach((line, index) => {
    expect(line, `line ${index + 1}`).not.toMatch(/\t|\s$/);
    if (line === '') {
      checkRun();
      expect(depth, `blank line ${index + 1} inside a block`).toBe(0);
      expect(lines[index - 1], `double blank line ${index + 1}`).not.toBe('');
      return;
    }
    if (line.startsWith('}') || line.startsWith('  }')) depth--;
    const indent = line.length - line.trimStart().length;
    if (!line.startsWith('#')) expect(indent, `indent of line ${index + 1}`).toBe(2 * depth);
    if (/ = [^{[]*$|= \[.*\]$/.test(line) && !line.endsWith('{')) run.push(line);
    else checkRun();
    if (line.endsWith('{')) depth++;
  });
  checkRun();
  expect(depth).toBe(0);
}
