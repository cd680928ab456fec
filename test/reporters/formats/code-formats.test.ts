/** `code -f text|markdown|sarif|html|csv` through the built CLI on a copy of samples/app-code. */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeReport } from '../../../src/reporters/code-report.js';
import { copyToTemp, ROOT, runCli, treeHash } from '../../helpers/cli.js';
import { parseCsv, sarifErrors } from '../../helpers/report-formats.js';

let work: string;
let before: Record<string, string>;
let json: CodeReport;

const code = (args: string[]) => runCli(['code', '.', '--fail-on', 'none', '-q', ...args], { cwd: work });

beforeAll(async () => {
  work = copyToTemp(path.join(ROOT, 'samples/app-code'));
  before = treeHash(work);
  const run = await code(['-f', 'json']);
  expect(run.status).toBe(0);
  json = JSON.parse(run.stdout) as CodeReport;
  expect(json.findings.length).toBeGreaterThan(5);
  expect(json.changes.length).toBeGreaterThan(2);
});
afterAll(() => {
  // No format writes the sources: a dry run stays a dry run.
  expect(treeHash(work)).toEqual(before);
  rmSync(work, { recursive: true, force: true });
});

describe('code in every report format', () => {
  it('sarif: a result per finding at its file, line and column; rules with help; valid against the official schema', async () => {
    const run = await code(['-f', 'sarif']);
    expect(sarifErrors(run.stdout)).toBeNull();
    const sarif = JSON.parse(run.stdout) as { runs: { automationDetails: { id: string }; tool: { driver: { rules: { id: string; help: { text: string } }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const run0 = sarif.runs[0]!;
    expect(run0.automationDetails.id).toBe('wimigrate/code/');
    expect(run0.results.map((result) => [result.ruleId, result.locations[0]!.physicalLocation.artifactLocation.uri, result.locations[0]!.physicalLocation.region.startLine])).toEqual(
      json.findings.map((finding) => [finding.id, finding.location.file, Math.max(1, finding.location.line)]),
    );
    expect(run0.results[0]!.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    const ruleIds = run0.tool.driver.rules.map((rule) => rule.id);
    for (const finding of json.findings) expect(ruleIds).toContain(finding.id);
    expect(ruleIds).not.toContain('label-without-binding');
    expect(run0.tool.driver.rules.find((rule) => rule.id === 'legacy-auth-package')!.help.text).toContain('replacement');
  });

  it('csv: a row per finding and per changed file', async () => {
    const rows = parseCsv((await code(['-f', 'csv'])).stdout);
    expect(rows[0]).toEqual(['record', 'severity', 'id', 'file', 'line', 'column', 'status', 'message']);
    const findings = rows.filter((row) => row[0] === 'finding');
    expect(findings.map((row) => [row[2], row[3], Number(row[4]), Number(row[5])])).toEqual(json.findings.map((finding) => [finding.id, finding.location.file, finding.location.line, finding.location.col]));
    expect(rows.filter((row) => row[0] === 'change').map((row) => [row[3], row[6]])).toEqual(json.changes.map((change) => [change.file, change.status]));
    expect(rows).toHaveLength(1 + json.findings.length + json.changes.length);
  });

  it('text and markdown: findings, files to change, the summary; markdown folds each diff', async () => {
    const text = (await code(['-f', 'text'])).stdout;
    expect(text).toContain(`Findings (${json.findings.length})`);
    expect(text).toContain(`Files to change (${json.changes.length})`);
    expect(text).toMatch(/\nSummary: \d+ files/);
    const markdown = (await code(['-f', 'markdown'])).stdout;
    expect(markdown).toMatch(/^## wimigrate code\n/);
    expect(markdown.match(/<details>/g)).toHaveLength(json.changes.length);
    expect(markdown).toContain('```diff\ndiff --git a/');
    expect(markdown).toContain(`| \`${json.findings[0]!.id}\` |`);
  });

  it('html: one page with the findings and a colored diff per changed file, written with --output', async () => {
    const run = await code(['-f', 'html', '-o', 'code.html']);
    expect(run.status).toBe(0);
    const page = readFileSync(path.join(work, 'code.html'), 'utf8');
    rmSync(path.join(work, 'code.html'));
    expect(page).toMatch(/^<!doctype html>\n/);
    expect(page.match(/<tr class="finding"/g)).toHaveLength(json.findings.length);
    expect(page.match(/<details class="change"/g)).toHaveLength(json.changes.length);
    expect(page).toContain('<span class="dl add">');
    expect(page).not.toMatch(/<script/);
  });

  it('the diff stays the default', async () => {
    expect((await code([])).stdout).toMatch(/^diff --git a\//);
  });
});
