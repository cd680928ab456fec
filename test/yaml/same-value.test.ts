import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sameValue } from '../../src/yaml/same-value.js';
import { applyStructurally } from '../../src/yaml/structural-edits.js';

describe('sameValue', () => {
  const cases: [unknown, unknown][] = [
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }],
    [{ a: 1 }, { a: 1, b: undefined }],
    [{ a: undefined }, { b: undefined }],
    [[1, 2], [2, 1]],
    [[1, 2], { 0: 1, 1: 2 }],
    [{}, []],
    [{}, new Map()],
    [NaN, NaN],
    [0, -0],
    ['1', 1],
    [null, undefined],
    [null, {}],
    [{ a: null }, { a: undefined }],
    [[undefined], []],
  ];
  it.each(cases.map((pair, index) => [index, ...pair]))('case %i agrees with util.isDeepStrictEqual', (_, a, b) => {
    expect(sameValue(a, b)).toBe(isDeepStrictEqual(a, b));
    expect(sameValue(b, a)).toBe(isDeepStrictEqual(b, a));
  });
});

describe('applyStructurally', () => {
  it('copies only what it changes and never mutates its input', () => {
    const original = { metadata: { name: 'a', labels: { x: '1' } }, spec: { list: [1, 2] } };
    const frozen = structuredClone(original);
    const set = applyStructurally(original, { op: 'set', docIndex: 0, path: ['metadata', 'labels', 'y'], value: '2' }) as typeof original;
    const removed = applyStructurally(set, { op: 'delete', docIndex: 0, path: ['metadata', 'labels', 'x'] }) as typeof original;
    const appended = applyStructurally(removed, { op: 'append', docIndex: 0, path: ['spec', 'list'], value: { n: 3 } });
    expect(original).toEqual(frozen);
    expect(set.spec).toBe(original.spec);
    expect(removed.metadata.labels).toEqual({ y: '2' });
    expect(appended).toEqual({ metadata: { name: 'a', labels: { y: '2' } }, spec: { list: [1, 2, { n: 3 }] } });
  });

  it('prunes maps left empty up to the nearest non-empty parent', () => {
    const value = { metadata: { annotations: { only: 'x' }, name: 'a' } };
    expect(applyStructurally(value, { op: 'delete', docIndex: 0, path: ['metadata', 'annotations', 'only'], pruneEmptyParents: true })).toEqual({ metadata: { name: 'a' } });
    expect(value.metadata.annotations).toEqual({ only: 'x' });
  });
});
