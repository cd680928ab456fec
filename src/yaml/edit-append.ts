import { isSeq, type Document, type Node } from 'yaml';
import type { NodePath, SourceFormat } from '../model/document.js';
import { renderBlock } from './render-values.js';
import { columnOf, lineIndent, lineStartOf, nextLineStart, type Splice } from './text-positions.js';
import { isRefusal, refuse, startOf, walkPath, type Refusal } from './walk-path.js';

/** The splice that appends `value` to the list at `path`, laid out like the items before it. */
export function computeAppend(text: string, doc: Document.Parsed, path: NodePath, value: unknown, format: SourceFormat, eol: string): Splice | Refusal {
  const walked = walkPath(doc.contents, path);
  if (isRefusal(walked)) return walked;
  const list = walked.node;
  if (!isSeq(list)) return refuse('there is no list to append to', startOf(list));
  const last = list.items[list.items.length - 1] as Node | undefined;
  if (!last?.range) return refuse('an empty list', startOf(list));

  if (list.flow) {
    const column = columnOf(text, startOf(last));
    const multiLine = text.slice(startOf(list), list.range?.[1]).includes('\n');
    if (!multiLine) return { start: last.range[1], end: last.range[1], text: `, ${JSON.stringify(value)}` };
    const unit = Math.max(1, column - lineIndent(text, startOf(list)));
    const json = JSON.stringify(value, null, unit).split('\n').join(`${eol}${' '.repeat(column)}`);
    return { start: last.range[1], end: last.range[1], text: `,${eol}${' '.repeat(column)}${json}` };
  }
  if (format === 'json') return refuse('a block list in a JSON file', startOf(list));

  const dashStart = lineStartOf(text, startOf(last));
  const lead = text.slice(dashStart, startOf(last));
  const dash = /^( *)- +$/.exec(lead);
  if (!dash) return refuse('the list items are laid out in an unusual way', startOf(last));
  const indent = dash[1] ?? '';
  const body = renderBlock(value, '\n').trimEnd().split('\n');
  const lines = body.map((line, i) => `${indent}${i === 0 ? '- ' : '  '}${line}`);
  const at = nextLineStart(text, last.range[1]);
  const needsBreak = at === text.length && !text.endsWith('\n');
  return { start: at, end: at, text: `${needsBreak ? eol : ''}${lines.join(eol)}${eol}` };
}
