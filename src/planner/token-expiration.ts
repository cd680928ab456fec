/**
 * EKS accepts `eks.amazonaws.com/token-expiration` from 600 s (default 86400); Workload ID's
 * `azure.workload.identity/service-account-token-expiration` only from 3600 to 86400 s
 * (https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html).
 */
export const MIN_TOKEN_EXPIRATION = 3600;
export const MAX_TOKEN_EXPIRATION = 86400;

/** The value Workload ID accepts, and what was changed to get it; null seconds when there is nothing to carry over. */
export function clampTokenExpiration(value: string | null | undefined): { seconds: number | null; problem: string | null } {
  if (value === null || value === undefined) return { seconds: null, problem: null };
  if (!/^\d+$/.test(value.trim())) return { seconds: null, problem: `token expiration "${value}" is not a number of seconds; it is not carried over` };
  const seconds = Number(value.trim());
  const clamped = Math.min(MAX_TOKEN_EXPIRATION, Math.max(MIN_TOKEN_EXPIRATION, seconds));
  if (clamped === seconds) return { seconds, problem: null };
  return { seconds: clamped, problem: `token expiration ${seconds} s is outside the 3600-86400 s Workload ID accepts; ${clamped} s is used` };
}
