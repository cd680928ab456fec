// npm run bench: wimigrate beside two baselines on the same synthetic GitOps monorepo, as whole
// processes (start-up included), at 1x and 4x size. Prints wall time, peak RSS, ratios and the
// targets of the issue; writes bench/.work/results.json. Sequential runs, median of --runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate-corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const work = path.join(here, '.work');
const cli = path.join(here, '..', 'dist', 'cli', 'main.js');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runs = Number(args[args.indexOf('--runs') + 1]) || (quick ? 1 : 3);
const baseDocs = quick ? 2000 : 20000;
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/';

const commands = {
  wimigrate: (dir) => [cli, 'migrate', dir, '--issuer', ISSUER, '--tenant-id', '11111111-1111-1111-1111-111111111111', '--no-color', '--quiet'],
  'baseline (a) js-yaml loadAll': (dir) => [path.join(here, 'baseline-js-yaml.mjs'), dir],
  'baseline (b) naive rewrite': (dir) => [path.join(here, 'baseline-naive-rewrite.mjs'), dir],
};

function corpus(docs) {
  const dir = path.join(work, `corpus-${docs}`);
  const stamp = path.join(dir, '.stamp');
  const wanted = JSON.stringify({ docs, seed: 42, generator: statSync(path.join(here, 'generate-corpus.mjs')).mtimeMs });
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
    const result = generateCorpus({ docs, out: dir, seed: 42 });
    writeFileSync(stamp, wanted);
    console.log(`generated ${dir}: ${JSON.stringify(result)}`);
  }
  return dir;
}

function measure(name, argv) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const rssFile = path.join(work, 'rss.txt');
    rmSync(rssFile, { force: true });
    const out = path.join(work, 'stdout.txt');
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', path.join(here, 'report-rss.mjs'), ...argv], {
      env: { ...process.env, WIMIGRATE_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1024 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    writeFileSync(out, result.stdout);
    if (result.status !== 0 && result.status !== 1) throw new Error(`${name} exited ${result.status}: ${result.stderr.toString().slice(0, 500)}`);
    if (result.stdout.length === 0) throw new Error(`${name} printed nothing`);
    samples.push({ ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, outputBytes: result.stdout.length });
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)];
}

if (!existsSync(cli)) {
  console.error(`bench: ${cli} is missing; run npm run build first (npm run bench does).`);
  process.exit(2);
}
mkdirSync(work, { recursive: true });
const results = {};
for (const factor of [1, 4]) {
  const docs = baseDocs * factor;
  const dir = corpus(docs);
  for (const [name, argv] of Object.entries(commands)) {
    if (factor === 4 && name !== 'wimigrate') continue;
    results[`${name} @${factor}x`] = { docs, ...measure(name, argv(dir)) };
  }
}

const row = (label, r) => `${label.padEnd(36)} ${String(r.docs).padStart(7)} ${r.ms.toFixed(0).padStart(9)} ${r.rssMb.toFixed(0).padStart(9)}`;
console.log(`\n${'command'.padEnd(36)} ${'docs'.padStart(7)} ${'wall ms'.padStart(9)} ${'peak MB'.padStart(9)}`);
for (const [label, r] of Object.entries(results)) console.log(row(label, r));

const wi = results['wimigrate @1x'];
const wi4 = results['wimigrate @4x'];
const a = results['baseline (a) js-yaml loadAll @1x'];
const b = results['baseline (b) naive rewrite @1x'];
const targets = [
  ['wimigrate <= 1.0x baseline (a)', wi.ms / a.ms, (x) => x <= 1.0, (x) => `${x.toFixed(2)}x`],
  ['wimigrate >= 5x faster than baseline (b)', b.ms / wi.ms, (x) => x >= 5, (x) => `${x.toFixed(1)}x faster`],
  ['peak RSS <= 300 MB at 1x', wi.rssMb, (x) => x <= 300, (x) => `${x.toFixed(0)} MB`],
  ['peak RSS <= 300 MB at 4x', wi4.rssMb, (x) => x <= 300, (x) => `${x.toFixed(0)} MB`],
  ['4x input <= 4.4x time', wi4.ms / wi.ms, (x) => x <= 4.4, (x) => `${x.toFixed(2)}x`],
];
console.log('');
let failed = 0;
for (const [label, value, ok, show] of targets) {
  const pass = ok(value);
  if (!pass) failed++;
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${label.padEnd(44)} ${show(value)}`);
}
writeFileSync(path.join(work, 'results.json'), `${JSON.stringify({ runs, quick, results, targets: targets.map(([label, value, ok]) => ({ label, value, pass: ok(value) })) }, null, 2)}\n`);
if (failed > 0 && args.includes('--strict')) process.exit(1);
