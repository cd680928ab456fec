import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import ajvFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/reporters/json.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { ruleCatalog } from '../../src/pipeline/rule-catalog.js';
import { ROOT } from '../helpers/cli.js';
import { SAMPLES, sampleReport } from './sample-reports.js';

const COMMANDS = ['scan', 'plan', 'migrate'] as const;
const cases = SAMPLES.flatMap((sample) => COMMANDS.map((command) => [sample, command] as const));

describe('the JSON report follows the published schema (schema/report.schema.json)', () => {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schema/report.schema.json'), 'utf8')) as object);

  it.each(cases)('%s %s', (sample, command) => {
    const json = JSON.parse(renderJson(sampleReport(sample, command))) as unknown;
    const valid = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects what is not a report: a wrong severity, a missing field, an unknown field', () => {
    const json = JSON.parse(renderJson(sampleReport('pod-identity', 'plan'))) as { findings: { severity: string }[]; summary: Record<string, unknown>; extra?: unknown };
    json.findings[0]!.severity = 'fatal';
    delete json.summary.files;
    json.extra = true;
    expect(validate(json)).toBe(false);
    const messages = (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
    expect(messages).toEqual(expect.arrayContaining(['/findings/0/severity must be equal to one of the allowed values', "/summary must have required property 'files'", ' must NOT have additional properties']));
  });
});

describe('SARIF output validates against the official SARIF 2.1.0 schema', () => {
  // The schema's `language` pattern has a stray `]`, invalid in unicode mode: unicodeRegExp off reads it as JavaScript did.
  // The OASIS schema (2.1.0-rtm.5, the final 2.1.0 text) as the @microsoft/jest-sarif package ships it: JSON Schema draft-04.
  const schemaFile = path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // Both are CommonJS modules whose class or function is their `default` export.
  const ajv = new AjvDraft04Module.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormatsModule.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

  it.each(cases)('%s %s', (sample, command) => {
    const sarif = JSON.parse(renderSarif(sampleReport(sample, command), { toolVersion: '1.2.3', rules: ruleCatalog() })) as unknown;
    validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('the validator does reject a broken log', () => {
    const sarif = JSON.parse(renderSarif(sampleReport('irsa', 'scan'), { toolVersion: '1.2.3', rules: ruleCatalog() })) as { version: string; runs: { results: { level: string }[] }[] };
    sarif.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(sarif)).toBe(false);
  });

  it('names every rule with help text, and puts each finding on its file and line', () => {
    const report = sampleReport('irsa', 'scan');
    const sarif = JSON.parse(renderSarif(report, { toolVersion: '1.2.3', rules: ruleCatalog() })) as {
      runs: { tool: { driver: { version: string; rules: { id: string; help: { text: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const run = sarif.runs[0]!;
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(ruleCatalog().map((rule) => rule.id));
    expect(run.tool.driver.rules.every((rule) => rule.help.text.length > 10)).toBe(true);
    expect(run.results).toHaveLength(report.findings.length);
    const first = report.findings[0]!;
    expect(run.results[0]!.ruleId).toBe(first.id);
    expect(run.tool.driver.rules[run.results[0]!.ruleIndex]!.id).toBe(first.id);
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(first.location.file);
    expect(run.results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(first.location.line);
    expect(run.results.map((result) => result.level)).toContain('note');
  });
});
