// Baseline for `wimigrate code`: read every .ts file under a folder and parse it with the
// TypeScript compiler ts-morph bundles (ts.createSourceFile), nothing else: the floor for
// looking at every file's syntax.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';

let files = 0;
let statements = 0;
const visit = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) visit(full);
    else if (entry.name.endsWith('.ts')) {
      const source = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, false);
      statements += source.statements.length;
      files++;
    }
  }
};
visit(process.argv[2]);
console.log(`${files} files, ${statements} top-level statements`);
