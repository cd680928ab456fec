import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAwsPermissions } from '../../src/aws/load-aws-permissions.js';
import { parsePolicyDocument } from '../../src/aws/policy-document.js';
import { readRolePermissions } from '../../src/aws/read-role-permissions.js';
import { collectRolePolicies, type AttachedPolicyRef, type RolePolicies } from '../../src/aws/role-policies.js';
import { suggestRoleAssignments, type PermissionSuggestions } from '../../src/aws/suggest-role-assignments.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'permissions');
const table = loadAwsPermissions();

function roleWith(statements: unknown[], attached: AttachedPolicyRef[] | null = []): RolePolicies {
  const parsed = parsePolicyDocument({ Version: '2012-10-17', Statement: statements });
  if (!parsed.ok) throw new Error(parsed.error);
  return { roleName: 'app', attached, documents: [{ policyName: 'p', kind: 'inline', source: 'p.json', statements: parsed.statements }], problems: [] };
}
const allow = (action: string | string[], extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action: action, Resource: '*', ...extra });
const summary = (result: PermissionSuggestions) => result.suggestions.map((suggestion) => `${suggestion.azureRole} <- ${suggestion.awsActions.join(',')} (${suggestion.basis})`);

interface Case {
  name: string;
  role: RolePolicies;
  suggestions: string[];
  /** Substrings of the expected problems, in order. */
  problems?: string[];
  unmapped?: string[];
}

