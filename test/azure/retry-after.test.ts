import { describe, expect, it } from 'vitest';
import { apiError, retryAfterMs } from '../../src/azure/arm-msi-client.js';
import { AzureApiError } from '../../src/azure/federation-client.js';
import { isRetryable, withRetry } from '../../src/azure/with-retry.js';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] });

describe('Retry-After and what is retried', () => {
  it('prefers retry-after-ms, then reads seconds or an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(headers({ 'x-ms-retry-after-ms': '40' }))).toBe(40);
    expect(retryAfterMs(headers({ 'retry-after': '3' }))).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:10 GMT' }), Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs(headers({}))).toBeNull();
  });

  it('retries 409, 429, 5xx and dropped connections; not 400, 403, 404 or a missing token', () => {
    const error = (status: number, code = '') => new AzureApiError('op', status, code, 'x');
    expect([409, 429, 500, 503].map((status) => isRetryable(error(status)))).toEqual([true, true, true, true]);
    expect([400, 403, 404].map((status) => isRetryable(error(status)))).toEqual([false, false, false]);
    expect(isRetryable(error(0, 'REQUEST_SEND_ERROR'))).toBe(true);
    const noToken = apiError('userAssignedIdentities.get', Object.assign(new Error('Please run az login'), { name: 'CredentialUnavailableError' }));
    expect(noToken).toMatchObject({ status: 0, code: 'CredentialUnavailableError' });
    expect(isRetryable(noToken)).toBe(false);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    const waits: number[] = [];
    const failing = () => {
      calls++;
      return Promise.reject(new AzureApiError('op', 500, 'InternalServerError', 'boom'));
    };
    await expect(withRetry(failing, { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 15 }, async (ms) => void waits.push(ms))).rejects.toMatchObject({ status: 500 });
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 15]);
  });
});
