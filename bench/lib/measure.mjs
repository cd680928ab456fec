// Runs one command as a whole node process (start-up included, as a user would see it) and
// measures wall time around the spawn and peak RSS from inside the child (lib/report-rss.mjs).
// stdout and stderr go straight to files: piping them into this process would add copying
// that the measured tool does not do when its output is redirected.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const reportRss = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));

/**
 * @typedef {object} Sample
 * @property {number} ms wall time of the whole process
 * @property {number} rssMb peak resident set size, MiB
 * @property {number} exitCode
 * @property {number} stdoutBytes
 */

/**
 * @typedef {object} Spec
 * @property {string} name
 * @property {string[]} argv node arguments after the preload: script and its arguments
 * @property {string} cwd
 * @property {string} outPrefix path prefix of the .stdout, .stderr and .rss files
 * @property {readonly number[]} okExitCodes
 */

/**
 * One run. Returns a sample, or an error message when the run did not do its job.
 * @param {Spec} spec
 * @returns {{ sample: Sample } | { error: string }}
 */
export function runOnce(spec) {
  const stdoutFile = `${spec.outPrefix}.stdout`;
  const stderrFile = `${spec.outPrefix}.stderr`;
  const rssFile = `${spec.outPrefix}.rss`;
  rmSync(rssFile, { force: true });
  const stdout = openSync(stdoutFile, 'w');
  const stderr = openSync(stderrFile, 'w');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', reportRss, ...spec.argv], {
    cwd: spec.cwd,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', stdout, stderr],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  closeSync(stdout);
  closeSync(stderr);
  if (result.error) return { error: `${spec.name}: ${result.error.message}` };
  const exitCode = result.status ?? -1;
  const stdoutBytes = statSync(stdoutFile).size;
  if (!spec.okExitCodes.includes(exitCode)) {
    const tail = readFileSync(stderrFile, 'utf8').slice(-600).trim();
    return { error: `${spec.name} exited ${result.signal ?? exitCode} (see ${path.relative(spec.cwd, stderrFile)}): ${tail}` };
  }
  if (stdoutBytes === 0) return { error: `${spec.name} printed nothing on stdout` };
  if (!existsSync(rssFile)) return { error: `${spec.name}: no peak RSS reported (did the preload run?)` };
  return { sample: { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, exitCode, stdoutBytes } };
}

/**
 * The median of each figure across runs, taken separately (one slow run does not drag the
 * memory figure along with it).
 * @param {Sample[]} samples
 * @returns {Sample & { runs: number, msAll: number[] }}
 */
export function median(samples) {
  /** @param {number[]} values */
  const mid = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  };
  const last = samples[samples.length - 1];
  return {
    ms: mid(samples.map((s) => s.ms)),
    rssMb: mid(samples.map((s) => s.rssMb)),
    exitCode: last.exitCode,
    stdoutBytes: last.stdoutBytes,
    runs: samples.length,
    msAll: samples.map((s) => Math.round(s.ms)),
  };
}
