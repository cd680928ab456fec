import type { Finding, Severity } from '../model/finding.js';
import type { AzureIdentityEntry, Inventory } from '../model/inventory.js';
import type { SourceLocation } from '../model/location.js';
import type { AnalyzerOptions } from './analyzer-options.js';

export interface RuleContext {
  inventory: Inventory;
  options: AnalyzerOptions;
  identitiesByRef: ReadonlyMap<string, AzureIdentityEntry>;
}

export interface RuleHit {
  message: string;
  location: SourceLocation;
  /** Overrides the rule's general advice when the hit knows better. */
  fix?: string;
}

/** One finding kind: its id is its file name (typescript-eslint style), its text beside it. */
export interface Rule {
  id: string;
  severity: Severity;
  title: string;
  fix: string;
  check(context: RuleContext): RuleHit[];
}

export function toFinding(rule: Rule, hit: RuleHit): Finding {
  return { id: rule.id, severity: rule.severity, message: hit.message, location: hit.location, fix: hit.fix ?? rule.fix };
}
