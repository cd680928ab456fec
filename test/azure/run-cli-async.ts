/** The built CLI in a child process that does not block the test's event loop (the fake ARM runs in it). */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT } from '../helpers/cli.js';

export interface AsyncRun {
  child: ChildProcess;
  done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function startCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): AsyncRun {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCliAsync(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return startCli(args, options).done;
}

/** Waits until `condition` holds, checking every 20 ms, for at most `limitMs` (then fails). */
export async function waitFor(condition: () => boolean, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
