import type { Report } from '../report.js';
import { escapeHtml } from './escape.js';

interface GraphNode {
  id: string;
  column: number;
  label: string;
  title: string;
  namespace: string;
  source: 'pod-identity' | 'irsa';
}

export interface Graph {
  nodes: GraphNode[];
  edges: [string, string][];
}

export const GRAPH_COLUMNS = ['Identities', 'Bindings / IRSA accounts', 'Workloads', 'Service accounts (after)', 'Federated credentials'] as const;
/** Beyond this many nodes in a column the picture stops helping; the tables below list everything. */
const MAX_PER_COLUMN = 150;

/** identities -> bindings -> workloads -> service accounts -> federated credentials, for both sources. */
export function buildGraph(report: Report): Graph {
  const nodes: GraphNode[] = [];
  const edges: [string, string][] = [];
  const ids = new Set<string>();
  const add = (node: GraphNode) => {
    if (ids.has(node.id)) return;
    ids.add(node.id);
    nodes.push(node);
  };
  const edge = (from: string, to: string) => {
    if (ids.has(from) && ids.has(to) && !edges.some(([a, b]) => a === from && b === to)) edges.push([from, to]);
  };
  const { inventory, plan } = report;

  for (const identity of inventory.identities) {
    add({ id: `i:${identity.namespace}/${identity.name}`, column: 0, label: `${identity.namespace}/${identity.name}`, title: `AzureIdentity ${identity.namespace}/${identity.name}${identity.clientId ? ` (client ${identity.clientId})` : ''}`, namespace: identity.namespace, source: 'pod-identity' });
  }
  for (const role of plan.roleIdentities) {
    add({ id: `r:${role.roleArn}`, column: 0, label: role.name, title: `IAM role ${role.roleArn} -> managed identity ${role.name}`, namespace: '', source: 'irsa' });
  }
  for (const binding of inventory.bindings) {
    add({ id: `b:${binding.namespace}/${binding.name}`, column: 1, label: `${binding.namespace}/${binding.name}`, title: `AzureIdentityBinding ${binding.namespace}/${binding.name} selector ${binding.selector ?? '-'}`, namespace: binding.namespace, source: 'pod-identity' });
    if (binding.identity) edge(`i:${binding.namespace}/${binding.identity}`, `b:${binding.namespace}/${binding.name}`);
  }
  for (const account of inventory.irsaServiceAccounts) {
    add({ id: `a:${account.namespace}/${account.name}`, column: 1, label: `${account.namespace}/${account.name}`, title: `IRSA service account ${account.namespace}/${account.name} (${account.roleArn})`, namespace: account.namespace, source: 'irsa' });
    edge(`r:${account.roleArn}`, `a:${account.namespace}/${account.name}`);
  }
  for (const workload of inventory.workloads) {
    const id = `w:${workload.kind}/${workload.namespace}/${workload.name}`;
    add({ id, column: 2, label: `${workload.namespace}/${workload.name}`, title: `${workload.kind} ${workload.namespace}/${workload.name}`, namespace: workload.namespace, source: 'pod-identity' });
    for (const binding of inventory.bindings) {
      if (binding.selector !== null && binding.selector === workload.selector && binding.identity && workload.identities.includes(`${binding.namespace}/${binding.identity}`)) edge(`b:${binding.namespace}/${binding.name}`, id);
    }
  }
  for (const workload of plan.irsaWorkloads) {
    const id = `w:${workload.kind}/${workload.ref.namespace}/${workload.ref.name}`;
    add({ id, column: 2, label: `${workload.ref.namespace}/${workload.ref.name}`, title: `${workload.kind} ${workload.ref.namespace}/${workload.ref.name}`, namespace: workload.ref.namespace, source: 'irsa' });
    edge(`a:${workload.serviceAccount.namespace}/${workload.serviceAccount.name}`, id);
  }
  for (const account of plan.serviceAccounts) {
    add({ id: `s:${account.ref.namespace}/${account.ref.name}`, column: 3, label: `${account.ref.namespace}/${account.ref.name}`, title: `${account.action} service account ${account.ref.namespace}/${account.ref.name} (client ${account.clientId})`, namespace: account.ref.namespace, source: 'pod-identity' });
  }
  for (const account of plan.irsaServiceAccounts) {
    add({ id: `s:${account.ref.namespace}/${account.ref.name}`, column: 3, label: `${account.ref.namespace}/${account.ref.name}`, title: `annotate service account ${account.ref.namespace}/${account.ref.name} (client ${account.clientId})`, namespace: account.ref.namespace, source: 'irsa' });
    // Known from an EKS Pod Identity association or a trust policy rather than an annotation: the role points straight at it.
    if (account.roleArn && !ids.has(`a:${account.ref.namespace}/${account.ref.name}`)) edge(`r:${account.roleArn}`, `s:${account.ref.namespace}/${account.ref.name}`);
  }
  for (const workload of plan.workloads) edge(`w:${workload.kind}/${workload.ref.namespace}/${workload.ref.name}`, `s:${workload.serviceAccount.namespace}/${workload.serviceAccount.name}`);
  for (const workload of plan.irsaWorkloads) edge(`w:${workload.kind}/${workload.ref.namespace}/${workload.ref.name}`, `s:${workload.serviceAccount.namespace}/${workload.serviceAccount.name}`);
  plan.federatedCredentials.forEach((credential, index) => {
    const id = `c:${index}`;
    const on = credential.target.kind === 'managed-identity' ? credential.target.identityName : credential.target.kind === 'app-registration' ? `app ${credential.target.clientId}` : 'unknown identity';
    add({ id, column: 4, label: credential.name, title: `${credential.name} on ${on}: ${credential.subject}`, namespace: credential.serviceAccount.namespace, source: credential.roleArn ? 'irsa' : 'pod-identity' });
    // With --render it trusts the built service account; the graph's node is the source one.
    const account = credential.sourceServiceAccount ?? credential.serviceAccount;
    edge(`s:${account.namespace}/${account.name}`, id);
  });
  return { nodes, edges };
}

