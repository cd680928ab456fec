import { analyze } from '../analyzers/index.js';
import type { ManifestDocument } from '../model/document.js';
import { planMigration } from '../planner/plan-migration.js';
import type { MigrationOptions, MigrationResult } from './run-migration.js';
import { sortFindings } from './sort-findings.js';

/**
 * The read-only pipeline on objects that are already parsed (live cluster objects): the same
 * analyzers and planner as on files; nothing is rewritten, so there are no file changes.
 */
export function runOnDocuments(documents: readonly ManifestDocument[], options: Pick<MigrationOptions, 'analyzer' | 'plan'>): MigrationResult {
  const analysis = analyze(documents, options.analyzer);
  const plan = planMigration(analysis.inventory, options.plan);
  return {
    inventory: analysis.inventory,
    plan,
    findings: sortFindings([...analysis.findings, ...plan.findings]),
    changes: [],
    filesRead: 0,
    documentCount: documents.length,
  };
}
