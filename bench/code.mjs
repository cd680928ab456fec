// npm run bench:code (also called by npm run bench): `wimigrate code` on a generated repository
// of 2,000 TypeScript files (bench/generate-code-corpus.mjs), as a whole node process, beside a
// baseline that only parses every file, and the start-up of `scan` on samples/pod-identity (it
// must not grow: ts-morph loads only in `code`). Median of --runs rounds (default 3); prints a
// table and writes bench/.work/code-results.json. A report: exit code 0.
//
//   node bench/code.mjs [--runs 3] [--files 2000]
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCodeCorpus } from './generate-code-corpus.mjs';
import { median, runOnce } from './lib/measure.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const workDir = path.join(benchDir, '.work');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, files: { type: 'string', default: '2000' } } });
const runs = Number(values.runs);
const files = Number(values.files);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(files) || files < 1) {
  console.error('bench:code: --runs and --files take positive integers');
  process.exit(2);
}

mkdirSync(path.join(workDir, 'out'), { recursive: true });
const corpusDir = path.join(workDir, `code-${files}`);
const started = Date.now();
const summary = generateCodeCorpus(corpusDir, { files });
console.log(`code corpus: ${path.relative(repoDir, corpusDir)} (generated in ${Date.now() - started} ms): ${summary.files} TypeScript files in ${summary.services} services, ${summary.special} with something to find, ${(summary.bytes / 1048576).toFixed(1)} MB`);

const COMMANDS = [
  { id: 'code', label: 'wimigrate code (dry run, diff)', argv: ['dist/bin/wimigrate.js', 'code', corpusDir, '--fail-on', 'none', '--no-color'] },
  { id: 'ts-parse', label: 'baseline: ts.createSourceFile of every file', argv: ['bench/baseline-ts-parse.mjs', corpusDir] },
  { id: 'scan-startup', label: 'wimigrate scan samples/pod-identity', argv: ['dist/bin/wimigrate.js', 'scan', 'samples/pod-identity', '--no-color'] },
];
const samples = new Map(COMMANDS.map((command) => [command.id, []]));
const loadBefore = os.loadavg()[0];
for (let round = 0; round < runs; round++) {
  for (const command of COMMANDS) {
    const result = runOnce({ name: command.label, argv: command.argv, cwd: repoDir, outPrefix: path.join(workDir, 'out', `code-${command.id}`), okExitCodes: [0, 1] });
    if ('error' in result) {
      console.log(`  ${command.label}: FAILED, ${result.error}`);
      process.exit(0);
    }
    samples.get(command.id).push(result.sample);
    console.log(`  ${command.label} run ${round + 1}/${runs}: ${result.sample.ms.toFixed(0)} ms, ${result.sample.rssMb.toFixed(0)} MB`);
  }
}
const rows = COMMANDS.map((command) => ({ ...command, ...median(samples.get(command.id)) }));
const baseline = rows.find((row) => row.id === 'ts-parse').ms;
console.log(`\nmedian of ${runs} run(s); ${os.cpus().length} CPUs, node ${process.version}, load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after\n`);
console.log('| command | wall time | peak RSS | vs baseline |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.label} | ${(row.ms / 1000).toFixed(2)} s | ${row.rssMb.toFixed(0)} MB | ${row.id === 'scan-startup' ? '-' : `${(row.ms / baseline).toFixed(2)}x`} |`);
writeFileSync(path.join(workDir, 'code-results.json'), `${JSON.stringify({ node: process.version, cpus: os.cpus().length, runs, corpus: summary, results: rows.map(({ id, label, ms, rssMb, msAll }) => ({ id, label, ms, rssMb, msAll })) }, null, 2)}\n`);
console.log(`\nwrote ${path.relative(repoDir, path.join(workDir, 'code-results.json'))}`);
