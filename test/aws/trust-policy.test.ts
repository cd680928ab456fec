import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandSubjectPatterns } from '../../src/aws/expand-subjects.js';
import { matchesIamGlob } from '../../src/aws/iam-glob.js';
import { parsePolicyDocument } from '../../src/aws/policy-document.js';
import { readTrustPolicies } from '../../src/aws/read-trust-policies.js';
import { parseRoleOutput, type RoleTrust, type SubjectPattern } from '../../src/aws/trust-policy.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'trust');
const PROVIDER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';
const FEDERATED = `arn:aws:iam::111122223333:oidc-provider/${PROVIDER}`;

function role(statements: unknown[]): unknown {
  return { Role: { RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: statements } } };
}
function webIdentity(condition: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Principal: { Federated: FEDERATED }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition, ...extra };
}
function trustOf(output: unknown): RoleTrust {
  const parsed = parseRoleOutput(output, 'in.json');
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.roles).toHaveLength(1);
  return parsed.roles[0] as RoleTrust;
}

interface ValidCase {
  name: string;
  output: unknown;
  patterns: string[];
  wildcards?: boolean[];
  audiences?: string[];
  /** Substrings of the expected problems, in order; none when absent. */
  problems?: string[];
}
interface InvalidCase {
  name: string;
  output: unknown;
  error: string;
}

