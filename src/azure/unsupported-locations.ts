/**
 * Regions where federated identity credentials cannot be created on user-assigned managed
 * identities, as Microsoft lists them
 * (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations#unsupported-regions-user-assigned-managed-identities).
 * The workaround is an identity created in a supported region.
 */
const UNSUPPORTED = ['malaysiasouth', 'newzealandnorth'];

/** ARM spells a location `westeurope`; people and az write `West Europe`. */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

export function federationUnsupportedIn(location: string): boolean {
  return UNSUPPORTED.includes(normalizeLocation(location));
}
