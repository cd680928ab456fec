/**
 * The report formats on the bundled samples, compared byte for byte with reviewed files in
 * test/reporters/golden/<sample>/. UPDATE_GOLDEN=1 writes missing files only; review them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTERS, type ReportFormat } from '../../src/reporters/registry.js';
import type { Report } from '../../src/reporters/report.js';
import { SAMPLES, sampleReport } from './sample-reports.js';

const CASES: [Report['command'], ReportFormat, string][] = [
  ['scan', 'sarif', 'scan.sarif'],
  ['scan', 'csv', 'scan.csv'],
  ['scan', 'markdown', 'scan.md'],
  ['plan', 'json', 'plan.json'],
  ['plan', 'text', 'plan.txt'],
  ['plan', 'html', 'plan.html'],
  ['migrate', 'markdown', 'migrate.md'],
  ['migrate', 'csv', 'migrate.csv'],
];

describe.each(SAMPLES)('golden reports of samples/%s', (sample) => {
  it.each(CASES)('%s --format %s', (command, format, name) => {
    const file = path.join(import.meta.dirname, 'golden', sample, name);
    const actual = REPORTERS[format](sampleReport(sample, command), { toolVersion: '0.0.0-golden' });
    if (!existsSync(file) && process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, actual);
    }
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
