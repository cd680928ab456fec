/**
 * Terraform for the azurerm provider: `azurerm_federated_identity_credential` per credential,
 * each `depends_on` the previous one of its identity, so Terraform writes them one at a time
 * (parallel writes to one identity fail with 409); `azurerm_user_assigned_identity` for the
 * identities planned for IAM roles. Laid out as `terraform fmt` lays it out (two-space indent,
 * `=` aligned within a run of one-line attributes, one blank line between blocks). Pure.
 */
import type { FederationTargets } from '../federation-targets.js';
import type { EmittedFile } from './emitted-file.js';

/** An HCL quoted string: `\` and `"` escaped, and template sequences `${` / `%{` doubled. */
export function hclString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
}

/** A resource label: letters, digits, `_` and `-`, starting with a letter or `_`. */
function label(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `_${clean}`;
}

type Attribute = [key: string, value: string] | [key: string, lines: string[]];

/** A block whose one-line attributes are aligned in runs, as terraform fmt does. */
function block(header: string, attributes: readonly Attribute[]): string {
  const out = [`${header} {`];
  let run: [string, string][] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([key]) => key.length));
    for (const [key, value] of run) out.push(`  ${key.padEnd(width)} = ${value}`);
    run = [];
  };
  for (const [key, value] of attributes) {
    if (typeof value === 'string') {
      run.push([key, value]);
      continue;
    }
    flush();
    out.push(`  ${key} = ${value[0]}`, ...value.slice(1).map((line) => `  ${line}`));
  }
  flush();
  out.push('}');
  return out.join('\n');
}

export function emitTerraform(targets: FederationTargets): EmittedFile[] {
  const blocks: string[] = [
    [
      '# Federated identity credentials planned by wimigrate.',
      '# Credentials of one identity depend on each other, so they are written one at a time',
      '# (parallel writes to one identity fail with 409). Configure the azurerm provider in your root module.',
    ].join('\n'),
  ];
  const needsLocation = targets.identities.some((work) => work.create && work.create.location === null);
  if (needsLocation) {
    blocks.push(block('variable "identity_location"', [['description', hclString('Azure region of the identities created for IAM roles')], ['type', 'string']]));
  }
  const labels = new Set<string>();
  const unique = (wanted: string) => {
    let name = wanted;
    for (let suffix = 2; labels.has(name); suffix++) name = `${wanted}_${suffix}`;
    labels.add(name);
    return name;
  };
  for (const work of targets.identities) {
    const identityLabel = unique(label(work.address.name));
    let parentId = hclString(work.resourceId);
    if (work.create) {
      const tags = Object.entries(work.create.tags).sort(([a], [b]) => (a < b ? -1 : 1));
      const width = Math.max(...tags.map(([key]) => hclString(key).length));
      blocks.push(
        block(`resource "azurerm_user_assigned_identity" "${identityLabel}"`, [
          ['name', hclString(work.address.name)],
          ['resource_group_name', hclString(work.address.resourceGroup)],
          ['location', work.create.location === null ? 'var.identity_location' : hclString(work.create.location)],
          ['tags', ['{', ...tags.map(([key, value]) => `  ${hclString(key).padEnd(width)} = ${hclString(value)}`), '}']],
        ]),
      );
      parentId = `azurerm_user_assigned_identity.${identityLabel}.id`;
    }
    let previous: string | null = null;
    for (const credential of work.credentials) {
      const credentialLabel = unique(label(`${work.address.name}__${credential.name}`));
      const attributes: Attribute[] = [
        ['name', hclString(credential.name)],
        ['resource_group_name', hclString(work.address.resourceGroup)],
        ['parent_id', parentId],
        ['audience', `[${credential.audiences.map(hclString).join(', ')}]`],
        ['issuer', hclString(credential.issuer)],
        ['subject', hclString(credential.subject)],
      ];
      if (previous !== null) attributes.push(['depends_on', `[azurerm_federated_identity_credential.${previous}]`]);
      blocks.push(block(`resource "azurerm_federated_identity_credential" "${credentialLabel}"`, attributes));
      previous = credentialLabel;
    }
  }
  return [{ path: 'federated-credentials.tf', text: `${blocks.join('\n\n')}\n` }];
}