const VALID: ValidCase[] = [
  {
    name: 'exact subject and audience',
    output: role([webIdentity({ StringEquals: { [`${PROVIDER}:sub`]: 'system:serviceaccount:orders:api', [`${PROVIDER}:aud`]: 'sts.amazonaws.com' } })]),
    patterns: ['system:serviceaccount:orders:api'],
    wildcards: [false],
    audiences: ['sts.amazonaws.com'],
  },
  {
    name: 'a list of values, and condition keys in another case',
    output: role([webIdentity({ StringEquals: { [`${PROVIDER.toUpperCase()}:SUB`]: ['system:serviceaccount:a:x', 'system:serviceaccount:b:y'] } })]),
    patterns: ['system:serviceaccount:a:x', 'system:serviceaccount:b:y'],
  },
  {
    name: 'StringLike wildcards in namespace and name',
    output: role([webIdentity({ StringLike: { [`${PROVIDER}:sub`]: ['system:serviceaccount:*:reader', 'system:serviceaccount:jobs:run-?'] } })]),
    patterns: ['system:serviceaccount:*:reader', 'system:serviceaccount:jobs:run-?'],
    wildcards: [true, true],
  },
  {
    name: 'StringLike without a wildcard is exact',
    output: role([webIdentity({ StringLike: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:x' } })]),
    patterns: ['system:serviceaccount:a:x'],
    wildcards: [false],
  },
  {
    name: 'ForAnyValue: prefix',
    output: role([webIdentity({ 'ForAnyValue:StringLike': { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:*' } })]),
    patterns: ['system:serviceaccount:a:*'],
  },
  {
    name: 'ForAllValues: prefix is read as the plain operator, with a note',
    output: role([webIdentity({ 'ForAllValues:StringEquals': { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:x' } })]),
    patterns: ['system:serviceaccount:a:x'],
    problems: ['ForAllValues:StringEquals on the single-valued key'],
  },
  {
    name: 'action as a list and as a wildcard',
    output: role([webIdentity({ StringEquals: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:x' } }, { Action: ['sts:TagSession', 'sts:AssumeRoleWith*'] })]),
    patterns: ['system:serviceaccount:a:x'],
  },
  {
    name: 'a whole-subject wildcard that spans the colon',
    output: role([webIdentity({ StringLike: { [`${PROVIDER}:sub`]: 'system:serviceaccount:*' } })]),
    patterns: ['system:serviceaccount:*'],
  },
  {
    name: 'missing sub: any service account of the cluster',
    output: role([webIdentity({ StringEquals: { [`${PROVIDER}:aud`]: 'sts.amazonaws.com' } })]),
    patterns: [],
    audiences: ['sts.amazonaws.com'],
    problems: ['has no sub condition: ANY service account of the cluster can assume the role'],
  },
  {
    name: 'no condition at all',
    output: role([{ Effect: 'Allow', Principal: { Federated: FEDERATED }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
    patterns: [],
    problems: ['has no sub condition'],
  },
  {
    name: 'a Deny statement is reported, the Allow still read',
    output: role([
      webIdentity({ StringLike: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:*' } }),
      { Sid: 'NoDebug', Effect: 'Deny', Principal: { Federated: FEDERATED }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:debug' } } },
    ]),
    patterns: ['system:serviceaccount:a:*'],
    problems: ['statement "NoDebug": is a Deny statement'],
  },
  {
    name: 'NotPrincipal',
    output: role([{ Effect: 'Allow', NotPrincipal: { Federated: FEDERATED }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
    patterns: [],
    problems: ['uses NotPrincipal', 'not an IRSA role'],
  },
  {
    name: 'NotAction',
    output: role([{ Effect: 'Allow', Principal: { Federated: FEDERATED }, NotAction: 'sts:AssumeRole' }]),
    patterns: [],
    problems: ['uses NotAction', 'not an IRSA role'],
  },
  {
    name: 'StringNotLike on sub cannot be interpreted, so the statement yields no subject',
    output: role([webIdentity({ StringLike: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:*' }, StringNotLike: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:debug' } })]),
    patterns: [],
    problems: ['condition StringNotLike on', 'has a sub condition that cannot be read, so no subject is derived'],
  },
  {
    name: 'an unreadable aud condition does not block the subjects',
    output: role([webIdentity({ StringEquals: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:x' }, StringEqualsIgnoreCase: { [`${PROVIDER}:aud`]: 'STS.amazonaws.com' } })]),
    patterns: ['system:serviceaccount:a:x'],
    problems: ['condition StringEqualsIgnoreCase on'],
  },
  {
    name: 'IfExists cannot be interpreted',
    output: role([webIdentity({ StringLikeIfExists: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:*' } })]),
    patterns: [],
    problems: ['condition StringLikeIfExists', 'has a sub condition that cannot be read'],
  },
  {
    name: 'conditions on other keys are not carried over',
    output: role([webIdentity({ StringEquals: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:x', 'aws:SourceAccount': '111122223333' } })]),
    patterns: ['system:serviceaccount:a:x'],
    problems: ['condition StringEquals on aws:SourceAccount has no Entra counterpart'],
  },
  {
    name: 'two sub conditions must all hold: not guessed',
    output: role([webIdentity({ StringLike: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:*' }, StringEquals: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:x' } })]),
    patterns: [],
    problems: ['has 2 sub conditions that must all hold'],
  },
  {
    name: 'a wildcard under StringEquals is literal',
    output: role([webIdentity({ StringEquals: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:*' } })]),
    patterns: [],
    problems: ['StringEquals compares "system:serviceaccount:a:*" literally'],
  },
  {
    name: 'values that are not service-account subjects',
    output: role([webIdentity({ StringLike: { [`${PROVIDER}:sub`]: ['repo:org/app:*', 'system:serviceaccount:${aws:PrincipalTag/ns}:x', 'system:serviceaccount:onlyone'] } })]),
    patterns: [],
    problems: ['"repo:org/app:*" cannot match any', 'uses a policy variable', '"system:serviceaccount:onlyone" is not of the form'],
  },
  {
    name: 'the China partition',
    output: role([
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABCDEF0123456789ABCDEF0123456789' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'oidc.eks.cn-north-1.amazonaws.com.cn/id/ABCDEF0123456789ABCDEF0123456789:sub': 'system:serviceaccount:a:x' } },
      },
    ]),
    patterns: ['system:serviceaccount:a:x'],
  },
  {
    name: 'a non-EKS OIDC provider is ignored',
    output: role([{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
    patterns: [],
    problems: ['trusts OIDC provider token.actions.githubusercontent.com, which is not an EKS cluster\'s', 'not an IRSA role'],
  },
  {
    name: 'a service trust only',
    output: role([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    patterns: [],
    problems: ['not an IRSA role'],
  },
  {
    name: 'an invalid statement is skipped with a problem',
    output: role([{ Effect: 'Maybe' }, webIdentity({ StringEquals: { [`${PROVIDER}:sub`]: 'system:serviceaccount:a:x' } })]),
    patterns: ['system:serviceaccount:a:x'],
    problems: ['statement 1 has no Effect of Allow or Deny'],
  },
];

const INVALID: InvalidCase[] = [
  { name: 'not get-role output', output: { AttachedPolicies: [] }, error: 'expected the output of `aws iam get-role`' },
  { name: 'a role without Arn', output: { Role: { RoleName: 'r', AssumeRolePolicyDocument: {} } }, error: 'Role needs RoleName and Arn strings' },
  { name: 'a document without Statement', output: { Role: { RoleName: 'r', Arn: 'a', AssumeRolePolicyDocument: { Version: '2012-10-17' } } }, error: 'Role.AssumeRolePolicyDocument: the policy document has no Statement' },
  { name: 'a document that is not JSON', output: { Role: { RoleName: 'r', Arn: 'a', AssumeRolePolicyDocument: '%7Bnot json' } }, error: 'not a JSON object' },
  { name: 'a list-roles entry of the wrong shape', output: { Roles: [{ RoleName: 'ok', Arn: 'a', AssumeRolePolicyDocument: { Statement: [] } }, 7] }, error: 'Roles[1] needs RoleName and Arn strings' },
];

describe('parseRoleOutput', () => {
  it.each(VALID)('valid: $name', ({ output, patterns, wildcards, audiences, problems }) => {
    const trust = trustOf(output);
    expect(trust.subjects.map((subject) => subject.pattern)).toEqual(patterns);
    if (wildcards) expect(trust.subjects.map((subject) => subject.wildcard)).toEqual(wildcards);
    if (audiences) expect(trust.audiences).toEqual(audiences);
    expect(trust.problems).toHaveLength(problems?.length ?? 0);
    trust.problems.forEach((problem, index) => expect(problem).toContain(problems?.[index]));
    for (const problem of trust.problems) expect(problem).toMatch(/^role r[,:] /);
  });

  it.each(INVALID)('invalid: $name', ({ output, error }) => {
    const parsed = parseRoleOutput(output, 'in.json');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });

  it('splits namespace and name when it can', () => {
    const trust = trustOf(role([webIdentity({ StringLike: { [`${PROVIDER}:sub`]: ['system:serviceaccount:jobs:run-*', 'system:serviceaccount:*'] } })]));
    expect(trust.subjects).toEqual([
      { provider: PROVIDER, pattern: 'system:serviceaccount:*', wildcard: true, namespace: null, name: null },
      { provider: PROVIDER, pattern: 'system:serviceaccount:jobs:run-*', wildcard: true, namespace: 'jobs', name: 'run-*' },
    ]);
  });

  it('reads every role of list-roles output', () => {
    const entry = (name: string) => ({ RoleName: name, Arn: `arn:aws:iam::1:role/${name}`, AssumeRolePolicyDocument: { Statement: [webIdentity({ StringEquals: { [`${PROVIDER}:sub`]: `system:serviceaccount:ns:${name}` } })] } });
    const parsed = parseRoleOutput({ Roles: [entry('one'), entry('two')] }, 'roles.json');
    expect(parsed.ok && parsed.roles.map((trust) => [trust.roleName, trust.subjects[0]?.pattern])).toEqual([
      ['one', 'system:serviceaccount:ns:one'],
      ['two', 'system:serviceaccount:ns:two'],
    ]);
  });
});

describe('parsePolicyDocument', () => {
  it('decodes URL-encoded text and plain JSON text alike', () => {
    const document = { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/100%' } };
    const encoded = parsePolicyDocument(encodeURIComponent(JSON.stringify(document)));
    const plain = parsePolicyDocument(JSON.stringify(document));
    expect(encoded).toEqual(plain);
    expect(plain.ok && plain.statements[0]?.resources).toEqual(['arn:aws:s3:::b/100%']);
  });
});

describe('matchesIamGlob', () => {
  it.each([
    ['system:serviceaccount:a:*', 'system:serviceaccount:a:b', true],
    ['system:serviceaccount:*', 'system:serviceaccount:a:b', true],
    ['system:serviceaccount:a:run-?', 'system:serviceaccount:a:run-1', true],
    ['system:serviceaccount:a:run-?', 'system:serviceaccount:a:run-10', false],
    ['system:serviceaccount:a.b:x', 'system:serviceaccount:aXb:x', false],
    ['system:serviceaccount:a:X', 'system:serviceaccount:a:x', false],
  ])('%s ~ %s = %s', (pattern, value, expected) => {
    expect(matchesIamGlob(pattern, value)).toBe(expected);
  });
  it('ignores case for actions when asked', () => expect(matchesIamGlob('STS:assumerolewith*', 'sts:AssumeRoleWithWebIdentity', true)).toBe(true));
});

describe('expandSubjectPatterns', () => {
  const pattern = (value: string, wildcard: boolean, provider = PROVIDER): SubjectPattern => ({ provider, pattern: value, wildcard, namespace: null, name: null });
  const accounts = [
    { namespace: 'batch', name: 'worker-1' },
    { namespace: 'batch', name: 'worker-2' },
    { namespace: 'batch', name: 'scheduler' },
    { namespace: 'reports', name: 'daily' },
    { namespace: 'batch', name: 'worker-1' },
  ];

  it('gives one concrete subject per matching service account, deduplicated and sorted', () => {
    const { subjects, unmatched } = expandSubjectPatterns([pattern('system:serviceaccount:batch:worker-*', true), pattern('system:serviceaccount:*:worker-1', true)], accounts);
    expect(subjects.map((subject) => [subject.subject, subject.patterns])).toEqual([
      ['system:serviceaccount:batch:worker-1', ['system:serviceaccount:*:worker-1', 'system:serviceaccount:batch:worker-*']],
      ['system:serviceaccount:batch:worker-2', ['system:serviceaccount:batch:worker-*']],
    ]);
    expect(unmatched).toEqual([]);
    for (const subject of subjects) expect(subject.subject).not.toMatch(/[*?]/);
  });

  it('keeps providers apart', () => {
    const other = 'oidc.eks.us-east-1.amazonaws.com/id/00000000000000000000000000000000';
    const { subjects } = expandSubjectPatterns([pattern('system:serviceaccount:reports:daily', false), pattern('system:serviceaccount:reports:*', true, other)], accounts);
    expect(subjects.map((subject) => subject.provider)).toEqual([PROVIDER, other]);
  });

  it('reports patterns that match nothing; an exact one still yields its subject', () => {
    const exact: SubjectPattern = { provider: PROVIDER, pattern: 'system:serviceaccount:gone:old', wildcard: false, namespace: 'gone', name: 'old' };
    const { subjects, unmatched } = expandSubjectPatterns([exact, pattern('system:serviceaccount:nightly:*', true)], accounts);
    expect(unmatched.map((entry) => entry.pattern)).toEqual(['system:serviceaccount:gone:old', 'system:serviceaccount:nightly:*']);
    expect(subjects).toEqual([{ provider: PROVIDER, namespace: 'gone', name: 'old', subject: 'system:serviceaccount:gone:old', patterns: ['system:serviceaccount:gone:old'], foundInManifests: false }]);
  });

  it('a ? matches exactly one character', () => {
    const { subjects } = expandSubjectPatterns([pattern('system:serviceaccount:batch:worker-?', true)], [...accounts, { namespace: 'batch', name: 'worker-10' }]);
    expect(subjects.map((subject) => subject.name)).toEqual(['worker-1', 'worker-2']);
  });
});

describe('readTrustPolicies', () => {
  it('reads files saved with a byte order mark', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-trust-'));
    writeFileSync(path.join(dir, 'role.json'), `\uFEFF${readFileSync(path.join(FIXTURES, 'orders-api.json'), 'utf8')}`);
    const { roles, errors } = readTrustPolicies([dir]);
    expect(errors).toEqual([]);
    expect(roles.map((trust) => trust.roleName)).toEqual(['orders-api']);
  });

  it('reports an empty folder', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-trust-'));
    expect(readTrustPolicies([dir]).errors).toEqual([{ file: dir, message: 'is a folder without .json files' }]);
  });

  it('reads a folder of get-role outputs; broken files are errors naming them, the rest goes on', () => {
    const { roles, errors } = readTrustPolicies([FIXTURES, path.join(FIXTURES, 'missing.json')]);
    expect(roles.map((trust) => trust.roleName)).toEqual(['batch-workers', 'inventory-sync', 'ledger', 'orders-api']);
    expect(errors.map((error) => [path.basename(error.file), error.message.split(':')[0]])).toEqual([
      ['missing.json', 'cannot be read'],
      ['not-a-role.json', 'expected the output of `aws iam get-role` ({"Role"'],
      ['truncated.json', 'is not valid JSON'],
    ]);
    expect(errors[0]?.message).toBe('cannot be read: no such file or folder');
  });

  it('reads the fixtures as the CLI printed them', () => {
    const byName = new Map(readTrustPolicies([FIXTURES]).roles.map((trust) => [trust.roleName, trust]));
    const orders = byName.get('orders-api');
    expect(orders?.roleArn).toBe('arn:aws:iam::111122223333:role/orders-api');
    expect(orders?.subjects.map((subject) => [subject.namespace, subject.name])).toEqual([['orders', 'orders-api']]);
    expect(orders?.source).toBe(path.join(FIXTURES, 'orders-api.json'));
    const ledger = byName.get('ledger');
    expect(ledger?.subjects.map((subject) => subject.pattern)).toEqual(['system:serviceaccount:payments:ledger']);
    expect(ledger?.problems).toEqual([]);
    const batch = byName.get('batch-workers');
    expect(batch?.subjects.map((subject) => `${subject.provider.slice(-4)} ${subject.pattern}`)).toEqual([
      'C5D6 system:serviceaccount:batch:worker-*',
      'C5D6 system:serviceaccount:reports:*',
      '1E0F system:serviceaccount:batch:worker-?',
    ]);
    expect(byName.get('inventory-sync')).toMatchObject({ podIdentity: true, subjects: [], problems: [] });
  });
});
