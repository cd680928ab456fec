/**
 * Retries the ARM calls that fail for a while and then work (DESIGN §6): 409 (a concurrent
 * write to the same identity), 429 (throttled: wait what Retry-After says), 5xx and no answer
 * at all; with exponential backoff. Anything else fails at once. `sleep` is injected so tests
 * do not wait on the clock.
 */
import { AzureApiError } from './federation-client.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000 };

export function isRetryable(error: unknown): error is AzureApiError {
  if (!(error instanceof AzureApiError)) return false;
  // No answer at all (a dropped connection) is retried; a failure before sending (no token) is not.
  return (error.status === 0 && error.code === 'REQUEST_SEND_ERROR') || error.status === 409 || error.status === 429 || error.status >= 500;
}

export function retryDelay(error: AzureApiError, attempt: number, policy: RetryPolicy): number {
  if (error.retryAfterMs !== null) return Math.min(error.retryAfterMs, policy.maxDelayMs);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  onRetry: (error: AzureApiError, attempt: number, delayMs: number) => void = () => {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
      const delay = retryDelay(error, attempt, policy);
      onRetry(error, attempt, delay);
      await sleep(delay);
    }
  }
}
