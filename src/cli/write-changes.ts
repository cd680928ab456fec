import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileChange } from '../model/file-change.js';
import type { SourceFile } from '../sources/read-paths.js';
import { CliError, EXIT } from './exit-codes.js';
import { writeFileAtomic } from './write-output.js';

const NOT_COPIED = new Set(['.git', 'node_modules']);

/** Applies the changes to the files they came from (`--write`). */
export function writeInPlace(changes: readonly FileChange[], sources: readonly SourceFile[], cwd: string): number {
  const absoluteOf = new Map(sources.map((source) => [source.file, source.absolutePath]));
  const modified = changes.filter((change) => change.before !== change.after);
  // Checked before anything is written, so a refusal leaves every file as it was.
  if (modified.some((change) => absoluteOf.get(change.file) === null)) {
    throw new CliError('standard input cannot be rewritten in place; use the diff instead', EXIT.usage);
  }
  for (const change of modified) apply(change, absoluteOf.get(change.file) ?? path.resolve(cwd, change.file));
  return modified.length;
}

/**
 * `--out-dir DIR`: a migrated copy of each scanned tree (one root: DIR is its copy; several:
 * DIR/<name of each>), the sources untouched.
 */
export function writeToOutDir(changes: readonly FileChange[], sources: readonly SourceFile[], outDir: string, cwd: string): number {
  const roots = [...new Set(sources.map((source) => source.root).filter((root) => root !== '-'))];
  const destination = (root: string) => (roots.length === 1 ? path.resolve(cwd, outDir) : path.resolve(cwd, outDir, path.basename(root)));
  for (const root of roots) {
    const target = destination(root);
    if (isInside(target, root)) throw new CliError(`--out-dir ${outDir} must not be inside the scanned tree ${root}`, EXIT.usage);
    mkdirSync(path.dirname(target), { recursive: true });
    const rootIsFolder = statSync(root).isDirectory();
    cpSync(root, rootIsFolder ? target : path.join(target, path.basename(root)), {
      recursive: true,
      filter: (source) => !NOT_COPIED.has(path.basename(source)),
    });
  }
  const absoluteOf = new Map(sources.map((source) => [source.file, source.absolutePath]));
  let written = 0;
  for (const change of changes) {
    if (change.before === change.after) continue;
    const absolute = absoluteOf.get(change.file) ?? path.resolve(cwd, change.file);
    const root = roots.find((candidate) => isInside(absolute, candidate) || absolute === candidate);
    if (!root) continue;
    const base = statSync(root).isDirectory() ? root : path.dirname(root);
    apply(change, path.join(destination(root), path.relative(base, absolute)));
    written++;
  }
  return written;
}

function apply(change: FileChange, target: string): void {
  if (change.after === null) {
    rmSync(target, { force: true });
    return;
  }
  if (change.before === null && existsSync(target)) {
    throw new CliError(`${target}: refusing to overwrite an existing file with a new one`, EXIT.external);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileAtomic(target, change.after);
}

function isInside(candidate: string, folder: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
