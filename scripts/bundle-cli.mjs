// Bundles the command line into dist/bin/ (run by `npm run build`, after tsc has type-checked
// and emitted the library). Start-up is a large part of a run: loading some 170 small ES modules
// one by one costs about 0.1 s, one bundle a fraction of that. Each command stays its own chunk,
// loaded only when run, and packages stay outside the bundle, so heavy dependencies still load
// only in the commands that use them.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist', 'bin');
// Chunk names carry content hashes: old ones would pile up.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { wimigrate: path.join(root, 'src', 'cli', 'main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Files next to the code (migrations/, package.json) are found through import.meta.url two
  // folders up, which dist/bin/ keeps true.
  logLevel: 'warning',
});
