/**
 * `--render`: each top kustomization among the scanned files is built with `kubectl kustomize`
 * (or `kustomize build`). The output is analyzed (its findings carry the final names), and its
 * objects, mapped back to the source objects they come from, give the plan the final names and
 * namespaces (name prefixes and suffixes, namespace overrides). The build is never rewritten: the
 * edits belong to the source files.
 *
 * The mapping comes from kustomize's own origin annotations: a second build of a temporary
 * kustomization whose only resource is the user's folder and which asks for
 * `buildMetadata: [originAnnotations]`, so the user's files are never touched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../model/finding.js';
import type { KustomizationEntry } from '../model/inventory.js';
import type { RenderedBuild } from '../model/rendered-build.js';
import type { SourceText } from '../pipeline/run-migration.js';
import type { SourceFile } from '../sources/read-paths.js';
import { sourceFinding } from '../sources/source-findings.js';
import { renderedObjects } from './rendered-objects.js';

const TIMEOUT_MS = 60_000;

interface Builder {
  command: string;
  args: (dir: string) => string[];
}

/** The tool that builds a kustomization, from PATH: kubectl first, then a standalone kustomize. */
function findBuilder(): Builder | null {
  const onPath = (name: string) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, name)));
  if (onPath('kubectl')) return { command: 'kubectl', args: (dir) => ['kustomize', dir] };
  if (onPath('kustomize')) return { command: 'kustomize', args: (dir) => ['build', dir] };
  return null;
}

export interface RenderContext {
  cwd: string;
  defaultNamespace: string;
  /** The scanned files: origins are mapped back to them. */
  sources: readonly SourceFile[];
}

export interface RenderResult {
  /** Each build's output, to analyze. */
  rendered: SourceText[];
  /** Each build's objects and where they come from, for the plan. */
  builds: RenderedBuild[];
  findings: Finding[];
}

/** Builds the top kustomizations: those no other one among the scanned files includes (a base is built through its overlays). */
export function renderKustomizations(kustomizations: readonly KustomizationEntry[], context: RenderContext): RenderResult {
  const included = new Set(kustomizations.flatMap((entry) => entry.files));
  const tops = [...new Map(kustomizations.filter((entry) => !included.has(entry.dir)).map((entry) => [entry.dir, entry])).values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  const result: RenderResult = { rendered: [], builds: [], findings: [] };
  if (tops.length === 0) return result;
  const builder = findBuilder();
  if (builder === null) {
    result.findings.push(sourceFinding('render-failed', 'neither kubectl nor kustomize is on the PATH: --render skipped, the source files were analyzed and planned as they are', { file: tops[0]?.dir ?? '.', line: 1, col: 1 }));
    return result;
  }
  const byRealPath = realPathIndex(context.sources);
  const texts = new Map(context.sources.map((source) => [source.file, source.text]));
  for (const top of tops) {
    const dir = top.dir;
    const run = build(builder, dir, context.cwd);
    if (!run.ok) {
      result.findings.push(sourceFinding('render-failed', `${builder.command} could not build ${dir}: ${run.reason}; the plan uses the names of its source files`, { file: top.doc.file, line: 1, col: 1 }));
      continue;
    }
    result.rendered.push({ file: `${dir}/(${builder.command} ${builder.args(dir).slice(0, -1).join(' ')})`, text: run.output, format: 'yaml' });
    const withOrigins = buildWithOrigins(builder, path.resolve(context.cwd, dir));
    const objects = renderedObjects(withOrigins?.output ?? run.output, {
      defaultNamespace: context.defaultNamespace,
      originFile: (originPath) => (withOrigins ? scannedFile(path.resolve(withOrigins.root, originPath), byRealPath) : null),
      sourceText: (file) => texts.get(file),
    });
    result.builds.push({ dir, files: filesOf(top, kustomizations), objects });
  }
  return result;
}

type BuildRun = { ok: true; output: string } | { ok: false; reason: string };

function build(builder: Builder, dir: string, cwd: string): BuildRun {
  const run = spawnSync(builder.command, builder.args(dir), { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 });
  if (run.status === 0) return { ok: true, output: run.stdout };
  const reason = run.error ? run.error.message : (lastErrorLine(run.stderr) ?? `exit code ${run.status}`);
  return { ok: false, reason };
}

/** kubectl prints `E1123 ... "command failed" err="..."`: the err text is the reason. */
function lastErrorLine(stderr: string): string | null {
  const line = stderr.trim().split('\n').filter((entry) => entry.trim() !== '').at(-1);
  if (line === undefined) return null;
  const quoted = /err="((?:[^"\\]|\\.)*)"/.exec(line);
  return quoted?.[1] ? quoted[1].replaceAll('\\"', '"').replaceAll("\\'", "'") : line.trim();
}

/**
 * The same build through a temporary kustomization that asks for origin annotations. kustomize
 * refuses an absolute resource path, so the folder is named relative to the temporary one. Null
 * when that build fails: the plan then matches objects by kind and name alone.
 */
function buildWithOrigins(builder: Builder, absoluteDir: string): { output: string; root: string } | null {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'wimigrate-render-')));
  try {
    const target = path.relative(root, realpathSync(absoluteDir)).split(path.sep).join('/');
    writeFileSync(path.join(root, 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations]\n`);
    const run = build(builder, root, root);
    return run.ok ? { output: run.output, root } : null;
  } catch {
    return null;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function realPathIndex(sources: readonly SourceFile[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const source of sources) if (source.absolutePath !== null) index.set(source.absolutePath, source.file);
  return index;
}

function scannedFile(absolute: string, byRealPath: ReadonlyMap<string, string>): string | null {
  const direct = byRealPath.get(absolute);
  if (direct !== undefined) return direct;
  try {
    return byRealPath.get(realpathSync(absolute)) ?? null;
  } catch {
    return null;
  }
}

/** Every scanned file a kustomization reads, through the bases and components it includes. */
function filesOf(top: KustomizationEntry, kustomizations: readonly KustomizationEntry[]): string[] {
  const byDir = new Map(kustomizations.map((entry) => [entry.dir, entry]));
  const files = new Set<string>();
  const visit = (entry: KustomizationEntry, seen: Set<KustomizationEntry>) => {
    if (seen.has(entry)) return;
    seen.add(entry);
    // Inline patches live in the kustomization itself.
    files.add(entry.doc.file);
    for (const file of entry.files) {
      const nested = byDir.get(file);
      if (nested) visit(nested, seen);
      else files.add(file);
    }
  };
  visit(top, new Set());
  return [...files].sort();
}
