import { analyze, type AnalyzerOptions } from '../analyzers/index.js';
import type { ManifestDocument, SourceFormat } from '../model/document.js';
import type { FileChange } from '../model/file-change.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { MigrationPlan } from '../model/plan.js';
import { planMigration } from '../planner/plan-migration.js';
import type { PlanOptions } from '../planner/plan-options.js';
import { parseManifestText, type ParsedSource } from '../sources/parse-manifest-text.js';
import { transform } from '../transformers/index.js';
import { applyFileEdits } from './apply-file-edits.js';
import { sortFindings } from './sort-findings.js';
import { verifyChanges } from './verify-changes.js';

export interface SourceText {
  file: string;
  text: string;
  format: SourceFormat;
}

export interface MigrationOptions {
  analyzer: AnalyzerOptions;
  plan: PlanOptions;
}

export interface MigrationResult {
  inventory: Inventory;
  plan: MigrationPlan;
  /** Every finding: input problems, analyzer rules, planning, verification; sorted. */
  findings: Finding[];
  /** Files that change, are created or deleted, or had edits refused; sorted by file. */
  changes: FileChange[];
  filesRead: number;
  documentCount: number;
}

/** One pass: parse, analyze, plan, transform, apply. Pure; `verify` runs it twice. */
export interface Pass {
  parsed: Map<string, ParsedSource>;
  inventory: Inventory;
  findings: Finding[];
  plan: MigrationPlan;
  changes: FileChange[];
}

export function runPass(sources: readonly SourceText[], options: MigrationOptions, reuse?: ReadonlyMap<string, ParsedSource>): Pass {
  const parsed = new Map<string, ParsedSource>();
  const documents: ManifestDocument[] = [];
  const findings: Finding[] = [];
  for (const source of sources) {
    const result = reuse?.get(source.file) ?? parseManifestText(source.file, source.text, source.format);
    parsed.set(source.file, result);
    documents.push(...result.documents);
    findings.push(...result.findings);
  }
  const analysis = analyze(documents, options.analyzer);
  const plan = planMigration(analysis.inventory, options.plan);
  findings.push(...analysis.findings, ...plan.findings);
  const changes = applyFileEdits(sources, transform(plan, analysis.inventory));
  return { parsed, inventory: analysis.inventory, findings, plan, changes };
}

/**
 * The whole migration of a set of files: a first pass computes the changes, a second pass over
 * the changed files proves them (DESIGN §1): they parse, they add no new findings, and running
 * again changes nothing. A file that fails is left as it was and reported.
 */
export function runMigration(sources: readonly SourceText[], options: MigrationOptions): MigrationResult {
  const first = runPass(sources, options);
  const { changes, findings } = verifyChanges(sources, options, first);
  let documentCount = 0;
  for (const result of first.parsed.values()) documentCount += result.documentCount;
  return {
    inventory: first.inventory,
    plan: first.plan,
    findings: sortFindings([...first.findings, ...findings]),
    changes,
    filesRead: sources.length,
    documentCount,
  };
}
