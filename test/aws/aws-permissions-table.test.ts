import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_PERMISSIONS_FILE, loadAwsPermissions, readAwsPermissionsFile } from '../../src/aws/load-aws-permissions.js';
import { matchAction } from '../../src/aws/map-action.js';
import { MigrationDataError } from '../../src/sources/load-aws-components.js';

const table = loadAwsPermissions();

/** Built-in role ids checked against "Azure built-in roles" (MicrosoftDocs/azure-docs built-in-roles.md). */
const VERIFIED_IDS: Record<string, string> = {
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Storage Queue Data Message Sender': 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a',
  'Storage Queue Data Message Processor': '8a0f0c08-91a1-4084-bc3d-661d67233fed',
  'Azure Service Bus Data Sender': '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39',
  'Azure Service Bus Data Receiver': '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Key Vault Crypto User': '12338af0-0e69-4776-bea7-57ae8d297424',
  'App Configuration Data Reader': '516239f1-63e1-4d78-a4de-a74fb236a071',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  AcrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  'DNS Zone Contributor': 'befefa01-2a29-4197-83a8-272ff33ce314',
  'Private DNS Zone Contributor': 'b12aa53e-6015-4669-85d0-8515ebb3ae7f',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Log Analytics Reader': '73c42c96-874c-492b-b04d-ab87d138a893',
};

/** The services the issue names, with an action of each and the role it must suggest. */
const REQUIRED: [service: string, action: string, role: string][] = [
  ['s3', 's3:GetObject', 'Storage Blob Data Reader'],
  ['s3', 's3:ListBucket', 'Storage Blob Data Reader'],
  ['s3', 's3:PutObject', 'Storage Blob Data Contributor'],
  ['s3', 's3:DeleteObject', 'Storage Blob Data Contributor'],
  ['sqs', 'sqs:SendMessage', 'Storage Queue Data Message Sender'],
  ['sqs', 'sqs:SendMessage', 'Azure Service Bus Data Sender'],
  ['sqs', 'sqs:ReceiveMessage', 'Storage Queue Data Message Processor'],
  ['sqs', 'sqs:DeleteMessage', 'Azure Service Bus Data Receiver'],
  ['sns', 'sns:Publish', 'EventGrid Data Sender'],
  ['dynamodb', 'dynamodb:GetItem', 'Cosmos DB Built-in Data Reader'],
  ['dynamodb', 'dynamodb:PutItem', 'Cosmos DB Built-in Data Contributor'],
  ['secretsmanager', 'secretsmanager:GetSecretValue', 'Key Vault Secrets User'],
  ['secretsmanager', 'secretsmanager:PutSecretValue', 'Key Vault Secrets Officer'],
  ['ssm', 'ssm:GetParameter', 'App Configuration Data Reader'],
  ['ssm', 'ssm:GetParametersByPath', 'App Configuration Data Reader'],
  ['kms', 'kms:Decrypt', 'Key Vault Crypto User'],
  ['ecr', 'ecr:BatchGetImage', 'AcrPull'],
  ['ecr', 'ecr:PutImage', 'AcrPush'],
  ['route53', 'route53:ChangeResourceRecordSets', 'DNS Zone Contributor'],
  ['route53', 'route53:ChangeResourceRecordSets', 'Private DNS Zone Contributor'],
  ['cloudwatch', 'cloudwatch:PutMetricData', 'Monitoring Metrics Publisher'],
  ['logs', 'logs:PutLogEvents', 'Monitoring Metrics Publisher'],
  ['logs', 'logs:FilterLogEvents', 'Log Analytics Reader'],
];

function rolesFor(action: string): string[] {
  const match = matchAction(action, table);
  if (match.kind === 'rule') return match.rule.roles;
  if (match.kind === 'prefix-fallback' || match.kind === 'service-wildcard') return match.service.fallback;
  return [];
}

