/**
 * The pure pipeline of `wimigrate code`: dependency files against the SDK minimums, JavaScript
 * and TypeScript sources through the detectors and codemods, every changed file verified. Loads
 * ts-morph, so only the code command (and `scan --code`) imports it, dynamically.
 */
import path from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';
import { codeFinding, type CodeFindingId } from '../analyzers/code/code-findings.js';
import { CODE_DETECTORS } from '../analyzers/code/index.js';
import { checkDependencies } from '../analyzers/code/sdk-versions.js';
import type { SdkTables } from '../model/code.js';
import type { FileChange } from '../model/file-change.js';
import type { Finding } from '../model/finding.js';
import type { MigrationPhase } from '../model/plan.js';
import type { RoleIdentityMapping } from '../planner/plan-options.js';
import { CodeReadError } from '../sources/code/parse-json.js';
import { isScriptFile } from '../sources/code/code-file-names.js';
import { dependencyReaderFor } from '../sources/code/read-dependencies.js';
import { applyTextEdits, CODEMODS, raisePackageJsonRanges, type CodemodContext, type CredentialTarget, type TextEdit } from '../transformers/code/index.js';
import { sortFindings } from './sort-findings.js';

// FileChange.format describes manifests; the diff and the writers ignore it for code.
const CODE_FORMAT = 'json';

export interface CodeText {
  file: string;
  text: string;
}

export interface CodeOptions {
  tables: SdkTables;
  credential: CredentialTarget;
  identityMap: readonly RoleIdentityMapping[];
  phase: MigrationPhase;
  /** false for `scan --code`: findings only, no codemods. */
  rewrite: boolean;
}

export interface CodeResult {
  findings: Finding[];
  changes: FileChange[];
  filesRead: number;
  dependencyFiles: number;
  sourceFiles: number;
  /** Source files that mention something a detector looks for, and were therefore parsed. */
  sourceFilesParsed: number;
}

const ANY_MENTION = new RegExp([...CODE_DETECTORS, ...CODEMODS].map((entry) => entry.mentions.source).join('|'));

export function runCodeAnalysis(files: readonly CodeText[], options: CodeOptions): CodeResult {
  // Parsed only, never type-checked: no lib files, no module resolution, an in-memory file system.
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { allowJs: true, noLib: true, noResolve: true },
  });
  const result: CodeResult = { findings: [], changes: [], filesRead: files.length, dependencyFiles: 0, sourceFiles: 0, sourceFilesParsed: 0 };
  files.forEach((entry, index) => {
    const reader = dependencyReaderFor(entry.file);
    if (reader) {
      result.dependencyFiles++;
      analyzeDependencies(entry, reader, options, result);
    } else if (isScriptFile(entry.file)) {
      result.sourceFiles++;
      if (!ANY_MENTION.test(entry.text)) return;
      result.sourceFilesParsed++;
      analyzeSource(project, index, entry, options, result);
    }
  });
  result.findings = sortFindings(result.findings);
  result.changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return result;
}

function analyzeDependencies(entry: CodeText, reader: NonNullable<ReturnType<typeof dependencyReaderFor>>, options: CodeOptions, result: CodeResult): void {
  try {
    result.findings.push(...checkDependencies(reader(entry.file, entry.text), options.tables));
  } catch (error) {
    if (!(error instanceof CodeReadError)) throw error;
    result.findings.push(codeFinding('code-unreadable', { file: entry.file, line: error.line, col: 1 }, error.message));
    return;
  }
  if (!options.rewrite || path.basename(entry.file) !== 'package.json') return;
  const { edits } = raisePackageJsonRanges(entry.text, options.tables);
  if (edits.length === 0) return;
  const after = applyTextEdits(entry.text, edits);
  // Verified like a source: the result is JSON and raising again changes nothing.
  const again = safeJson(after) ? raisePackageJsonRanges(after, options.tables).edits.length : -1;
  if (again !== 0) result.findings.push(verificationFailed(entry.file, 'the raised package.json range did not verify'));
  else result.changes.push({ file: entry.file, format: 'json', before: entry.text, after, skipped: [] });
}

