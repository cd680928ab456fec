import { analyze, type AnalyzerOptions } from '../analyzers/index.js';
import type { FileChange } from '../model/file-change.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { MigrationPlan } from '../model/plan.js';
import { planMigration } from '../planner/plan-migration.js';
import type { PlanOptions } from '../planner/plan-options.js';
import { chunksAt, type ParsedSource } from '../sources/parse-manifest-text.js';
import { transform } from '../transformers/index.js';
import type { PlainValueCache } from '../yaml/index.js';
import { sliceOfSource, type SourceText } from './source-text.js';
import { affectedWorkloads } from './affected-workloads.js';
import { applyFileEdits, type RefusedDocument } from './apply-file-edits.js';
import { readDocuments, type EditedFiles } from './read-documents.js';
import { sortFindings } from './sort-findings.js';
import { templatedRefusalFindings } from './templated-refusals.js';
import { verifyChanges } from './verify-changes.js';

export type { SourceText } from './source-text.js';

export interface MigrationOptions {
  analyzer: AnalyzerOptions;
  plan: PlanOptions;
  /** Plain values by document text, so the second pass re-reads nothing it has seen. */
  cache?: PlainValueCache;
  /** `scan` only reads and plans; the edits, and so their verification, are skipped. */
  rewrite?: boolean;
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
  /** The new text of each changed file as its old document chunks' new texts. */
  pieces: ReadonlyMap<string, readonly string[]>;
}

/**
 * `reuse` holds files parsed already (unchanged since); `edited` the files the first pass edited
 * (see readDocuments).
 */
export function runPass(sources: readonly SourceText[], options: MigrationOptions, reuse?: ReadonlyMap<string, ParsedSource>, edited?: EditedFiles): Pass {
  const { parsed, documents, findings } = readDocuments(sources, options, reuse, edited);
  const analysis = analyze(documents, options.analyzer);
  const applied =
    options.rewrite === false
      ? { plan: planMigration(analysis.inventory, options.plan), changes: [], pieces: new Map<string, readonly string[]>() }
      : planAndApply(sources, analysis.inventory, options, parsed);
  findings.push(...analysis.findings, ...applied.plan.findings, ...templatedRefusalFindings(applied.changes));
  return { parsed, inventory: analysis.inventory, findings, ...applied };
}

/** Enough for any chain of dependent refusals in practice; each round only grows the exclusions. */
const MAX_ROUNDS = 4;

/**
 * Plans and applies; when a document cannot be edited, the workloads that depend on it are
 * left out of the plan and the rest is planned again, so the result never half-migrates a
 * workload. The reasons of every round are kept for the report.
 */
function planAndApply(
  sources: readonly SourceText[],
  inventory: Inventory,
  options: MigrationOptions,
  parsed: ReadonlyMap<string, ParsedSource>,
): { plan: MigrationPlan; changes: FileChange[]; pieces: ReadonlyMap<string, readonly string[]> } {
  const excluded = new Set<string>();
  const skipped: RefusedDocument[] = [];
  // Files were split into chunks when read: the edits work on the same chunks.
  const chunksOf = (source: SourceText) => {
    const read = parsed.get(source.file);
    return read ? chunksAt((start, end) => sliceOfSource(source, start, end), read.bounds) : undefined;
  };
  for (let round = 1; ; round++) {
    const plan = planMigration(inventory, options.plan, excluded);
    const { changes, refused, pieces } = applyFileEdits(sources, transform(plan, inventory), options.cache, chunksOf);
    skipped.push(...refused);
    const newlyAffected = [...affectedWorkloads(refused, plan, inventory)].filter((key) => !excluded.has(key));
    if (newlyAffected.length === 0 || round === MAX_ROUNDS) return { plan, changes: withSkipped(changes, skipped, sources), pieces };
    for (const key of newlyAffected) excluded.add(key);
  }
}

/** Every file keeps the reasons its documents were skipped in any round, once each. */
function withSkipped(changes: FileChange[], skipped: readonly RefusedDocument[], sources: readonly SourceText[]): FileChange[] {
  const byFile = new Map(changes.map((change) => [change.file, { ...change, skipped: [] as FileChange['skipped'] }]));
  const seen = new Set<string>();
  for (const entry of skipped) {
    const key = `${entry.file}#${entry.docIndex}#${entry.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let change = byFile.get(entry.file);
    if (!change) {
      const source = sources.find((candidate) => candidate.file === entry.file);
      if (!source) continue;
      change = { file: source.file, format: source.format, before: source.text, after: source.text, skipped: [] };
      byFile.set(entry.file, change);
    }
    change.skipped.push({ location: entry.location, reason: entry.reason });
  }
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * The whole migration of a set of files: a first pass computes the changes, a second pass over
 * the changed files proves them (DESIGN §1): they parse, they add no new findings, and running
 * again changes nothing. A file that fails is left as it was and reported.
 */
export function runMigration(sources: readonly SourceText[], given: MigrationOptions): MigrationResult {
  const options = { ...given, cache: given.cache ?? new Map() };
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
