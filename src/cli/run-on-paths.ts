import { existsSync } from 'node:fs';
import path from 'node:path';
import { SEVERITY_ORDER, type Finding, type Severity } from '../model/finding.js';
import { runMigration, type MigrationResult } from '../pipeline/run-migration.js';
import { sortFindings } from '../pipeline/sort-findings.js';
import { readPaths, readStdinSync, type SourceFile } from '../sources/read-paths.js';
import { CONFIG_FILE_NAME } from './load-config.js';
import { EXIT } from './exit-codes.js';
import { renderKustomizations, type RenderResult } from './render-kustomize.js';
import { isKustomization, readKustomization } from '../analyzers/inventory/read-kustomizations.js';
import type { KustomizationEntry } from '../model/inventory.js';
import { parseManifestText } from '../sources/parse-manifest-text.js';
import { PLAN_FINDINGS } from '../planner/plan-findings.js';
import type { ResolvedOptions } from './resolve-options.js';
import { startProgress } from './progress.js';

export interface RunOutcome {
  result: MigrationResult;
  sources: SourceFile[];
  /** Paths named on the command line that do not exist: an input error once the rest is done. */
  missingPaths: string[];
}

/**
 * The I/O edge of every file command: read the paths, run the pure pipeline. `extraSources` are
 * documents from elsewhere (the objects `az aks show` describes), read like the files.
 */
export function runOnPaths(options: ResolvedOptions, cwd = process.cwd(), rewrite = true, extraSources: readonly SourceFile[] = []): RunOutcome {
  const progress = startProgress(process.stderr, !options.quiet);
  const read = readPaths(options.paths, { cwd, maxFileBytes: options.maxFileBytes, readStdin: readStdinSync, onFile: (file) => progress.fileRead(file) });
  progress.step(`Analyzing ${read.files.length + extraSources.length} file(s)${rewrite ? ' and planning the rewrite' : ''}`);
  // The project's config file, identity map and AWS inputs are not manifests.
  const isInput = (file: SourceFile) => file.absolutePath !== null && (file.absolutePath === options.configFile || options.inputPaths.some((input) => file.absolutePath === input || file.absolutePath!.startsWith(`${input}${path.sep}`)));
  const sources = [...read.files.filter((file) => !isInput(file) && path.basename(file.file) !== CONFIG_FILE_NAME), ...extraSources];
  // --render builds before planning: the plan takes the built names and namespaces as data.
  const render = options.render ? renderKustomizations(kustomizationsOf(sources), { cwd, defaultNamespace: options.analyzer.defaultNamespace, sources }) : null;
  const plan = render ? { ...options.plan, rendered: render.builds } : options.plan;
  const result = runMigration(sources, { analyzer: options.analyzer, plan, rewrite });
  result.findings = sortFindings([...read.findings, ...result.findings, ...(render ? renderedFindings(render, options) : [])]);
  progress.done();
  const missingPaths = options.paths.filter((given) => given !== '-' && !existsSync(path.resolve(cwd, given)));
  return { result, sources, missingPaths };
}

/** The kustomizations among the files, read before the pipeline runs so that --render can build them first. */
function kustomizationsOf(sources: readonly SourceFile[]): KustomizationEntry[] {
  return sources
    .filter((source) => KUSTOMIZATION_NAMES.has(path.basename(source.file)))
    .flatMap((source) => parseManifestText(source.file, source.text, source.format).documents.filter(isKustomization).map(readKustomization));
}

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * The findings of the built kustomizations (--render), each built output analyzed on its own:
 * the final names and namespaces show in them. Nothing there is rewritten.
 */
function renderedFindings({ rendered, findings }: RenderResult, options: ResolvedOptions): Finding[] {
  // What the analyzers say of the built output; the plan's own findings would only repeat the sources'.
  const analyses = rendered.map((source) => runMigration([source], { analyzer: options.analyzer, plan: options.plan, rewrite: false }).findings.filter((finding) => !(finding.id in PLAN_FINDINGS)));
  return [...findings, ...analyses.flat()];
}

export function exitCodeFor(findings: readonly Finding[], failOn: Severity | 'none', missingPaths: readonly string[]): number {
  if (missingPaths.length > 0) return EXIT.usage;
  if (failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_ORDER.indexOf(failOn);
  return findings.some((finding) => SEVERITY_ORDER.indexOf(finding.severity) >= threshold) ? EXIT.findings : EXIT.ok;
}