const CASES: Case[] = [
  {
    name: 'S3 read and write levels',
    role: roleWith([allow(['s3:GetObject', 's3:ListBucket']), allow('s3:PutObject')]),
    suggestions: ['Storage Blob Data Contributor <- s3:PutObject (action)', 'Storage Blob Data Reader <- s3:GetObject,s3:ListBucket (action)'],
  },
  {
    name: 'SQS sender: both queue services offered',
    role: roleWith([allow('sqs:SendMessage')]),
    suggestions: ['Azure Service Bus Data Sender <- sqs:SendMessage (action)', 'Storage Queue Data Message Sender <- sqs:SendMessage (action)'],
  },
  {
    name: 'deduplicated per Azure role across statements, policies and actions',
    role: roleWith([allow('secretsmanager:GetSecretValue'), allow(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'])]),
    suggestions: ['Key Vault Secrets User <- secretsmanager:DescribeSecret,secretsmanager:GetSecretValue (action)'],
  },
  {
    name: 'prefix fallback for an action no rule names',
    role: roleWith([allow('kms:GetKeyRotationStatus')]),
    suggestions: ['Key Vault Crypto User <- kms:GetKeyRotationStatus (prefix-fallback)'],
  },
  {
    name: 'a rule beats the fallback for the same Azure role',
    role: roleWith([allow('kms:GetKeyRotationStatus'), allow('kms:Decrypt')]),
    suggestions: ['Key Vault Crypto User <- kms:Decrypt,kms:GetKeyRotationStatus (action)'],
  },
  {
    name: 'service:* is mapped to the general role and reported',
    role: roleWith([allow('dynamodb:*')]),
    suggestions: ['Cosmos DB Built-in Data Contributor <- dynamodb:* (prefix-fallback)'],
    problems: ['dynamodb:* allows every Amazon DynamoDB action; suggested the service\'s general role (Cosmos DB Built-in Data Contributor)'],
  },
  {
    name: '* is reported, not mapped',
    role: roleWith([allow('*')]),
    suggestions: [],
    problems: ['* is not limited to one AWS service; no suggestion, map it by hand'],
  },
  {
    name: 'an unknown service gets a map-by-hand entry',
    role: roleWith([allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 's3:GetObject'])]),
    suggestions: ['Storage Blob Data Reader <- s3:GetObject (action)'],
    unmapped: ['no suggestion for the AWS service "xray"'],
  },
  {
    name: 'Deny is reported, not mapped',
    role: roleWith([{ Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }]),
    suggestions: [],
    problems: ['statement "NoDelete": a Deny statement (s3:DeleteObject) is not carried over'],
  },
  {
    name: 'NotAction is reported, not mapped',
    role: roleWith([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
    suggestions: [],
    problems: ['NotAction allows everything except iam:*; no suggestion'],
  },
  {
    name: 'conditions and NotResource are reported, the actions still mapped',
    role: roleWith([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'orders' } } }]),
    suggestions: ['Storage Blob Data Reader <- s3:GetObject (action)'],
    problems: ['NotResource excludes arn:aws:s3:::secret/*', 'its conditions (StringEquals aws:PrincipalTag/team) are not carried over'],
  },
  {
    name: 'AWS managed policies by name, without a document',
    role: roleWith([], [{ policyName: 'AmazonS3ReadOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }]),
    suggestions: ['Storage Blob Data Reader <- AmazonS3ReadOnlyAccess (managed-policy)'],
  },
  {
    name: 'an AWS managed policy the table does not know',
    role: roleWith([], [{ policyName: 'AWSXrayWriteOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess' }]),
    suggestions: [],
    unmapped: ['AWS managed policy AWSXrayWriteOnlyAccess is not in the table'],
  },
  {
    name: 'a customer managed policy without its document',
    role: roleWith([], [{ policyName: 'team-policy', policyArn: 'arn:aws:iam::111122223333:policy/team-policy' }]),
    suggestions: [],
    problems: ['customer managed policy team-policy has no document; save the output of `aws iam get-policy-version --policy-arn arn:aws:iam::111122223333:policy/team-policy'],
  },
  {
    name: 'no attached.json',
    role: roleWith([allow('ecr:BatchGetImage')], null),
    suggestions: ['AcrPull <- ecr:BatchGetImage (action)'],
    problems: ['no attached.json, so its attached managed policies are unknown'],
  },
  {
    name: 'a malformed action',
    role: roleWith([allow('GetObject')]),
    suggestions: [],
    problems: ['"GetObject" is not an IAM action'],
  },
];

describe('suggestRoleAssignments', () => {
  it.each(CASES)('$name', ({ role, suggestions, problems = [], unmapped = [] }) => {
    const result = suggestRoleAssignments(role, table);
    expect(summary(result)).toEqual(suggestions);
    expect(result.problems).toHaveLength(problems.length);
    result.problems.forEach((problem, index) => expect(problem).toContain(problems[index]));
    expect(result.unmapped).toHaveLength(unmapped.length);
    result.unmapped.forEach((entry, index) => expect(entry.message).toContain(unmapped[index]));
  });

  it('is explicit that every suggestion has a scope to fill in', () => {
    const [suggestion] = suggestRoleAssignments(roleWith([allow('s3:GetObject', { Resource: ['arn:aws:s3:::invoices/*'] })]), table).suggestions;
    expect(suggestion).toMatchObject({
      roleName: 'app',
      azureRole: 'Storage Blob Data Reader',
      roleDefinitionId: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
      assignment: 'azure-rbac',
      scope: null,
      suggestionOnly: true,
      awsResources: ['arn:aws:s3:::invoices/*'],
      policies: ['p'],
    });
    expect(suggestion?.message).toBe(
      'Suggestion only, scope to fill in: assign "Storage Blob Data Reader" (2a2b9908-6ea1-4ae2-8e65-a410df84e7d1) to the managed identity replacing IAM role app, at the storage account or blob container that replaces the S3 bucket. From s3:GetObject.',
    );
  });

  it('says how Cosmos DB data roles are assigned, and carries the notes of rules', () => {
    const result = suggestRoleAssignments(roleWith([allow('dynamodb:Query'), allow('ssm:GetParameter')]), table);
    const cosmos = result.suggestions.find((suggestion) => suggestion.azureRole === 'Cosmos DB Built-in Data Reader');
    expect(cosmos?.assignment).toBe('cosmos-db-sql');
    expect(cosmos?.message).toContain('as a Cosmos DB SQL role assignment (`az cosmosdb sql role assignment create`)');
    const appConfig = result.suggestions.find((suggestion) => suggestion.azureRole === 'App Configuration Data Reader');
    expect(appConfig?.notes).toEqual(['SecureString parameters usually move to Key Vault instead (Key Vault Secrets User)']);
    expect(appConfig?.message).toContain('Note: SecureString parameters');
  });

  it('a known service without a fallback: unmatched actions and service:* are left to map by hand', () => {
    const noFallback = { ...table, services: table.services.map((service) => (service.prefix === 'ssm' ? { ...service, fallback: [] } : service)) };
    const result = suggestRoleAssignments(roleWith([allow(['ssm:SendCommand', 'ssm:StartSession', 'ssm:*', 'ssm:GetParameter'])]), noFallback);
    expect(summary(result)).toEqual(['App Configuration Data Reader <- ssm:GetParameter (action)']);
    expect(result.unmapped.map((entry) => [entry.awsActions, entry.message])).toEqual([
      [['ssm:SendCommand', 'ssm:StartSession', 'ssm:*'], 'role app, policy p: no rule and no general role for these AWS Systems Manager actions; map them by hand'],
    ]);
    expect(result.problems).toEqual(['role app, policy p, statement 1: ssm:* allows every AWS Systems Manager action; no suggestion, map it by hand']);
  });

  it('says when a role id is not confirmed', () => {
    const custom = { ...table, roles: table.roles.map((role) => (role.name === 'AcrPull' ? { name: role.name, assignment: role.assignment, azureService: role.azureService, scopeHint: role.scopeHint } : role)) };
    const [suggestion] = suggestRoleAssignments(roleWith([allow('ecr:BatchGetImage')]), custom).suggestions;
    expect(suggestion?.roleDefinitionId).toBeUndefined();
    expect(suggestion?.message).toContain('role id not confirmed');
  });
});

describe('collectRolePolicies', () => {
  it('tells attached lists, managed policy versions and inline policies apart', () => {
    const { policies, errors } = collectRolePolicies('app', [
      { file: 'app/attached.json', data: { AttachedPolicies: [{ PolicyName: 'x', PolicyArn: 'arn:aws:iam::1:policy/x' }], IsTruncated: true } },
      { file: 'app/x.json', data: { PolicyVersion: { Document: { Statement: [allow('s3:GetObject')] }, VersionId: 'v1', IsDefaultVersion: false } } },
      { file: 'app/inline.json', data: { RoleName: 'other', PolicyName: 'in', PolicyDocument: { Statement: [] } } },
      { file: 'app/bad.json', data: { PolicyVersion: { Document: 'not json' } } },
      { file: 'app/odd.json', data: [1, 2] },
    ]);
    expect(policies.attached).toEqual([{ policyName: 'x', policyArn: 'arn:aws:iam::1:policy/x' }]);
    expect(policies.documents.map((document) => [document.policyName, document.kind])).toEqual([
      ['in', 'inline'],
      ['x', 'managed'],
    ]);
    expect(policies.problems.map((problem) => problem.split(': ')[1])).toEqual([
      'app/attached.json is a truncated list (IsTruncated); save the full output of `aws iam list-attached-role-policies --role-name app`',
      'app/x.json holds version v1, which is not the default version; the role uses the default one',
      "app/inline.json is the inline policy of role other, not of app; it is read as app's because of its folder",
    ]);
    expect(errors.map((error) => [error.file, error.message.split(':')[0]])).toEqual([
      ['app/bad.json', 'PolicyVersion.Document'],
      ['app/odd.json', 'expected the output of `aws iam get-policy-version` ({"PolicyVersion"'],
    ]);
  });
});

describe('readRolePermissions', () => {
  const { roles, errors } = readRolePermissions(FIXTURES);

  it('reads one role per folder; broken files are errors naming them, the rest goes on', () => {
    expect(roles.map((role) => role.roleName)).toEqual(['broken-role', 'external-dns', 'orders-api']);
    expect(errors.map((error) => [path.relative(FIXTURES, error.file), error.message.split(':')[0]])).toEqual([
      ['broken-role/attached.json', 'is not valid JSON'],
      ['broken-role/notes.json', 'expected the output of `aws iam get-policy-version` ({"PolicyVersion"'],
      ['stray.json', 'is outside a <role-name> folder, so its role is unknown; ignored'],
    ]);
  });

  it('suggests for a realistic role from the fixtures', () => {
    const orders = roles.find((role) => role.roleName === 'orders-api');
    if (!orders) throw new Error('orders-api not read');
    const result = suggestRoleAssignments(orders, table);
    expect(summary(result)).toEqual([
      'App Configuration Data Reader <- ssm:GetParametersByPath (action)',
      'Azure Service Bus Data Owner <- AmazonSQSFullAccess (managed-policy)',
      'Key Vault Crypto User <- kms:Decrypt,kms:GenerateDataKey (action)',
      'Key Vault Secrets User <- secretsmanager:DescribeSecret,secretsmanager:GetSecretValue (action)',
      'Storage Blob Data Contributor <- s3:PutObject (action)',
      'Storage Blob Data Reader <- s3:GetObject,s3:ListBucket (action)',
      'Storage Queue Data Contributor <- AmazonSQSFullAccess (managed-policy)',
    ]);
    expect(result.suggestions.find((suggestion) => suggestion.azureRole === 'Storage Blob Data Reader')?.awsResources).toEqual(['arn:aws:s3:::orders-invoices', 'arn:aws:s3:::orders-invoices/*']);
    expect(result.problems.map((problem) => problem.replace(/:.*$/, ''))).toEqual([
      'role orders-api, policy orders-s3, statement "WriteExports"',
      'role orders-api, policy orders-secrets, statement 2',
      'role orders-api',
    ]);
    expect(result.problems[2]).toContain('customer managed policy legacy-admin has no document');
    expect(result.unmapped.map((entry) => [entry.policyName, entry.awsActions])).toEqual([
      ['AWSXrayWriteOnlyAccess', ['AWSXrayWriteOnlyAccess']],
      ['orders-secrets', ['xray:PutTraceSegments']],
    ]);
  });

  it('decodes URL-encoded inline policies (external-dns)', () => {
    const dns = roles.find((role) => role.roleName === 'external-dns');
    if (!dns) throw new Error('external-dns not read');
    expect(summary(suggestRoleAssignments(dns, table))).toEqual([
      'DNS Zone Contributor <- route53:ChangeResourceRecordSets (action)',
      'Private DNS Zone Contributor <- route53:ChangeResourceRecordSets (action)',
      'Reader <- route53:ListHostedZones,route53:ListResourceRecordSets,route53:ListTagsForResource (action)',
    ]);
  });

  it('reads a single role folder, and reports a path that is not a folder', () => {
    const single = readRolePermissions(path.join(FIXTURES, 'external-dns'));
    expect(single.roles.map((role) => [role.roleName, role.documents.length, role.attached])).toEqual([['external-dns', 1, []]]);
    expect(single.errors).toEqual([]);
    const file = path.join(FIXTURES, 'stray.json');
    expect(readRolePermissions(file).errors).toEqual([{ file, message: expect.stringContaining('is not a folder') }]);
    expect(readRolePermissions(path.join(FIXTURES, 'nope')).errors).toEqual([{ file: path.join(FIXTURES, 'nope'), message: 'cannot be read: no such file or folder' }]);
  });
});