const NODE_WIDTH = 190;
const COLUMN_GAP = 40;
const ROW_HEIGHT = 34;
const NODE_HEIGHT = 26;
const TOP = 28;

/** Inline SVG, laid out in columns; each node and edge carries its namespace and source so filters can hide it. */
export function renderGraphSvg(graph: Graph): string {
  const byColumn = orderColumns(graph);
  const shown = new Map<string, { x: number; y: number; node: GraphNode }>();
  const hiddenCounts = byColumn.map((nodes) => Math.max(0, nodes.length - MAX_PER_COLUMN));
  byColumn.forEach((nodes, column) => {
    nodes.slice(0, MAX_PER_COLUMN).forEach((node, row) => shown.set(node.id, { x: column * (NODE_WIDTH + COLUMN_GAP), y: TOP + row * ROW_HEIGHT, node }));
  });
  const rows = Math.max(1, ...byColumn.map((nodes) => Math.min(nodes.length, MAX_PER_COLUMN) + (nodes.length > MAX_PER_COLUMN ? 1 : 0)));
  const width = GRAPH_COLUMNS.length * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP;
  const height = TOP + rows * ROW_HEIGHT;
  const out: string[] = [`<svg class="graph" role="img" aria-label="identity graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`];
  GRAPH_COLUMNS.forEach((title, column) => out.push(`<text class="gh" x="${column * (NODE_WIDTH + COLUMN_GAP)}" y="16">${escapeHtml(title)}</text>`));
  for (const [from, to] of graph.edges) {
    const a = shown.get(from);
    const b = shown.get(to);
    if (!a || !b) continue;
    const x1 = a.x + NODE_WIDTH;
    const y1 = a.y + NODE_HEIGHT / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_HEIGHT / 2;
    const bend = (x2 - x1) / 2;
    out.push(`<path class="ge" data-filter="graph" data-ns="${escapeHtml(namespaces(a.node, b.node))}" data-source="${a.node.source}" d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}"/>`);
  }
  for (const { x, y, node } of shown.values()) {
    out.push(
      `<g class="gn ${node.source}" data-filter="graph" data-ns="${escapeHtml(node.namespace)}" data-source="${node.source}"><title>${escapeHtml(node.title)}</title>` +
        `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="5"/>` +
        `<text x="${x + 8}" y="${y + 17}">${escapeHtml(truncate(node.label, 26))}</text></g>`,
    );
  }
  hiddenCounts.forEach((count, column) => {
    if (count > 0) out.push(`<text class="gh" x="${column * (NODE_WIDTH + COLUMN_GAP)}" y="${TOP + MAX_PER_COLUMN * ROW_HEIGHT + 17}">and ${count} more (see the tables)</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/**
 * Each column after the first in the mean order of the nodes that point to it (the barycenter
 * heuristic), so edges cross less; nodes nothing points to keep their order, after the others.
 */
function orderColumns(graph: Graph): GraphNode[][] {
  const columns = GRAPH_COLUMNS.map((_, column) => graph.nodes.filter((node) => node.column === column));
  const position = new Map<string, number>();
  columns[0]?.forEach((node, index) => position.set(node.id, index));
  for (let column = 1; column < columns.length; column++) {
    const weight = (node: GraphNode) => {
      const from = graph.edges.filter(([, to]) => to === node.id).map(([source]) => position.get(source)).filter((at): at is number => at !== undefined);
      return from.length === 0 ? Number.POSITIVE_INFINITY : from.reduce((sum, at) => sum + at, 0) / from.length;
    };
    const weighted = columns[column]!.map((node, index) => ({ node, index, weight: weight(node) }));
    weighted.sort((a, b) => (a.weight === b.weight ? a.index - b.index : a.weight < b.weight ? -1 : 1));
    columns[column] = weighted.map((entry) => entry.node);
    columns[column]!.forEach((node, index) => position.set(node.id, index));
  }
  return columns;
}

/** An edge belongs to the namespaces of both ends (an IAM role has none). */
function namespaces(a: GraphNode, b: GraphNode): string {
  return [...new Set([a.namespace, b.namespace].filter(Boolean))].join(' ');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
