import type { Finding } from '../../model/finding.js';
import type { Report } from '../report.js';

/**
 * The namespace a finding belongs to, for the namespace filter: that of the resource whose
 * document starts last at or before the finding's line in the same file. '' when none does.
 */
export function findingNamespace(report: Report): (finding: Finding) => string {
  const starts = new Map<string, { line: number; namespace: string }[]>();
  const { inventory } = report;
  const resources = [...inventory.identities, ...inventory.bindings, ...inventory.exceptions, ...inventory.workloads, ...inventory.secretProviderClasses, ...inventory.irsaServiceAccounts];
  for (const resource of resources) {
    const list = starts.get(resource.location.file) ?? [];
    list.push({ line: resource.location.line, namespace: resource.namespace });
    starts.set(resource.location.file, list);
  }
  for (const list of starts.values()) list.sort((a, b) => a.line - b.line);
  return (finding) => {
    let namespace = '';
    for (const start of starts.get(finding.location.file) ?? []) {
      if (start.line > finding.location.line) break;
      namespace = start.namespace;
    }
    return namespace;
  };
}
