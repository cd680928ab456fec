// Generating 80,000 documents takes a few seconds; reuse a corpus when it was made with the same
// parameters by the same generator code. A stamp beside the folder (not inside: wimigrate reads
// every .json file in it) records the parameters and a hash of the generator's sources, so any
// edit to the generator regenerates, and a checkout that only touched mtimes does not.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../generate-corpus.mjs';

const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Hash of every file the generator's output depends on. */
function generatorHash() {
  const hash = createHash('sha256');
  const corpusDir = path.join(benchDir, 'corpus');
  const files = [path.join(benchDir, 'generate-corpus.mjs'), ...readdirSync(corpusDir).sort().map((name) => path.join(corpusDir, name))];
  for (const file of files) hash.update(`${path.basename(file)}\0${readFileSync(file)}\0`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The folder of a corpus of `docs` documents, generated unless a matching one is there.
 * @param {string} workDir
 * @param {number} docs
 * @param {number} seed
 * @returns {{ dir: string, reused: boolean, summary: import('../generate-corpus.mjs').CorpusSummary }}
 */
export function ensureCorpus(workDir, docs, seed) {
  const dir = path.join(workDir, `corpus-${docs}`);
  const stampFile = `${dir}.stamp.json`;
  const wanted = { docs, seed, generator: generatorHash() };
  if (existsSync(stampFile) && existsSync(dir)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.docs === wanted.docs && stamp.seed === wanted.seed && stamp.generator === wanted.generator) {
      return { dir, reused: true, summary: stamp.summary };
    }
  }
  // bench/.work is the benchmark's own scratch space: a stale corpus there (an older generator's
  // layout, without the marker generateCorpus looks for) may go.
  rmSync(dir, { recursive: true, force: true });
  const summary = generateCorpus({ docs, out: dir, seed });
  writeFileSync(stampFile, `${JSON.stringify({ ...wanted, summary }, null, 2)}\n`);
  return { dir, reused: false, summary };
}
