/**
 * wimigrate as a library: the same pure pipeline the command line runs. Read files with
 * readPaths (or bring your own texts), run runMigration, and render what it returns.
 */
export { readPaths, readStdinSync, DEFAULT_MAX_FILE_BYTES, type SourceFile, type ReadOptions, type ReadResult } from './sources/read-paths.js';
export { runMigration, type SourceText, type MigrationOptions, type MigrationResult } from './pipeline/run-migration.js';
export { analyze, RULES, DEFAULT_ANALYZER_OPTIONS, type AnalyzerOptions, type Analysis } from './analyzers/index.js';
export { planMigration } from './planner/plan-migration.js';
export { DEFAULT_PLAN_OPTIONS, type PlanOptions } from './planner/plan-options.js';
export { transform, type TransformOutput } from './transformers/index.js';
export { buildReport, REPORT_SCHEMA_VERSION, type Report } from './reporters/report.js';
export { renderJson } from './reporters/json.js';
export { renderMarkdown } from './reporters/markdown.js';
export { renderText } from './reporters/text.js';
export { renderUnifiedDiff } from './reporters/unified-diff.js';
export type * from './model/document.js';
export type * from './model/finding.js';
export type * from './model/inventory.js';
export type * from './model/plan.js';
export type * from './model/file-change.js';
