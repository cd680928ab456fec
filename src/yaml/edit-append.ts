import type { Node } from 'yaml';
import { isSeq } from './yaml-library.js';
import type { NodePath } from '../model/document.js';
import type { EditContext } from './edit-set.js';
import { renderBlock, renderJson } from './render-values.js';
import { hasTemplating } from './templating.js';
import { columnOf, lineIndent, lineStartOf, nextLineStart, trimEnd, type Splice } from './text-positions.js';
import { isRefusal, refuse, startOf, walkPath, type Refusal } from './walk-path.js';

/** The splice that appends `value` to the list at `path`, laid out like the items before it. */
export function computeAppend(context: EditContext, path: NodePath, value: unknown): Splice[] | Refusal {
  const { text, doc, format, eol, layout } = context;
  const walked = walkPath(doc.contents, path);
  if (isRefusal(walked)) return walked;
  const list = walked.node;
  if (walked.missingFrom < path.length || !isSeq(list)) return refuse('there is no list to append to', startOf(list ?? walked.steps[walked.steps.length - 1]?.collection));
  const [listStart, listEnd] = list.range ?? [0, 0];
  const last = list.items[list.items.length - 1] as Node | undefined;

  if (list.flow) {
    if (hasTemplating(text, listStart, listEnd)) return refuse('templating ({{ }}) in the edited region', listStart);
    const outer = lineIndent(text, listStart);
    if (!last?.range) {
      // `[]`: JSON gets the item on its own line, YAML a one-line list.
      if (format !== 'json') return [{ start: listStart, end: listEnd, text: `[${JSON.stringify(value)}]` }];
      const column = outer + layout.unit;
      return [{ start: listStart, end: listEnd, text: `[${eol}${' '.repeat(column)}${renderJson(value, layout.unit, column, eol)}${eol}${' '.repeat(outer)}]` }];
    }
    const end = trimEnd(text, last.range[1]);
    if (!text.slice(listStart, listEnd).includes('\n')) return [{ start: end, end, text: `, ${JSON.stringify(value)}` }];
    const column = columnOf(text, startOf(last));
    const unit = column > outer ? column - outer : layout.unit;
    return [{ start: end, end, text: `,${eol}${' '.repeat(column)}${renderJson(value, unit, column, eol)}` }];
  }
  if (format === 'json') return refuse('a block list in a JSON file', listStart);
  if (!last?.range) return refuse('an empty block list', listStart);

  const lastStart = startOf(last);
  const dashLead = /^( *)(- +)$/.exec(text.slice(lineStartOf(text, lastStart), lastStart));
  if (!dashLead) return refuse('the list items are laid out in an unusual way', lastStart);
  const indent = dashLead[1] ?? '';
  const dash = dashLead[2] ?? '- ';
  const at = nextLineStart(text, trimEnd(text, last.range[1]));
  if (hasTemplating(text, lineStartOf(text, lastStart), at)) return refuse('templating ({{ }}) in the edited region', lastStart);
  const body = renderBlock(value, '\n', layout).replace(/\n$/, '').split('\n');
  const lines = body.map((line, i) => `${indent}${i === 0 ? dash : ' '.repeat(dash.length)}${line}`);
  const needsBreak = at === text.length && !text.endsWith('\n');
  return [{ start: at, end: at, text: `${needsBreak ? eol : ''}${lines.join(eol)}${needsBreak ? '' : eol}` }];
}
