/** Every finding a user can see is explained in the README (typescript-eslint's meta-test idea). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyzers/index.js';
import { PLAN_FINDINGS } from '../../src/planner/plan-findings.js';
import { SOURCE_FINDINGS } from '../../src/sources/source-findings.js';
import { CODE_FINDINGS } from '../../src/analyzers/code/code-findings.js';
import { FEDERATE_FINDINGS } from '../../src/reporters/federate-findings.js';
import { VERIFY_FINDINGS } from '../../src/reporters/verify-findings.js';
import { ROOT } from '../helpers/cli.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const findings: [string, string][] = [
  ...RULES.map((rule): [string, string] => [rule.id, rule.severity]),
  ...Object.entries(SOURCE_FINDINGS).map(([id, rule]): [string, string] => [id, rule.severity]),
  ...Object.entries(PLAN_FINDINGS).map(([id, rule]): [string, string] => [id, rule.severity]),
  ...Object.entries(CODE_FINDINGS).map(([id, rule]): [string, string] => [id, rule.severity]),
  ['verification-failed', 'error'],
  ...Object.entries(FEDERATE_FINDINGS).map(([id, rule]): [string, string] => [id, rule.severity]),
  ...Object.entries(VERIFY_FINDINGS).map(([id, rule]): [string, string] => [id, rule.severity]),
];

describe('README documents every finding with its severity', () => {
  it.each(findings)('%s (%s)', (id, severity) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${id}\` \\| ${severity} \\|`, 'm'));
  });
});
