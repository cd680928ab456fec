import { RULES } from '../analyzers/index.js';
import { CODE_FINDINGS } from '../analyzers/code/code-findings.js';
import type { Severity } from '../model/finding.js';
import { PLAN_FINDINGS } from '../planner/plan-findings.js';
import { SOURCE_FINDINGS } from '../sources/source-findings.js';

/** What a report format that lists rules (SARIF) says about each finding id. */
export interface RuleDescriptor {
  id: string;
  severity: Severity;
  title: string;
  /** The general advice; a finding may carry a more precise one. */
  fix: string;
}

/** Every finding id wimigrate can report, sorted by id: analyzer rules, input findings, plan findings. */
export function ruleCatalog(): RuleDescriptor[] {
  const rules: RuleDescriptor[] = [
    ...RULES.map((rule) => ({ id: rule.id, severity: rule.severity, title: rule.title, fix: rule.fix })),
    ...Object.entries(SOURCE_FINDINGS).map(([id, rule]) => ({ id, severity: rule.severity, title: rule.title, fix: rule.fix })),
    ...Object.entries(PLAN_FINDINGS).map(([id, rule]) => ({ id, severity: rule.severity, title: sentenceOf(id), fix: rule.fix })),
    {
      id: 'verification-failed',
      severity: 'error',
      title: 'A rewritten file failed verification and was left unchanged',
      fix: 'Nothing was changed in this file; edit it by hand and please report the case.',
    },
  ];
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The rules `wimigrate code` reports: the code findings, and the input findings its file reading can give. */
export function codeRuleCatalog(): RuleDescriptor[] {
  const rules: RuleDescriptor[] = [
    ...Object.entries(CODE_FINDINGS).map(([id, rule]) => ({ id, severity: rule.severity, title: sentenceOf(id), fix: rule.fix })),
    ...Object.entries(SOURCE_FINDINGS).map(([id, rule]) => ({ id, severity: rule.severity, title: rule.title, fix: rule.fix })),
  ];
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Plan findings carry no title of their own: `client-id-pending` reads "Client id pending". */
function sentenceOf(id: string): string {
  const words = id.replaceAll('-', ' ').replace(/\baws\b/g, 'AWS');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
