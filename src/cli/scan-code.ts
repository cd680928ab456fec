import path from 'node:path';
import { linkWorkloadsToCode, type CodeMapping, type LinkableWorkload } from '../analyzers/code/link-workloads.js';
import type { WorkloadEntry } from '../model/inventory.js';
import type { MigrationResult } from '../pipeline/run-migration.js';
import { sortFindings } from '../pipeline/sort-findings.js';
import { readCodeFiles } from '../sources/code/read-code-files.js';
import { dependencyReaderFor } from '../sources/code/read-dependencies.js';
import { loadCodeTables } from './code-tables.js';
import { loadConfig } from './load-config.js';
import type { ResolvedOptions } from './resolve-options.js';

/**
 * `scan --code PATHS`: the code findings join the manifest report, and each workload that moves
 * to Workload ID gets a `workload-code-at-risk` finding when the code it runs has problems.
 * Returns the code paths that do not exist.
 */
export async function addCodeFindings(result: MigrationResult, options: ResolvedOptions, codePaths: readonly string[], migrationsFlag: string | undefined, cwd: string): Promise<string[]> {
  const tables = loadCodeTables(migrationsFlag, options.configFile, cwd);
  const read = readCodeFiles(codePaths, cwd, options.maxFileBytes);
  const { runCodeAnalysis } = await import('../pipeline/run-code-analysis.js');
  const code = runCodeAnalysis(
    read.files.map((file) => ({ file: file.file, text: file.text })),
    { tables, credential: 'workload', identityMap: options.plan.identityMap, phase: options.plan.phase, rewrite: false },
  );
  const codeFindings = [...read.findings, ...code.findings];
  const absolute = (file: string) => path.resolve(cwd, file);
  const projectFolders = [...new Set(read.files.filter((file) => dependencyReaderFor(file.file) !== null).map((file) => path.dirname(absolute(file.file))))];
  const links = linkWorkloadsToCode(workloadsToLink(result, cwd), codeFindings, codeMappings(options.configFile), projectFolders, absolute);
  result.findings = sortFindings([...result.findings, ...codeFindings, ...links]);
  const { existsSync } = await import('node:fs');
  return codePaths.filter((given) => !existsSync(path.resolve(cwd, given)));
}

/** The config's codeMapping, its paths relative to the config file. */
function codeMappings(configFile: string | null): CodeMapping[] {
  if (configFile === null) return [];
  const base = path.dirname(configFile);
  return (loadConfig(configFile).codeMapping ?? []).map((entry) => ({
    ...(entry.image !== undefined ? { image: entry.image } : {}),
    ...(entry.manifests !== undefined ? { manifests: path.resolve(base, entry.manifests) } : {}),
    code: path.resolve(base, entry.code),
  }));
}

/** Workloads whose pods use pod identity or IRSA: those the migration moves. */
function workloadsToLink(result: MigrationResult, cwd: string): LinkableWorkload[] {
  const { inventory } = result;
  const moving = new Set<WorkloadEntry>([
    ...inventory.workloads.filter((workload) => 'aadpodidbinding' in workload.podLabels || workload.awsWebIdentityEnv.length > 0),
    ...inventory.assignments.map((assignment) => assignment.workload),
    ...inventory.irsaWorkloads.map((entry) => entry.workload),
  ]);
  return [...moving].map((workload) => ({
    name: `${workload.kind} ${workload.ref.namespace}/${workload.ref.name}`,
    images: workload.images,
    manifest: path.resolve(cwd, workload.doc.file),
    location: workload.doc.location,
  }));
}
