/**
 * The managed identities that take over IAM roles: one per role, from the identity map when it
 * names the role, else a new one named after it (`-2`, `-3`... when two roles share a name), in
 * ARN order so that names are stable from run to run. A pending placeholder from an earlier run
 * names its identity even after cutover has removed the role annotation.
 */
import { identityNameForRole, pendingClientId, roleNameOf } from '../azure/role-identity-name.js';
import { isGuid } from '../analyzers/object-fields.js';
import type { PlannedRoleIdentity } from '../model/plan.js';
import type { PlanOptions } from './plan-options.js';

export interface RoleIdentities {
  forRole(roleArn: string): PlannedRoleIdentity | undefined;
  /** The identity a placeholder names; a new one (without role) when neither the roles nor the map know it. */
  named(name: string): PlannedRoleIdentity;
  all(): PlannedRoleIdentity[];
}

export function roleIdentities(roleArns: readonly string[], options: PlanOptions): RoleIdentities {
  const mapped = new Map(options.identityMap.map((entry) => [entry.roleArn, entry]));
  const taken = new Set(options.identityMap.map((entry) => entry.name));
  const newIdentity = (roleArn: string, name: string): PlannedRoleIdentity => ({
    roleArn,
    source: 'new',
    name,
    subscriptionId: options.subscriptionId,
    resourceGroup: options.identityResourceGroup,
    location: options.identityLocation,
    clientId: null,
  });
  const byRole = new Map<string, PlannedRoleIdentity>();
  for (const roleArn of [...new Set(roleArns.filter((arn) => roleNameOf(arn) !== null))].sort()) {
    const entry = mapped.get(roleArn);
    if (entry) {
      byRole.set(roleArn, { ...entry, source: 'identity-map' });
      continue;
    }
    const base = identityNameForRole(roleArn);
    let name = base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base.slice(0, 120)}-${suffix}`;
    taken.add(name);
    byRole.set(roleArn, newIdentity(roleArn, name));
  }
  const byName = new Map([...byRole.values()].map((identity) => [identity.name, identity]));
  for (const entry of options.identityMap) if (!byName.has(entry.name)) byName.set(entry.name, { ...entry, source: 'identity-map' });
  return {
    forRole: (roleArn) => byRole.get(roleArn),
    named(name) {
      const known = byName.get(name) ?? newIdentity('', name);
      byName.set(name, known);
      return known;
    },
    all: () => [...byName.values()],
  };
}

/**
 * The client id to write for an identity: the identity map's; else one someone already wrote by
 * hand (a GUID), kept until the map knows better; else the pending placeholder.
 */
export function clientIdToWrite(identity: PlannedRoleIdentity, existing: string | undefined): { clientId: string; pending: boolean } {
  const known = identity.clientId ?? (existing !== undefined && isGuid(existing) ? existing : null);
  return known === null ? { clientId: pendingClientId(identity.name), pending: true } : { clientId: known, pending: false };
}
