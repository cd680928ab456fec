import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import type { SourceFormat } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import { sourceFinding } from './source-findings.js';

export interface SourceFile {
  /** The path shown to users: relative to the working directory when inside it. */
  file: string;
  /** The real location on disk; null for standard input. */
  absolutePath: string | null;
  /** The argument the file was found under, so `--out-dir` can mirror the tree. */
  root: string;
  text: string;
  format: SourceFormat;
}

export interface ReadOptions {
  maxFileBytes: number;
  cwd: string;
  readStdin: () => string;
  /** Told of each file read, for progress on a terminal. */
  onFile?: (file: string) => void;
  /** Which files a folder contributes (default: manifest extensions), and which folders are skipped besides .git and node_modules. */
  accept?: (name: string) => boolean;
  skipFolders?: ReadonlySet<string>;
}

export interface ReadResult {
  files: SourceFile[];
  findings: Finding[];
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
const UTF8_BOM = 0xfeff;

/**
 * Reads the files under the given paths: folders recursively (manifest extensions only),
 * files named directly whatever their extension, and `-` for standard input. Problems become
 * findings naming the path; the other paths are still read.
 */
export function readPaths(paths: readonly string[], options: ReadOptions): ReadResult {
  const files: SourceFile[] = [];
  const findings: Finding[] = [];
  const seenFolders = new Set<string>();
  const seenFiles = new Set<string>();
  const accept = options.accept ?? isManifestName;

  // Most files are under the working directory: their shown path is what follows it.
  const cwdPrefix = options.cwd.endsWith(path.sep) ? options.cwd : options.cwd + path.sep;
  const display = (absolute: string) => {
    if (absolute.startsWith(cwdPrefix) && !absolute.includes(`${path.sep}..`) && !absolute.includes(`${path.sep}.${path.sep}`)) return absolute.slice(cwdPrefix.length);
    const relative = path.relative(options.cwd, absolute);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  };
  const problem = (id: 'unreadable-file' | 'not-text-file' | 'file-too-large', file: string, message: string) =>
    findings.push(sourceFinding(id, message, { file, line: 1, col: 1 }));

  function readFile(absolute: string, root: string, real: string): void {
    const file = display(absolute);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    const bytes = readWhole(absolute, options.maxFileBytes);
    if (typeof bytes === 'number') {
      problem('file-too-large', file, `${bytes} bytes, over the limit of ${options.maxFileBytes}`);
      return;
    }
    const text = decodeText(bytes);
    if (text === null) {
      problem('not-text-file', file, 'binary or not UTF-8');
      return;
    }
    files.push({ file, absolutePath: absolute, root, text, format: formatOf(absolute, text) });
    options.onFile?.(file);
  }

  function visitFolder(absolute: string, root: string, real: string): void {
    if (seenFolders.has(real)) return; // a symlink loop, or a folder named twice
    seenFolders.add(real);
    for (const entry of readdirSync(absolute, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (SKIPPED_FOLDERS.has(entry.name) || (entry.isDirectory() && options.skipFolders?.has(entry.name))) continue;
      // Entry names hold no separator and the folder's path is normalized: joining needs no path.join.
      const child = inFolder(absolute, entry.name);
      // Plain files and folders need no extra system call; links are resolved by visit().
      const childReal = inFolder(real, entry.name);
      if (entry.isDirectory()) guarded(child, () => visitFolder(child, root, childReal));
      else if (entry.isFile() && accept(entry.name)) guarded(child, () => readFile(child, root, childReal));
      else if (entry.isSymbolicLink()) visit(child, root, false);
    }
  }

  function guarded(absolute: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      problem('unreadable-file', display(absolute), describeError(error));
    }
  }

  function visit(absolute: string, root: string, named: boolean): void {
    guarded(absolute, () => {
      const stats = statSync(absolute);
      if (stats.isDirectory()) visitFolder(absolute, root, realpathSync(absolute));
      else if (stats.isFile() && (named || accept(path.basename(absolute)))) readFile(absolute, root, realpathSync(absolute));
    });
  }

  for (const given of paths) {
    if (given === '-') {
      const text = options.readStdin();
      files.push({ file: '<stdin>', absolutePath: null, root: '-', text, format: looksLikeJson(text) ? 'json' : 'yaml' });
      continue;
    }
    const absolute = path.resolve(options.cwd, given);
    visit(absolute, absolute, true);
  }
  return { files, findings };
}

function inFolder(folder: string, name: string): string {
  return folder.endsWith(path.sep) ? folder + name : folder + path.sep + name;
}

function isManifestName(name: string): boolean {
  return MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** By extension; only a file named without one (or standard input) is sniffed. */
function formatOf(absolute: string, text: string): SourceFormat {
  const extension = path.extname(absolute).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return looksLikeJson(text) ? 'json' : 'yaml';
}

/** JSON starts with `{` or `[`; a Helm template starting with `{{` does not count. */
function looksLikeJson(text: string): boolean {
  const start = text.charCodeAt(0) === UTF8_BOM ? 1 : 0;
  const head = text.slice(start, start + 200).trimStart();
  return (head.startsWith('{') && !head.startsWith('{{')) || head.startsWith('[');
}

/**
 * One buffer for every file read, grown to the largest: a buffer per file is memory outside the
 * JavaScript heap, which the process keeps after the buffers are collected (tens of megabytes for
 * a large repository), and a file is decoded into a string at once anyway.
 */
let readBuffer = Buffer.alloc(0);

/**
 * The bytes of a file (a view of readBuffer), or its size when that is over `maxBytes`. The size
 * comes from the open file (one system call fewer than asking by path first) and may change while
 * it is read: the file is read to its end, which a short read from a regular file marks.
 */
function readWhole(absolute: string, maxBytes: number): Buffer | number {
  const fd = openSync(absolute, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return size;
    let length = 0;
    for (;;) {
      if (length === readBuffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(size + 1, readBuffer.length * 2, 65536));
        readBuffer.copy(grown, 0, 0, length);
        readBuffer = grown;
      }
      const wanted = readBuffer.length - length;
      const count = readSync(fd, readBuffer, length, wanted, null);
      length += count;
      if (count === 0 || count < wanted) return readBuffer.subarray(0, length);
    }
  } finally {
    closeSync(fd);
  }
}

/** Null for binary content (a NUL byte) or bytes that are not valid UTF-8. */
function decodeText(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8192).includes(0) || !isUtf8(bytes)) return null;
  return bytes.toString('utf8');
}

function describeError(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    const code = String((error as NodeJS.ErrnoException).code);
    if (code === 'ENOENT') return 'no such file or folder';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ELOOP') return 'symbolic link loop';
    return `${code}: ${error.message}`;
  }
  return String(error);
}

/** Reads all of standard input synchronously (the CLI's `-` path). */
export function readStdinSync(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(65536);
  for (;;) {
    let count: number;
    try {
      count = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (count === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

