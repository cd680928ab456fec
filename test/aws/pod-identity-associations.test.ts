import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeAssociations, parseAssociationOutput, type ParsedAssociations } from '../../src/aws/pod-identity-associations.js';
import { readPodIdentityAssociations } from '../../src/aws/read-pod-identity-associations.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'pod-identity');
const described = { clusterName: 'c', namespace: 'ns', serviceAccount: 'sa', roleArn: 'arn:aws:iam::1:role/r', associationArn: 'arn:aws:eks:x:1:podidentityassociation/c/a-1', associationId: 'a-1' };
const summary = { clusterName: 'c', namespace: 'ns', serviceAccount: 'sa', associationArn: 'arn', associationId: 'a-1' };

function parsed(output: unknown): ParsedAssociations {
  const result = parseAssociationOutput(output, 'f.json');
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('parseAssociationOutput', () => {
  it.each([
    { name: 'describe output', output: { association: described }, associations: 1, summaries: 0 },
    { name: 'list output', output: { associations: [summary, { ...summary, associationId: 'a-2' }] }, associations: 0, summaries: 2 },
    { name: 'an empty list', output: { associations: [] }, associations: 0, summaries: 0 },
    { name: 'a summary that carries its role', output: { associations: [{ ...summary, roleArn: 'arn:aws:iam::1:role/r' }] }, associations: 1, summaries: 0 },
  ])('valid: $name', ({ output, associations, summaries }) => {
    const result = parsed(output);
    expect(result.associations).toHaveLength(associations);
    expect(result.summaries).toHaveLength(summaries);
  });

  it('keeps the fields a migration needs, and the source file', () => {
    expect(parsed({ association: { ...described, targetRoleArn: 'arn:aws:iam::2:role/t' } }).associations).toEqual([
      { clusterName: 'c', namespace: 'ns', serviceAccount: 'sa', roleArn: 'arn:aws:iam::1:role/r', targetRoleArn: 'arn:aws:iam::2:role/t', associationId: 'a-1', associationArn: described.associationArn, source: 'f.json' },
    ]);
  });

  it.each([
    { name: 'something else', output: { Role: {} }, error: 'expected the output of `aws eks describe-pod-identity-association`' },
    { name: 'a list', output: [described], error: 'expected the output of' },
    { name: 'describe output without a role', output: { association: { ...described, roleArn: '' } }, error: 'association lacks roleArn' },
    { name: 'describe output without namespace and service account', output: { association: { clusterName: 'c', roleArn: 'r', associationId: 'a' } }, error: 'association lacks namespace, serviceAccount' },
    { name: 'a list entry that is not an object', output: { associations: [summary, 'a-2'] }, error: 'associations[1] lacks all fields' },
  ])('invalid: $name', ({ output, error }) => {
    const result = parseAssociationOutput(output, 'f.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});

describe('mergeAssociations', () => {
  it('answers a summary with the describe output of the same id', () => {
    const merged = mergeAssociations([parsed({ associations: [summary] }), parsed({ association: described })]);
    expect(merged.associations.map((association) => association.associationId)).toEqual(['a-1']);
    expect(merged.needsDescribe).toEqual([]);
  });

  it('reports summaries without a describe output, once, with the command to run', () => {
    const merged = mergeAssociations([parsed({ associations: [summary, summary] })]);
    expect(merged.associations).toEqual([]);
    expect(merged.needsDescribe).toHaveLength(1);
    expect(merged.needsDescribe[0]?.message).toContain('aws eks describe-pod-identity-association --cluster-name c --association-id a-1');
    expect(merged.needsDescribe[0]?.message).toContain('does not name the IAM role');
  });

  it('keeps an association described twice once, and sorts by cluster, namespace, service account', () => {
    const later = { ...described, associationId: 'a-0', namespace: 'aaa' };
    const merged = mergeAssociations([parsed({ association: described }), parsed({ association: described }), parsed({ association: later })]);
    expect(merged.associations.map((association) => association.associationId)).toEqual(['a-0', 'a-1']);
  });
});

describe('readPodIdentityAssociations', () => {
  it('reads a folder of CLI outputs; broken files are errors naming them', () => {
    const result = readPodIdentityAssociations([FIXTURES]);
    expect(result.associations.map((association) => [association.namespace, association.serviceAccount, association.roleArn, path.basename(association.source)])).toEqual([
      ['analytics', 'exporter', 'arn:aws:iam::111122223333:role/analytics-exporter-source', 'describe-cross-account.json'],
      ['inventory', 'inventory-sync', 'arn:aws:iam::111122223333:role/inventory-sync', 'describe-inventory-sync.json'],
    ]);
    expect(result.associations[0]?.targetRoleArn).toBe('arn:aws:iam::999988887777:role/analytics-exporter');
    expect(result.needsDescribe.map((entry) => [entry.namespace, entry.serviceAccount, entry.associationId])).toEqual([['shipping', 'label-printer', 'a-qrstuvwxyz0123452']]);
    expect(result.errors.map((error) => [path.basename(error.file), error.message])).toEqual([
      ['cut-off.json', expect.stringMatching(/^is not valid JSON/)],
      ['wrong-shape.json', 'association lacks serviceAccount, roleArn'],
    ]);
  });

  it('an unreadable path is an error, the other paths are still read', () => {
    const result = readPodIdentityAssociations([path.join(FIXTURES, 'nope'), path.join(FIXTURES, 'describe-inventory-sync.json')]);
    expect(result.associations).toHaveLength(1);
    expect(result.errors).toEqual([{ file: path.join(FIXTURES, 'nope'), message: 'cannot be read: no such file or folder' }]);
  });
});
