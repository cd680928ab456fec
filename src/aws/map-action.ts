/**
 * Finds what an IAM action (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html,
 * `<service-prefix>:<Action>`, case-insensitive, wildcards allowed) maps to in the permissions
 * table: the first matching rule of its service, else the service's fallback. Wildcards that
 * cover a whole service or every service are told apart, so callers report them instead of
 * mapping them silently.
 */
import { matchesIamGlob } from './iam-glob.js';
import type { ActionRule, AwsPermissionTable, ServiceEntry } from './permission-table.js';

export type ActionMatch =
  | { kind: 'rule'; service: ServiceEntry; rule: ActionRule }
  /** A known service, no rule: the service's general suggestion (none when its fallback is empty). */
  | { kind: 'prefix-fallback'; service: ServiceEntry }
  /** `s3:*`: every action of one service. */
  | { kind: 'service-wildcard'; service: ServiceEntry }
  | { kind: 'unknown-service'; prefix: string }
  /** `*`, or a wildcard in the service prefix (`s*:Get*`): no single service. */
  | { kind: 'all-services' }
  | { kind: 'malformed' };

export function matchAction(action: string, table: AwsPermissionTable): ActionMatch {
  const trimmed = action.trim();
  if (trimmed === '*') return { kind: 'all-services' };
  const colon = trimmed.indexOf(':');
  if (colon <= 0 || colon === trimmed.length - 1) return { kind: 'malformed' };
  const prefix = trimmed.slice(0, colon).toLowerCase();
  if (/[*?]/.test(prefix)) return { kind: 'all-services' };
  const service = table.services.find((entry) => entry.prefix === prefix);
  if (!service) return { kind: 'unknown-service', prefix };
  if (/^\*+$/.test(trimmed.slice(colon + 1))) return { kind: 'service-wildcard', service };
  // The rule's pattern must cover the policy's action; a policy wildcard is compared as text,
  // so `s3:Get*` in a policy matches the rule `s3:Get*` but `s3:*Object` matches no rule.
  const rule = service.rules.find((candidate) => candidate.actions.some((pattern) => matchesIamGlob(pattern, trimmed, true)));
  return rule ? { kind: 'rule', service, rule } : { kind: 'prefix-fallback', service };
}
