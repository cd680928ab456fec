/**
 * The JSON outputs of verify, federate and code follow their published schemas
 * (schema/verify.schema.json, federate.schema.json, code.schema.json), like the report of
 * scan, plan and migrate follows schema/report.schema.json.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../src/pipeline/verify-rollout.js';
import { renderVerifyJson } from '../../src/reporters/verify-report.js';
import { ROOT, runCli } from '../helpers/cli.js';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schema', `${name}.schema.json`), 'utf8')) as object);

function expectValid(validate: ReturnType<typeof schema>, json: unknown): void {
  const valid = validate(json);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('the JSON of verify, federate and code follows the published schemas', () => {
  it('code -f json on samples/app-code', async () => {
    const run = await runCli(['code', 'samples/app-code', '-f', 'json', '--fail-on', 'none']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { findings: unknown[] };
    expect(json.findings.length).toBeGreaterThan(0);
    const validate = schema('code');
    expectValid(validate, json);
    expect(validate({ ...json, findings: [{ id: 'x', severity: 'fatal', message: 'm', location: { file: 'f', line: 1, col: 1 }, fix: 'f' }] })).toBe(false);
  });

  it('federate -f json, offline (--emit)', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-emit-'));
    const run = await runCli(['federate', 'samples/pod-identity', '--emit', 'az', '--out', out, '-f', 'json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { identities: { status: string }[]; mode: string };
    expect(json.mode).toBe('offline');
    expect(json.identities.length).toBeGreaterThan(0);
    const validate = schema('federate');
    expectValid(validate, json);
    expect(validate({ ...json, mode: 'maybe' })).toBe(false);
  });

  it('verify -f json', () => {
    const result: VerifyResult = {
      phase: 'cutover',
      passed: false,
      leftovers: ['AzureIdentityBinding ns/b'],
      workloads: [{ kind: 'Deployment', namespace: 'ns', name: 'web', status: 'fail', pods: 1, checks: [{ id: 'pod-identity-removed', status: 'fail', detail: '1 pod identity resource(s) left' }, { id: 'federated-credentials', status: 'skipped', detail: 'not checked' }] }],
    };
    const json = JSON.parse(renderVerifyJson(result, 'aks-prod')) as Record<string, unknown>;
    const validate = schema('verify');
    expectValid(validate, json);
    expect(validate({ ...json, passed: 'no' })).toBe(false);
  });
});
