import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, REPORTERS } from '../../src/reporters/registry.js';
import { runCli } from '../helpers/cli.js';

describe('reporters registry and --format on every command', () => {
  it('maps each format name to a function', async () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'markdown', 'sarif', 'html', 'csv']);
    for (const format of REPORT_FORMATS) expect(typeof REPORTERS[format]).toBe('function');
  });

  const starts: Record<string, RegExp> = { json: /^\{\n {2}"schemaVersion": 1,/, markdown: /^## wimigrate\n/, sarif: /^\{\n {2}"\$schema": "https:\/\/json\.schemastore\.org\/sarif-2\.1\.0\.json",/, html: /^<!doctype html>\n/, csv: /^record,severity,id,/ };
  // Each command with each format once, but few processes: the formats themselves are covered in process (golden.test.ts).
  const runs: [string, string][] = [['scan', 'sarif'], ['scan', 'csv'], ['plan', 'html'], ['plan', 'json'], ['migrate', 'markdown'], ['migrate', 'html']];
  it.each(runs)('%s --format %s', async (command, format) => {
    const run = await runCli([command, 'samples/irsa', '--format', format]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(starts[format]!);
    if (format === 'html' && command === 'migrate') expect(run.stdout).toContain('<pre class="diff">');
  });

  it('--output writes the report atomically to a file; an unknown format is a usage error', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'wimigrate-out-')), 'report.sarif');
    const run = await runCli(['scan', 'samples/pod-identity', '--format', 'sarif', '--output', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version).toBe('2.1.0');
    const bad = await runCli(['scan', 'samples/pod-identity', '--format', 'pdf']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("argument 'pdf' is invalid");
  });
});
