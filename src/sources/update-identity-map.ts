/**
 * Writes the client ids of identities `federate --apply` created back into the identity map, so
 * the next `migrate` fills in the pending placeholders. Pure: the map's text in, the new text
 * out. Edits go through src/yaml, so the map keeps its comments, quoting and layout (YAML or
 * JSON); an entry the map does not have yet is appended like its siblings. A new map is written
 * from scratch in the documented shape.
 */
import { applyEdits, type YamlEdit } from '../yaml/index.js';
import { yaml } from '../yaml/yaml-library.js';

export interface IdentityMapUpdate {
  roleArn: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  clientId: string;
}

export type IdentityMapResult = { text: string; changed: boolean } | { refused: string };

export function updateIdentityMapText(text: string | null, file: string, updates: readonly IdentityMapUpdate[]): IdentityMapResult {
  const sorted = [...updates].sort((a, b) => (a.roleArn < b.roleArn ? -1 : 1));
  const format = /\.json$/i.test(file) ? 'json' : 'yaml';
  if (text === null) {
    const map = { schemaVersion: 1, identities: sorted.map(entryOf) };
    return { text: format === 'json' ? `${JSON.stringify(map, null, 2)}\n` : newYaml(sorted), changed: sorted.length > 0 };
  }
  const doc = yaml().parseDocument(text);
  const list = doc.get('identities', true);
  if (!yaml().isSeq(list)) return { refused: `${file}: has no identities list to update` };
  const indexOf = new Map<string, number>();
  list.items.forEach((item, index) => {
    const roleArn = yaml().isMap(item) ? item.get('roleArn') : undefined;
    if (typeof roleArn === 'string') indexOf.set(roleArn.trim(), index);
  });
  const edits: YamlEdit[] = [];
  for (const update of sorted) {
    const index = indexOf.get(update.roleArn);
    if (index === undefined) edits.push({ op: 'append', docIndex: 0, path: ['identities'], value: entryOf(update) });
    else if ((list.items[index] as { get(key: string): unknown }).get('clientId') !== update.clientId) edits.push({ op: 'set', docIndex: 0, path: ['identities', index, 'clientId'], value: update.clientId });
  }
  if (edits.length === 0) return { text, changed: false };
  const outcome = applyEdits(text, format, edits);
  const refusal = outcome.refused[0];
  if (refusal) return { refused: `${file}:${refusal.line}:${refusal.col}: the client ids cannot be written safely: ${refusal.reason}` };
  return { text: outcome.text, changed: outcome.text !== text };
}

function entryOf(update: IdentityMapUpdate): Record<string, string> {
  return {
    roleArn: update.roleArn,
    name: update.name,
    subscriptionId: update.subscriptionId,
    resourceGroup: update.resourceGroup,
    location: update.location,
    clientId: update.clientId,
  };
}

function newYaml(updates: readonly IdentityMapUpdate[]): string {
  const lines = ['# The managed identity that takes over each IAM role (written by wimigrate federate).', 'schemaVersion: 1', 'identities:'];
  for (const update of updates) {
    const entry = entryOf(update);
    Object.entries(entry).forEach(([key, value], index) => lines.push(`${index === 0 ? '  - ' : '    '}${key}: ${JSON.stringify(value)}`));
  }
  if (updates.length === 0) lines[2] = 'identities: []';
  return `${lines.join('\n')}\n`;
}
