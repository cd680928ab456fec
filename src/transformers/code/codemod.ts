import type { SourceFile } from 'ts-morph';
import type { CodeFindingId } from '../../analyzers/code/code-findings.js';
import type { Finding } from '../../model/finding.js';
import type { MigrationPhase } from '../../model/plan.js';
import type { RoleIdentityMapping } from '../../planner/plan-options.js';

/** What `new ManagedIdentityCredential(clientId)` becomes: `--credential workload` or `default`. */
export type CredentialTarget = 'workload' | 'default';

export interface CodemodContext {
  file: string;
  credential: CredentialTarget;
  identityMap: readonly RoleIdentityMapping[];
  /** `prepare` adds the Workload ID settings beside the old ones; `cutover` also removes the old ones. */
  phase: MigrationPhase;
  /** TypeScript source (not JavaScript): expressions may need a type assertion. */
  typescript: boolean;
}

/** A replacement of `[start, end)` of the original text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface CodemodResult {
  edits: TextEdit[];
  /** The sites each edit group fixes, by finding id: verification requires that many fewer findings. */
  fixed: Partial<Record<CodeFindingId, number>>;
  /** What it found but could not rewrite safely (code-not-rewritten findings). */
  refused: Finding[];
}

/**
 * A codemod: positions come from ts-morph's syntax tree, the edits are text replacements of the
 * smallest nodes that change, so everything around them (comments, quotes, indentation, line
 * ends) is kept byte for byte.
 */
export interface Codemod {
  id: string;
  mentions: RegExp;
  run: (source: SourceFile, context: CodemodContext) => CodemodResult;
}

/** Applies non-overlapping edits; overlapping ones are a bug in a codemod, not an input problem. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`overlapping code edits at offset ${edit.start}`);
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
