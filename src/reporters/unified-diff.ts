// Only the array diff: the package's index loads every differ (about 25 ms at start-up).
import { diffArrays } from 'diff/lib/diff/array.js';
import type { FileChange } from '../model/file-change.js';

const COLORS = { header: '\u001b[1m', hunk: '\u001b[36m', added: '\u001b[32m', removed: '\u001b[31m', reset: '\u001b[0m' };
const CONTEXT = 3;

/** A `git apply`-compatible patch with a/ b/ headers; /dev/null for created or deleted files. */
export function renderUnifiedDiff(changes: readonly FileChange[], color: boolean): string {
  let out = '';
  for (const change of changes) {
    if (change.before === change.after) continue;
    const name = change.file.replaceAll('\\', '/');
    const header = [
      `diff --git a/${name} b/${name}`,
      ...(change.before === null ? ['new file mode 100644'] : change.after === null ? ['deleted file mode 100644'] : []),
      `--- ${change.before === null ? '/dev/null' : `a/${name}`}`,
      `+++ ${change.after === null ? '/dev/null' : `b/${name}`}`,
    ];
    const body = [...header.slice(1), ...hunkLines(change.before ?? '', change.after ?? '')];
    out += `${header[0]}\n${(color ? body.map(colorize) : body).join('\n')}\n`;
  }
  return out;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/**
 * The hunks of a line diff. Lines the two texts share at the start and the end are set aside
 * first (edits usually touch a few places in a file), jsdiff aligns only the part between, and
 * the hunks are cut from the whole texts, so their context is always the file's real context.
 */
function hunkLines(before: string, after: string): string[] {
  const window = changedWindow(before, after);
  const a = splitLines(before.slice(window.start, window.beforeEnd));
  const b = splitLines(after.slice(window.start, window.afterEnd));
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const ops: Op[] = a.slice(0, prefix).map((line) => ({ kind: ' ', line }));
  for (const part of diffArrays(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix))) {
    const kind = part.added ? '+' : part.removed ? '-' : ' ';
    for (const line of part.value) ops.push({ kind, line });
  }
  for (const line of a.slice(a.length - suffix)) ops.push({ kind: ' ', line });
  return hunksOf(ops, window.firstLine);
}

/**
 * The part of the texts that differs, widened to whole lines and CONTEXT lines on each side:
 * large files with one edit are not split into lines at all outside it. The common start and
 * end are the same text in both, so the window edges line up.
 */
function changedWindow(before: string, after: string): { start: number; beforeEnd: number; afterEnd: number; firstLine: number } {
  const shortest = Math.min(before.length, after.length);
  const prefix = commonLength(shortest, (at, length) => before.slice(at, at + length) === after.slice(at, at + length));
  const suffix = commonLength(shortest - prefix, (at, length) => before.slice(before.length - at - length, before.length - at) === after.slice(after.length - at - length, after.length - at));
  let start = before.lastIndexOf('\n', prefix - 1) + 1;
  for (let line = 0; line < CONTEXT && start > 0; line++) start = before.lastIndexOf('\n', start - 2) + 1;
  // The common end starts mid-line at worst: take the rest of that line and CONTEXT more.
  const commonEnd = before.length - suffix;
  let extra = commonEnd;
  for (let line = 0; line <= CONTEXT && extra < before.length; line++) {
    if (line === 0 && extra > 0 && before[extra - 1] === '\n') continue;
    const newline = before.indexOf('\n', extra);
    extra = newline === -1 ? before.length : newline + 1;
  }
  const widen = extra - commonEnd;
  let firstLine = 1;
  for (let at = before.indexOf('\n'); at !== -1 && at < start; at = before.indexOf('\n', at + 1)) firstLine++;
  return { start, beforeEnd: commonEnd + widen, afterEnd: after.length - suffix + widen, firstLine };
}

/**
 * How many characters two texts share, from one end, up to `limit`: compared a block at a time
 * (string equality runs natively) in shrinking blocks, rather than one character at a time.
 */
function commonLength(limit: number, sameBlock: (at: number, length: number) => boolean): number {
  let common = 0;
  for (let block = 4096; block >= 1; block = block >> 4) {
    while (common + block <= limit && sameBlock(common, block)) common += block;
  }
  return common;
}

/** Groups changes that are close together into hunks with CONTEXT lines around them. */
function hunksOf(ops: readonly Op[], firstLine: number): string[] {
  const out: string[] = [];
  let index = 0;
  let oldLine = firstLine;
  let newLine = firstLine;
  const advance = (op: Op) => {
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
  };
  while (index < ops.length) {
    const firstChange = ops.findIndex((op, i) => i >= index && op.kind !== ' ');
    if (firstChange === -1) break;
    const start = Math.max(index, firstChange - CONTEXT);
    for (; index < start; index++) advance(ops[index]!);
    // Extend while the next change is within reach of this hunk's trailing context.
    let end = firstChange;
    for (let i = firstChange; i < ops.length && i <= end + 2 * CONTEXT; i++) if (ops[i]!.kind !== ' ') end = i;
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    const body: string[] = [];
    const oldStart = oldLine;
    const newStart = newLine;
    let oldCount = 0;
    let newCount = 0;
    for (; index < stop; index++) {
      const op = ops[index]!;
      if (op.kind !== '+') oldCount++;
      if (op.kind !== '-') newCount++;
      body.push(`${op.kind}${op.line.endsWith('\n') ? op.line.slice(0, -1) : op.line}`);
      if (!op.line.endsWith('\n')) body.push('\\ No newline at end of file');
      advance(op);
    }
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`, ...body);
  }
  return out;
}

/** Lines with their line breaks, so a missing final newline is seen and reported. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function range(start: number, count: number): string {
  // A hunk with no lines on one side names the line before it (0 at the top of the file).
  const shown = count === 0 ? start - 1 : start;
  return count === 1 ? `${shown}` : `${shown},${count}`;
}

function colorize(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return `${COLORS.header}${line}${COLORS.reset}`;
  if (line.startsWith('@@')) return `${COLORS.hunk}${line}${COLORS.reset}`;
  if (line.startsWith('+')) return `${COLORS.added}${line}${COLORS.reset}`;
  if (line.startsWith('-')) return `${COLORS.removed}${line}${COLORS.reset}`;
  return line;
}
