import type { Finding } from '../../model/finding.js';
import { clusterDrift } from '../../pipeline/cluster-drift.js';
import { runOnDocuments } from '../../pipeline/run-on-documents.js';
import { sortFindings } from '../../pipeline/sort-findings.js';
import { renderClusterMarkdown, renderClusterText, type ClusterReport, type ClusterSection } from '../../reporters/cluster-section.js';
import { renderJson } from '../../reporters/json.js';
import { renderMarkdown } from '../../reporters/markdown.js';
import { buildReport } from '../../reporters/report.js';
import { renderText } from '../../reporters/text.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../reporters/registry.js';
import { toolVersion } from '../tool-version.js';
import { readClusterFacts } from '../../sources/cluster/cluster-facts.js';
import { readCluster, type ClusterRead } from '../../sources/cluster/read-cluster.js';
import { reportMissingPaths, say } from '../messages.js';
import { resolveOptions } from '../resolve-options.js';
import { exitCodeFor, runOnPaths } from '../run-on-paths.js';
import { emit } from '../write-output.js';
import { clusterProgress, namespaceScope, openCluster, withClusterErrors, type ClusterRawOptions } from './cluster-options.js';

/** text, json and markdown add the cluster section; the other report formats show the findings and inventory as for files. */
const FORMATS = REPORT_FORMATS;

/**
 * `scan --cluster [PATHS...]`: the live cluster through the same analyzers and planner as
 * files; with paths, also what runs in the cluster and is not in the files, and the other way round.
 */
export async function scanClusterCommand(paths: string[], raw: ClusterRawOptions, pathsGiven: boolean): Promise<number> {
  const options = resolveOptions(paths, raw, FORMATS);
  const namespace = namespaceScope(raw);
  const client = await openCluster(raw);
  const { hooks, progress } = clusterProgress(options.quiet);
  const { read, facts, factFindings } = await withClusterErrors(async () => {
    const read = await readCluster(client, { namespace, pods: 'labelled', hooks });
    const { facts, findings } = await readClusterFacts(client, read);
    return { read, facts, factFindings: findings };
  });
  progress.done();
  // The cluster's own issuer is the default --issuer (a finding warns when it is not AKS's).
  const flagIssuer = options.plan.issuer;
  const planIssuer = flagIssuer ?? facts.issuer;
  const result = runOnDocuments(read.documents, { analyzer: options.analyzer, plan: { ...options.plan, issuer: planIssuer } });
  let drift: ClusterSection['drift'] = null;
  const extra: Finding[] = [...read.findings, ...factFindings];
  let missingPaths: string[] = [];
  if (pathsGiven) {
    const files = runOnPaths(options, process.cwd(), false);
    missingPaths = files.missingPaths;
    const compared = clusterDrift(result.inventory, files.result.inventory);
    drift = { notInFiles: compared.notInFiles, notInCluster: compared.notInCluster };
    extra.push(...compared.findings);
  }
  if (flagIssuer === null && facts.issuer !== null && !options.quiet) say(`wimigrate: using the cluster's issuer ${facts.issuer} (pass --issuer to choose another)`);
  result.findings = sortFindings([...result.findings, ...extra]);
  const section: ClusterSection = {
    ...facts,
    namespace,
    planIssuer: { value: planIssuer, source: flagIssuer !== null ? 'flag' : planIssuer !== null ? 'cluster' : 'none' },
    kinds: read.kinds,
    labelledPods: labelledPods(read),
    drift,
  };
  const report: ClusterReport = { ...buildReport('scan', result), cluster: section };
  const text =
    options.format === 'json'
      ? renderJson(report)
      : options.format === 'markdown'
        ? `${renderMarkdown(report)}${renderClusterMarkdown(section)}`
        : options.format === 'text'
          ? `${renderClusterText(section).trimStart()}\n${renderText(report)}`
          : renderReport(options.format as ReportFormat, report, { toolVersion: toolVersion() });
  emit(text, options.output);
  reportMissingPaths(missingPaths);
  return exitCodeFor(result.findings, options.failOn, missingPaths);
}

function labelledPods(read: ClusterRead): ClusterSection['labelledPods'] {
  const counts = new Map<string, number>();
  for (const pod of read.pods) {
    if (!('aadpodidbinding' in pod.labels)) continue;
    const name = `${pod.owner.kind} ${pod.owner.namespace}/${pod.owner.name}${pod.owner.known ? '' : ' (not read)'}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([workload, pods]) => ({ workload, pods }));
}
