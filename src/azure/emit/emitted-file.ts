/** A file an emitter produces: a path relative to --out, and its exact bytes. */
export interface EmittedFile {
  path: string;
  text: string;
}

/** A POSIX shell word: single-quoted unless it is plainly safe. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Identities grouped by subscription and resource group, in key order (Bicep and ARM deploy per group). */
export function byResourceGroup<T extends { address: { subscriptionId: string; resourceGroup: string } }>(items: readonly T[]): { subscriptionId: string; resourceGroup: string; items: T[] }[] {
  const groups = new Map<string, { subscriptionId: string; resourceGroup: string; items: T[] }>();
  for (const item of items) {
    const key = `${item.address.subscriptionId}/${item.address.resourceGroup}`.toLowerCase();
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { subscriptionId: item.address.subscriptionId, resourceGroup: item.address.resourceGroup, items: [] }));
    group.items.push(item);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

/** A file name part from a resource group name (letters, digits, `.`, `_`, `-`, `(`, `)`). */
export function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_');
}

export const MSI_API_VERSION = '2023-01-31';