describe('migrations/aws-permissions.yaml', () => {
  it('covers every service the issue names, each with a fallback', () => {
    const prefixes = table.services.map((service) => service.prefix);
    for (const service of new Set(REQUIRED.map(([prefix]) => prefix))) {
      expect(prefixes).toContain(service);
      expect(table.services.find((entry) => entry.prefix === service)?.fallback.length).toBeGreaterThan(0);
    }
  });

  it.each(REQUIRED)('%s: %s suggests %s by a rule', (_service, action, role) => {
    expect(matchAction(action, table).kind).toBe('rule');
    expect(rolesFor(action)).toContain(role);
  });

  it('separates read and write levels', () => {
    for (const [read, write] of [
      ['s3:GetObject', 's3:PutObject'],
      ['dynamodb:Query', 'dynamodb:UpdateItem'],
      ['secretsmanager:DescribeSecret', 'secretsmanager:CreateSecret'],
      ['ssm:GetParameters', 'ssm:PutParameter'],
      ['ecr:GetDownloadUrlForLayer', 'ecr:UploadLayerPart'],
    ] as const) {
      expect(rolesFor(read)).not.toEqual(rolesFor(write));
    }
  });

  it('keeps the role ids that were checked against the Azure built-in roles list', () => {
    const ids = new Map(table.roles.map((role) => [role.name, role.id]));
    for (const [name, id] of Object.entries(VERIFIED_IDS)) expect(ids.get(name), name).toBe(id);
  });

  it('has a unique, well-formed id for every role, and a scope hint', () => {
    const ids = table.roles.flatMap((role) => (role.id === undefined ? [] : [role.id]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const role of table.roles) expect(role.scopeHint.length).toBeGreaterThan(10);
    // Only the Cosmos DB SQL roles have the all-zero ids, and they are marked as such.
    for (const role of table.roles.filter((entry) => entry.id?.startsWith('00000000-'))) expect(role.assignment).toBe('cosmos-db-sql');
  });

  it('knows the common AWS managed policies', () => {
    const names = table.managedPolicies.map((policy) => policy.name);
    expect(names).toEqual(expect.arrayContaining(['AmazonS3ReadOnlyAccess', 'AmazonS3FullAccess', 'AmazonSQSFullAccess', 'AmazonDynamoDBReadOnlyAccess', 'SecretsManagerReadWrite', 'AmazonEC2ContainerRegistryReadOnly', 'CloudWatchAgentServerPolicy']));
    expect(table.managedPolicies.find((policy) => policy.name === 'AmazonS3ReadOnlyAccess')?.roles).toEqual(['Storage Blob Data Reader']);
  });

  it('is the file the package ships', () => {
    expect(AWS_PERMISSIONS_FILE.pathname.endsWith('/migrations/aws-permissions.yaml')).toBe(true);
  });
});

describe('matchAction', () => {
  it.each([
    ['s3:GetObject', 'rule'],
    ['S3:getobject', 'rule'],
    ['s3:Get*', 'rule'],
    ['s3:GetObject*', 'rule'],
    ['s3:*Object', 'prefix-fallback'],
    ['s3:CreateAccessPoint', 'prefix-fallback'],
    ['s3:*', 'service-wildcard'],
    ['*', 'all-services'],
    ['s*:Get*', 'all-services'],
    ['xray:PutTraceSegments', 'unknown-service'],
    ['GetObject', 'malformed'],
    ['s3:', 'malformed'],
  ])('%s -> %s', (action, kind) => {
    expect(matchAction(action, table).kind).toBe(kind);
  });

  it('the first matching rule wins: bucket configuration before object writes', () => {
    expect(rolesFor('s3:PutBucketPolicy')).toEqual(['Storage Account Contributor']);
    expect(rolesFor('s3:DeleteBucket')).toEqual(['Storage Blob Data Contributor']);
  });
});

describe('loading a table', () => {
  const folder = () => mkdtempSync(path.join(os.tmpdir(), 'wimigrate-perms-'));
  const write = (dir: string, text: string) => {
    const file = path.join(dir, 'aws-permissions.yaml');
    writeFileSync(file, text);
    return file;
  };
  const role = '  - {name: R, azureService: S, scopeHint: the thing}\n';

  it.each([
    ['a wrong version', 'schemaVersion: 2\n', 'expected schemaVersion 1'],
    ['not YAML', 'schemaVersion: 1\nroles: [\n', 'aws-permissions.yaml: '],
    ['a role without a scope hint', 'schemaVersion: 1\nroles:\n  - {name: R, azureService: S}\n', 'roles[0] needs a name, an azureService and a scopeHint'],
    ['a guessed id', `schemaVersion: 1\nroles:\n  - {name: R, id: not-a-guid, azureService: S, scopeHint: x}\n`, 'roles[0] (R) has an id that is not a lower-case GUID'],
    ['an unknown assignment', `schemaVersion: 1\nroles:\n  - {name: R, assignment: iam, azureService: S, scopeHint: x}\n`, 'roles[0] (R) has assignment iam'],
    ['a repeated role', `schemaVersion: 1\nroles:\n${role}${role}`, 'roles[1] repeats R'],
    ['a service with a bad prefix', `schemaVersion: 1\nservices:\n  - {prefix: S3, awsService: x}\n`, 'services[0] needs a lower-case prefix'],
    ['a rule for another service', `schemaVersion: 1\nservices:\n  - prefix: s3\n    awsService: x\n    rules: [{actions: ['sqs:SendMessage'], roles: [R]}]\n`, 'services[0].rules[0] action sqs:SendMessage does not start with s3:'],
    ['a rule without roles', `schemaVersion: 1\nservices:\n  - prefix: s3\n    awsService: x\n    rules: [{actions: ['s3:Get*'], roles: []}]\n`, 'services[0].rules[0] roles must be a non-empty list of names'],
    ['a managed policy without roles', `schemaVersion: 1\nmanagedPolicies:\n  - {name: P}\n`, 'managedPolicies[0] (P) roles must be a non-empty list'],
    ['roles that are not a list', 'schemaVersion: 1\nroles: {a: 1}\n', 'roles must be a list'],
  ])('rejects %s, naming the entry', (_name, text, message) => {
    const file = write(folder(), text);
    expect(() => readAwsPermissionsFile(file)).toThrow(MigrationDataError);
    expect(() => readAwsPermissionsFile(file)).toThrow(message);
  });

  it('adds a project table: it may name shipped roles and replaces entries by key', () => {
    const dir = folder();
    write(
      dir,
      [
        'schemaVersion: 1',
        'roles:',
        '  - {name: Storage Blob Data Reader, id: 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1, azureService: Blob, scopeHint: our data lake container}',
        'services:',
        '  - prefix: athena',
        '    awsService: Amazon Athena',
        '    fallback: [Storage Blob Data Reader]',
        'managedPolicies:',
        '  - {name: AmazonS3FullAccess, roles: [Storage Blob Data Reader], note: we only read}',
      ].join('\n'),
    );
    const merged = loadAwsPermissions(dir);
    expect(merged.roles.filter((entry) => entry.name === 'Storage Blob Data Reader').map((entry) => entry.scopeHint)).toEqual(['our data lake container']);
    expect(merged.roles.length).toBe(table.roles.length);
    expect(matchAction('athena:StartQueryExecution', merged).kind).toBe('prefix-fallback');
    expect(merged.managedPolicies.find((policy) => policy.name === 'AmazonS3FullAccess')).toEqual({ name: 'AmazonS3FullAccess', roles: ['Storage Blob Data Reader'], note: 'we only read' });
  });

  it('a folder without a project table adds nothing', () => {
    expect(loadAwsPermissions(folder())).toEqual(table);
  });

  it('rejects a project table that names an unknown role', () => {
    const dir = folder();
    write(dir, 'schemaVersion: 1\nmanagedPolicies:\n  - {name: P, roles: [Made Up Role]}\n');
    expect(() => loadAwsPermissions(dir)).toThrow('managed policy P names unknown role "Made Up Role"');
  });
});
