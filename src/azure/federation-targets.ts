/**
 * What `wimigrate federate` works on, from a plan: the user-assigned identities with the
 * credentials each must carry (and, for IAM roles, whether wimigrate creates the identity), the
 * app registrations (service principals, types 1 and 2) that only get commands, and what cannot be
 * placed. Pure; sorted, so the same plan always gives the same work and the same emitted bytes.
 */
import type { MigrationPlan, PlannedFederatedCredential } from '../model/plan.js';
import { refString } from '../model/inventory.js';
import type { CredentialBody, IdentityAddress } from './federation-client.js';

export interface IdentityWork {
  /** The ARM id, lower-cased: ARM ids compare case-insensitively. */
  key: string;
  resourceId: string;
  address: IdentityAddress;
  /** An identity for an IAM role (new, or in the identity map without a client id): created when it does not exist yet. */
  create: { location: string | null; tags: Record<string, string>; roleArn: string } | null;
  /** Sorted by name. */
  credentials: CredentialBody[];
  /** For each credential name, what it serves (a service account, and the AzureIdentity or IAM role). */
  serves: Record<string, string>;
}

export interface AppRegistrationWork {
  clientId: string;
  credentials: (CredentialBody & { serves: string })[];
}

export interface FederationTargets {
  identities: IdentityWork[];
  appRegistrations: AppRegistrationWork[];
  /** Credentials whose identity is not known (no resourceID, no subscription): a person decides. */
  unplaced: { credential: CredentialBody; serves: string; reason: string }[];
}

/** Tag on identities wimigrate creates for IAM roles: says which role it takes over. */
export const ROLE_TAG = 'wimigrate-source-role';
/** ARM tag values are at most 256 characters. */
const MAX_TAG_VALUE = 256;

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bodyOf(credential: PlannedFederatedCredential): CredentialBody {
  return { name: credential.name, issuer: credential.issuer, subject: credential.subject, audiences: [...credential.audiences] };
}

function servesOf(credential: PlannedFederatedCredential): string {
  const owner = credential.roleArn ? `IAM role ${credential.roleArn}` : credential.identity.namespace ? `AzureIdentity ${refString(credential.identity)}` : `identity ${credential.identity.name}`;
  return `ServiceAccount ${refString(credential.serviceAccount)} (${owner})`;
}

export function federationTargets(plan: Pick<MigrationPlan, 'federatedCredentials' | 'roleIdentities'>): FederationTargets {
  const identities = new Map<string, IdentityWork>();
  const apps = new Map<string, AppRegistrationWork>();
  const unplaced: FederationTargets['unplaced'] = [];
  const newRoles = new Map(plan.roleIdentities.filter((identity) => identity.source === 'new' || identity.clientId === null).map((identity) => [identity.name, identity]));

  const workFor = (subscriptionId: string, resourceGroup: string, name: string, resourceId: string): IdentityWork => {
    const key = resourceId.toLowerCase();
    let work = identities.get(key);
    if (!work) {
      work = { key, resourceId, address: { subscriptionId, resourceGroup, name }, create: null, credentials: [], serves: {} };
      identities.set(key, work);
    }
    return work;
  };

  for (const credential of plan.federatedCredentials) {
    const { target } = credential;
    if (target.kind === 'managed-identity') {
      const work = workFor(target.subscriptionId, target.resourceGroup, target.identityName, target.resourceId);
      if (work.serves[credential.name] === undefined) work.credentials.push(bodyOf(credential));
      work.serves[credential.name] = servesOf(credential);
      const role = credential.roleArn ? newRoles.get(target.identityName) : undefined;
      if (role && role.roleArn === credential.roleArn) {
        work.create = { location: role.location, tags: { [ROLE_TAG]: role.roleArn.slice(0, MAX_TAG_VALUE), 'created-by': 'wimigrate' }, roleArn: role.roleArn };
      }
    } else if (target.kind === 'app-registration') {
      let app = apps.get(target.clientId);
      if (!app) apps.set(target.clientId, (app = { clientId: target.clientId, credentials: [] }));
      if (!app.credentials.some((entry) => entry.name === credential.name)) app.credentials.push({ ...bodyOf(credential), serves: servesOf(credential) });
    } else {
      unplaced.push({ credential: bodyOf(credential), serves: servesOf(credential), reason: target.reason });
    }
  }
  // A new identity for a role with no service account yet is still created, so its client id is known.
  for (const role of newRoles.values()) {
    if (role.subscriptionId === null || role.resourceGroup === null) continue;
    const resourceId = `/subscriptions/${role.subscriptionId}/resourceGroups/${role.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${role.name}`;
    const work = workFor(role.subscriptionId, role.resourceGroup, role.name, resourceId);
    if (role.roleArn) work.create ??= { location: role.location, tags: { [ROLE_TAG]: role.roleArn.slice(0, MAX_TAG_VALUE), 'created-by': 'wimigrate' }, roleArn: role.roleArn };
  }
  for (const work of identities.values()) work.credentials.sort((a, b) => byText(a.name, b.name));
  for (const app of apps.values()) app.credentials.sort((a, b) => byText(a.name, b.name));
  return {
    identities: [...identities.values()].sort((a, b) => byText(a.key, b.key)),
    appRegistrations: [...apps.values()].sort((a, b) => byText(a.clientId, b.clientId)),
    unplaced: unplaced.sort((a, b) => byText(a.credential.name, b.credential.name)),
  };
}
