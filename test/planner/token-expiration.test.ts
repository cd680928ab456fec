import { describe, expect, it } from 'vitest';
import { clampTokenExpiration } from '../../src/planner/token-expiration.js';

describe('token expiration from EKS to Workload ID', () => {
  it.each([
    [undefined, null, false],
    ['3600', 3600, false],
    ['86400', 86400, false],
    [' 7200 ', 7200, false],
    ['600', 3600, true],
    ['100000', 86400, true],
    ['1h', null, true],
    ['-5', null, true],
  ] as const)('%j -> %j', (value, seconds, reported) => {
    const result = clampTokenExpiration(value);
    expect(result.seconds).toBe(seconds);
    expect(result.problem !== null).toBe(reported);
  });
});
