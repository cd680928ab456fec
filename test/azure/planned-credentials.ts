/** What the Azure tests need from a plan file, and the local Resource Manager seeded from it. */
import { readFileSync } from 'node:fs';
import type { FakeArm } from './fake-arm-server.js';

export interface PlanCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  serviceAccount: { namespace: string; name: string };
  target: { kind: string; subscriptionId?: string; resourceGroup?: string; identityName?: string };
}

export type ManagedTarget = Required<PlanCredential['target']>;

/** The federated credentials of a plan file (`plan -f json`, `migrate --plan-out`). */
export function plannedCredentials(planFile: string): PlanCredential[] {
  return (JSON.parse(readFileSync(planFile, 'utf8')) as { plan: { federatedCredentials: PlanCredential[] } }).plan.federatedCredentials;
}

export function onManagedIdentities(credentials: readonly PlanCredential[]): PlanCredential[] {
  return credentials.filter((credential) => credential.target.kind === 'managed-identity');
}

/** Every managed identity the credentials name exists (in eastus, with no credentials unless it did before). */
export function seedIdentities(arm: FakeArm, credentials: readonly PlanCredential[]): void {
  for (const credential of onManagedIdentities(credentials)) {
    const { subscriptionId, resourceGroup, identityName } = credential.target as ManagedTarget;
    if (!arm.identity(subscriptionId, resourceGroup, identityName)) arm.addIdentity(subscriptionId, resourceGroup, identityName, 'eastus');
  }
}

/** Waits until `condition` holds, checking every 20 ms, for at most `limitMs` (then fails). */
export async function waitFor(condition: () => boolean, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
