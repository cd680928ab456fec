import { rewrittenObjects } from '../../pipeline/rewritten-objects.js';
import { formatLocation } from '../../reporters/format-location.js';
import { clusterFinding } from '../../sources/cluster/cluster-findings.js';
import { makeDryRun, type DryRunAnswer } from '../../sources/cluster/server-dry-run.js';
import { say } from '../messages.js';
import { MIGRATE_FORMATS, migrateCommand, type ServerValidation } from '../migrate-command.js';
import { resolveOptions } from '../resolve-options.js';
import { runOnPaths } from '../run-on-paths.js';
import { openCluster, withClusterErrors, type ClusterRawOptions } from './cluster-options.js';

/** A few requests at a time: fast on hundreds of documents, gentle on the API server. */
const PARALLEL = 4;

/**
 * `migrate --validate-server`: every rewritten object goes to the API server as a server-side
 * dry run before anything is written; the answers join the report and rejections are
 * `server-validation-failed` findings (errors, so exit code 1 by default).
 */
export async function migrateValidateCommand(paths: string[], raw: ClusterRawOptions): Promise<number> {
  const options = resolveOptions(paths, raw, MIGRATE_FORMATS);
  const outcome = runOnPaths(options, process.cwd());
  const objects = rewrittenObjects(outcome.result.changes);
  const client = await openCluster(raw);
  const dryRun = makeDryRun(client, options.analyzer.defaultNamespace);
  const answers: DryRunAnswer[] = new Array(objects.length);
  await withClusterErrors(async () => {
    let next = 0;
    const worker = async () => {
      while (next < objects.length) {
        const index = next++;
        answers[index] = await dryRun(objects[index]!.object);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, objects.length) }, worker));
  });
  const validation: ServerValidation = { outcome, findings: [], answers: [] };
  objects.forEach((entry, index) => {
    const answer = answers[index]!;
    const metadata = (entry.object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    const kind = String(entry.object.kind);
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : null;
    validation.answers.push({ file: entry.location.file, line: entry.location.line, kind, namespace, name, ...answer });
    if (answer.status === 'rejected') validation.findings.push(clusterFinding('server-validation-failed', `${kind} ${namespace ?? options.analyzer.defaultNamespace}/${name}: ${answer.message}`, entry.location));
    if (!options.quiet) say(`${formatLocation(entry.location)}: ${kind} ${name}: ${answer.status} by ${client.context}${answer.status === 'rejected' ? `: ${answer.message}` : ''}`);
  });
  if (!options.quiet) say(`Server-side dry run on ${client.context}: ${objects.length} rewritten object(s), ${validation.findings.length} rejected.`);
  return migrateCommand(paths, raw, validation);
}
