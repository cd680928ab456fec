import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// The package's `main`: what a program that imports wimigrate gets, built as published.
const library = (await import(path.join(ROOT, 'dist/index.js'))) as typeof import('../../src/index.js');

describe('the library entry point', () => {
  it('runs the same migration as the command line on the samples', () => {
    const read = library.readPaths(['samples/pod-identity'], { cwd: ROOT, maxFileBytes: library.DEFAULT_MAX_FILE_BYTES, readStdin: library.readStdinSync });
    const result = library.runMigration(read.files, {
      analyzer: library.DEFAULT_ANALYZER_OPTIONS,
      plan: { ...library.DEFAULT_PLAN_OPTIONS, issuer: 'https://eastus.oic.prod-aks.azure.com/t/g/' },
    });
    expect(result.inventory.identities.length).toBeGreaterThan(0);
    const changed = result.changes.filter((change) => change.before !== change.after);
    expect(changed.length).toBeGreaterThan(0);
    const diff = library.renderUnifiedDiff(changed, false);
    expect(diff).toContain('+        azure.workload.identity/use: "true"');
    expect(library.buildReport('migrate', result).schemaVersion).toBe(library.REPORT_SCHEMA_VERSION);
  });
});