function analyzeSource(project: Project, index: number, entry: CodeText, options: CodeOptions, result: CodeResult): void {
  const virtualPath = `/source-${index}${path.extname(entry.file).toLowerCase()}`;
  const source = project.createSourceFile(virtualPath, entry.text, { overwrite: true });
  try {
    const findings = detect(source, entry.file, entry.text, options);
    result.findings.push(...findings);
    if (!options.rewrite) return;
    const context: CodemodContext = { file: entry.file, credential: options.credential, identityMap: options.identityMap, phase: options.phase, typescript: /\.[mc]?tsx?$/i.test(entry.file) };
    const { edits, fixed, refused } = runCodemods(source, entry.text, context);
    result.findings.push(...refused);
    if (edits.length === 0) return;
    const after = applyTextEdits(entry.text, edits);
    const problem = verify(project, virtualPath, entry, after, findings, fixed, options, context);
    if (problem !== null) result.findings.push(verificationFailed(entry.file, problem));
    else result.changes.push({ file: entry.file, format: CODE_FORMAT, before: entry.text, after, skipped: [] });
  } finally {
    project.removeSourceFile(source);
  }
}

function detect(source: SourceFile, file: string, text: string, options: CodeOptions): Finding[] {
  return CODE_DETECTORS.filter((detector) => detector.mentions.test(text)).flatMap((detector) => detector.detect(source, { file, tables: options.tables }));
}

function runCodemods(source: SourceFile, text: string, context: CodemodContext): { edits: TextEdit[]; fixed: Partial<Record<CodeFindingId, number>>; refused: Finding[] } {
  const edits: TextEdit[] = [];
  const fixed: Partial<Record<CodeFindingId, number>> = {};
  const refused: Finding[] = [];
  for (const codemod of CODEMODS) {
    if (!codemod.mentions.test(text)) continue;
    const outcome = codemod.run(source, context);
    edits.push(...outcome.edits);
    refused.push(...outcome.refused);
    for (const [id, count] of Object.entries(outcome.fixed) as [CodeFindingId, number][]) fixed[id] = (fixed[id] ?? 0) + count;
  }
  return { edits, fixed, refused };
}

/**
 * DESIGN §1: the output parses with no more syntax errors than the input, each fixed finding is
 * gone and no new one appeared, and the codemods find nothing more to do (idempotence).
 */
function verify(project: Project, virtualPath: string, entry: CodeText, after: string, before: readonly Finding[], fixed: Partial<Record<CodeFindingId, number>>, options: CodeOptions, context: CodemodContext): string | null {
  const output = project.createSourceFile(`${virtualPath}.verify${path.extname(virtualPath)}`, after, { overwrite: true });
  try {
    if (syntaxErrors(output) > syntaxErrors(project.getSourceFileOrThrow(virtualPath))) return 'the rewritten code has syntax errors';
    const count = (findings: readonly Finding[]) => {
      const counts = new Map<string, number>();
      for (const finding of findings) counts.set(finding.id, (counts.get(finding.id) ?? 0) + 1);
      return counts;
    };
    const was = count(before);
    const now = count(detect(output, entry.file, after, options));
    for (const [id, number] of now) {
      const expected = (was.get(id) ?? 0) - (fixed[id as CodeFindingId] ?? 0);
      if (number > expected) return `the rewrite left or added ${id} findings`;
    }
    if (runCodemods(output, after, context).edits.length > 0) return 'a second run of the codemods would change the file again';
    return null;
  } finally {
    project.removeSourceFile(output);
  }
}

/** Parse errors of a file; TypeScript keeps them on the node (`parseDiagnostics`, stable since 1.x). */
function syntaxErrors(source: SourceFile): number {
  return ((source.compilerNode as ts.SourceFile & { parseDiagnostics?: readonly unknown[] }).parseDiagnostics ?? []).length;
}

function safeJson(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

function verificationFailed(file: string, reason: string): Finding {
  return { id: 'verification-failed', severity: 'error', message: `${reason}; the file was left unchanged`, location: { file, line: 1, col: 1 }, fix: 'Nothing was changed in this file; edit it by hand and please report the case.' };
}

