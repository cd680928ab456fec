import type { Document, Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq, yaml } from './yaml-library.js';
import { columnOf, lineIndent } from './text-positions.js';

export interface DocumentLayout {
  /** Spaces per nesting level of block maps. */
  unit: number;
  /** Whether block list items sit deeper than their parent key (`key:\n  - a`) or level with it. */
  indentSeq: boolean;
}

/**
 * The indentation habits of a document, learnt from its first nested block map and block list
 * (or, in JSON, its first collection spread over lines) so that new nesting looks like the old.
 * Defaults: 2 spaces, indented lists.
 */
export function documentLayout(text: string, doc: Document.Parsed): DocumentLayout {
  let unit: number | null = null;
  let indentSeq: boolean | null = null;
  let flowUnit: number | null = null;
  const { visit } = yaml();
  visit(doc, {
    Map(_, map) {
      if (flowUnit === null && map.flow) flowUnit = spreadStep(text, map.range?.[0], map.items[0]?.key);
    },
    Seq(_, seq) {
      if (flowUnit === null && seq.flow) flowUnit = spreadStep(text, seq.range?.[0], seq.items[0]);
    },
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return undefined;
      const value = pair.value as Node | null;
      if (!value?.range || (!isMap(value) && !isSeq(value)) || value.flow) return undefined;
      const keyColumn = columnOf(text, pair.key.range[0]);
      const first = isMap(value) ? (value.items[0]?.key as Node | undefined) : (value.items[0] as Node | undefined);
      if (!first?.range) return undefined;
      if (isMap(value) && unit === null) {
        const step = columnOf(text, first.range[0]) - keyColumn;
        // A map under a `- ` item of a level list is 2 deeper for the dash, not a unit.
        if (step > 0 && text.slice(text.lastIndexOf('\n', first.range[0] - 1) + 1, first.range[0]).trim() === '') unit = step;
      }
      if (isSeq(value) && indentSeq === null) indentSeq = columnOf(text, value.range[0]) > keyColumn;
      return unit !== null && indentSeq !== null ? visit.BREAK : undefined;
    },
  });
  return { unit: unit ?? flowUnit ?? 2, indentSeq: indentSeq ?? true };
}

/** How much deeper the first item of a flow collection spread over lines sits than the line opening it. */
function spreadStep(text: string, start: number | undefined, first: unknown): number | null {
  const itemStart = (first as Node | null | undefined)?.range?.[0];
  if (start === undefined || itemStart === undefined || !text.slice(start, itemStart).includes('\n')) return null;
  const step = columnOf(text, itemStart) - lineIndent(text, start);
  return step > 0 ? step : null;
}
