// npm run bench: wimigrate beside two baselines on the same synthetic GitOps monorepo, at 1x
// (20,000 documents) and 4x, each as a whole node process (start-up included), one at a time
// (the machines have 2 cores; parallel runs would measure each other). Prints wall time, peak
// RSS, ratios and PASS/FAIL per target; writes bench/.work/results.json. It is a report: exit
// code 0 even when a target fails, unless --strict.
//
//   node bench/run.mjs [--runs 3] [--quick] [--only-generate] [--strict]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './lib/corpus-cache.mjs';
import { median, runOnce } from './lib/measure.mjs';
import { formatTable, formatTargets } from './lib/print-report.mjs';
import { checkTargets } from './lib/targets.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const workDir = path.join(benchDir, '.work');
const SEED = 42;

// The wimigrate command line, in one place because the CLI's flags may still change. `{dir}` is
// replaced by the corpus folder. A dry run: the full unified diff goes to stdout.
const WIMIGRATE_CLI = 'dist/bin/wimigrate.js';
const WIMIGRATE_COMMAND = [
  WIMIGRATE_CLI, 'migrate', '{dir}',
  '--issuer', 'https://eastus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/',
  '--tenant-id', '11111111-1111-1111-1111-111111111111',
  '--no-color',
];

/**
 * What is measured. Exit code 1 from wimigrate means findings at or above --fail-on: expected
 * on a corpus full of pod identity.
 * @type {{ id: string, label: string, script: string, argv: string[], okExitCodes: number[] }[]}
 */
const COMMANDS = [
  { id: 'wimigrate', label: 'wimigrate migrate', script: WIMIGRATE_CLI, argv: WIMIGRATE_COMMAND, okExitCodes: [0, 1] },
  { id: 'baseline-a', label: 'baseline (a) js-yaml loadAll', script: 'bench/baseline-js-yaml.mjs', argv: ['bench/baseline-js-yaml.mjs', '{dir}'], okExitCodes: [0] },
  { id: 'baseline-b', label: 'baseline (b) naive rewrite', script: 'bench/baseline-naive-rewrite.mjs', argv: ['bench/baseline-naive-rewrite.mjs', '{dir}'], okExitCodes: [0] },
];

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'only-generate': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});
const runs = options.runs === undefined ? (options.quick ? 1 : 3) : Number(options.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench: --runs takes a positive integer');
  process.exit(2);
}
// --quick is a smoke test of the machinery (2,000 documents, one run); its figures are not
// comparable with the targets, which are set for 20,000.
const baseDocs = options.quick ? 2000 : 20000;
const sizes = [
  { size: '1x', docs: baseDocs },
  { size: '4x', docs: baseDocs * 4 },
];

mkdirSync(path.join(workDir, 'out'), { recursive: true });
const corpora = sizes.map(({ size, docs }) => {
  const started = Date.now();
  const corpus = ensureCorpus(workDir, docs, SEED);
  const how = corpus.reused ? 'reused' : `generated in ${Date.now() - started} ms`;
  const s = corpus.summary;
  console.log(`corpus ${size}: ${path.relative(repoDir, corpus.dir)} (${how}): ${s.docs} documents in ${s.files} files, ${s.podIdentityDocs} about pod identity, ${(s.bytes / 1048576).toFixed(1)} MB`);
  return { size, docs, dir: path.relative(repoDir, corpus.dir), summary: s };
});
if (options['only-generate']) process.exit(0);

/** @type {import('./lib/targets.mjs').Results} */
const results = {};
/** @type {import('./lib/print-report.mjs').Row[]} */
const rows = [];
const loadBefore = os.loadavg()[0];
for (const corpus of corpora) {
  for (const [command, result] of measureSize(corpus)) {
    rows.push({ id: command.id, label: command.label, size: corpus.size, docs: corpus.summary.docs, result });
    (results[command.id] ??= {})[corpus.size] = /** @type {any} */ (result);
  }
}

/**
 * All commands on one corpus, in rounds (each command once per round) rather than all runs of
 * one command in a row: a burst of background load then spreads over every command instead of
 * skewing one command's median and so a ratio.
 * @param {(typeof corpora)[number]} corpus
 * @returns {Map<(typeof COMMANDS)[number], object>}
 */
function measureSize(corpus) {
  /** @type {Map<(typeof COMMANDS)[number], object>} */
  const outcome = new Map();
  /** @type {Map<(typeof COMMANDS)[number], import('./lib/measure.mjs').Sample[]>} */
  const samples = new Map();
  for (const command of COMMANDS) {
    if (existsSync(path.join(repoDir, command.script))) samples.set(command, []);
    else {
      const error = `${command.script} is missing${command.id === 'wimigrate' ? ' (not built yet? npm run build)' : ''}`;
      console.log(`  ${command.label} @${corpus.size}: MISSING, ${error}`);
      outcome.set(command, { status: 'missing', error });
    }
  }
  for (let run = 0; run < runs; run++) {
    for (const [command, done] of samples) {
      if (outcome.has(command)) continue; // failed in an earlier round
      const result = runOnce({
        name: command.label,
        argv: command.argv.map((arg) => (arg === '{dir}' ? corpus.dir : arg)),
        cwd: repoDir,
        outPrefix: path.join(workDir, 'out', `${command.id}-${corpus.size}`),
        okExitCodes: command.okExitCodes,
      });
      if ('error' in result) {
        console.log(`  ${command.label} @${corpus.size}: FAILED, ${result.error}`);
        outcome.set(command, { status: 'failed', error: result.error });
        continue;
      }
      done.push(result.sample);
      console.log(`  ${command.label} @${corpus.size} run ${run + 1}/${runs}: ${result.sample.ms.toFixed(0)} ms, ${result.sample.rssMb.toFixed(0)} MB`);
    }
  }
  for (const [command, done] of samples) if (!outcome.has(command)) outcome.set(command, { status: 'ok', ...median(done) });
  // Keep the table in COMMANDS order whatever happened.
  return new Map(COMMANDS.map((command) => [command, /** @type {object} */ (outcome.get(command))]));
}

const outcomes = checkTargets(results);
const loadAfter = os.loadavg()[0];
console.log(`\nmedian of ${runs} run(s), whole processes, one at a time; ${os.cpus().length} CPUs, node ${process.version}, load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
// Other work on the machine inflates wall times unevenly; say so rather than let a noisy run
// pass for a regression.
if (Math.max(loadBefore, loadAfter) > 0.5) console.log('note: the machine was busy with other work; wall times are noisy, compare ratios and re-run if in doubt');
console.log('');
console.log(formatTable(rows));
console.log('');
console.log(formatTargets(outcomes));
if (options.quick) console.log('\n(--quick: 2,000 documents, one run; targets are set for the full size, read them as a smoke test)');

const report = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: os.cpus().length,
  loadAverage: { before: loadBefore, after: loadAfter },
  runs,
  quick: options.quick,
  wimigrateCommand: WIMIGRATE_COMMAND,
  corpora,
  results: rows.map(({ id, label, size, docs, result }) => ({ id, label, size, docs, ...result })),
  targets: outcomes,
};
writeFileSync(path.join(workDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${path.relative(repoDir, path.join(workDir, 'results.json'))}`);
if (options.strict && outcomes.some((o) => o.status !== 'PASS')) process.exit(1);
