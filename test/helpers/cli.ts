import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'dist/bin/wimigrate.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Standard input (none when absent). */
  input?: string;
  env?: Record<string, string>;
  /** Options for node itself, before the script (`--import`, say). */
  node?: string[];
}

/**
 * The built CLI in a child process, as a user runs it; `npm test` builds it first. Never
 * synchronous: a test worker blocked on a child misses vitest's own messages (and cannot answer
 * the local servers some tests run for the CLI).
 */
export function startCli(args: string[], options: CliOptions = {}): { child: ChildProcess; done: Promise<CliRun & { signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [...(options.node ?? []), CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A child that exits before reading its input is not an error of the test.
  child.stdin!.on('error', () => {});
  child.stdin!.end(options.input ?? '');
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(args, options).done;
}

export function copyToTemp(source: string): string {
  const target = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-'));
  cpSync(source, target, { recursive: true });
  return target;
}

/** A fingerprint of every file under a folder: path and content hash. */
export function treeHash(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) visit(full);
      else out[path.relative(folder, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  visit(folder);
  return out;
}
