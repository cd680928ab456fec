export interface IdentityResourceId {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

// ARM ids are case-insensitive in their fixed segments; real manifests write `resourcegroups`.
const USER_ASSIGNED_IDENTITY =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.managedidentity\/userassignedidentities\/([^/]+)\/?$/i;

/** Null unless the id names a user-assigned managed identity. */
export function parseIdentityResourceId(resourceId: string): IdentityResourceId | null {
  const match = USER_ASSIGNED_IDENTITY.exec(resourceId.trim());
  if (!match || !match[1] || !match[2] || !match[3]) return null;
  return { subscriptionId: match[1], resourceGroup: match[2], name: match[3] };
}
