import type { Node, Pair, YAMLMap } from 'yaml';
import { isMap, isScalar } from './yaml-library.js';
import type { EditContext } from './edit-set.js';
import { blockLines, flowPair, multiLineFlowPair, type PairStyle, type ScalarValue } from './render-values.js';
import { mapStyle } from './sibling-style.js';
import { hasTemplating } from './templating.js';
import { columnOf, lineContentEnd, lineIndent, lineStartOf, trimEnd, type Splice } from './text-positions.js';
import { refuse, startOf, type Collection, type Refusal } from './walk-path.js';

function endOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[1];
}

function pairEnd(text: string, pair: Pair<unknown, unknown>, fallback: number): number {
  return trimEnd(text, endOf(pair.value) ?? endOf(pair.key) ?? fallback);
}

/** A value that ends on its key's line: nothing, or a scalar that is not a block or multi-line scalar. */
function isOneLineScalar(text: string, node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (!isScalar(node) || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return false;
  const range = node.range;
  return range !== undefined && range !== null && !text.slice(range[0], range[1]).includes('\n');
}

/** `{` ... `}` holding one new pair: spread over lines in JSON, on one line in YAML. */
function newFlowMap(context: EditContext, keys: string[], value: ScalarValue, style: PairStyle, at: number): string {
  if (context.format !== 'json') return `{${flowPair(keys, value, style)}}`;
  const outer = lineIndent(context.text, at);
  const column = outer + context.layout.unit;
  return `{${context.eol}${' '.repeat(column)}${multiLineFlowPair(keys, value, style, column, context.layout.unit, context.eol)}${context.eol}${' '.repeat(outer)}}`;
}

/**
 * Adds the pair `keys[0]: ...` to an existing map. Block maps get it after the last pair when that
 * pair fits on one line or holds a nested block map (so it lands next to its siblings), otherwise
 * (a list last) before the first pair;
 * flow maps get it before the closing brace.
 */
export function insertIntoMap(context: EditContext, map: YAMLMap<unknown, unknown>, keys: string[], value: ScalarValue): Splice[] | Refusal {
  const { text, eol, layout, format } = context;
  const [mapStart, mapEnd] = map.range ?? [0, 0];
  const style = mapStyle(map, format);
  const first = map.items[0];
  const last = map.items[map.items.length - 1];

  if (map.flow) {
    if (hasTemplating(text, mapStart, mapEnd)) return refuse('templating ({{ }}) in the edited region', mapStart);
    if (!first || !last) return [{ start: mapStart, end: mapEnd, text: newFlowMap(context, keys, value, style, mapStart) }];
    const at = pairEnd(text, last, mapEnd);
    if (!text.slice(mapStart, mapEnd).includes('\n')) return [{ start: at, end: at, text: `, ${flowPair(keys, value, style)}` }];
    // Spread over lines (JSON): one pair a line, at the column of the pairs before it.
    const itemColumn = columnOf(text, startOf(first.key));
    const unit = itemColumn > lineIndent(text, mapStart) ? itemColumn - lineIndent(text, mapStart) : layout.unit;
    return [{ start: at, end: at, text: `,${eol}${' '.repeat(itemColumn)}${multiLineFlowPair(keys, value, style, itemColumn, unit, eol)}` }];
  }

  if (format === 'json') return refuse('a block map in a JSON file', mapStart);
  if (!first || !last) return refuse('an empty block map', mapStart);
  for (const pair of map.items) {
    const keyStart = startOf(pair.key, mapStart);
    if (hasTemplating(text, lineStartOf(text, keyStart), lineContentEnd(text, keyStart))) return refuse('templating ({{ }}) in the edited region', keyStart);
  }
  const firstKeyStart = startOf(first.key, mapStart);
  const itemColumn = columnOf(text, firstKeyStart);
  const lines = blockLines(keys, value, layout.unit, style).map((line) => `${' '.repeat(itemColumn)}${line}`);
  if (isOneLineScalar(text, last.value)) {
    const at = lineContentEnd(text, pairEnd(text, last, mapEnd));
    return [{ start: at, end: at, text: `${eol}${lines.join(eol)}` }];
  }
  // After a nested block map (`labels:` closing `metadata`), so the keys people read first stay
  // first; but a new `metadata` goes first, where Kubernetes manifests always have it.
  if (isMap(last.value) && !last.value.flow && keys[0] !== 'metadata') {
    const end = endOf(last.value);
    if (end !== undefined && text[end - 1] === '\n') return [{ start: end, end, text: `${lines.join(eol)}${eol}` }];
  }
  // Before the first key: the text there already stands at the item column (after `- ` in a list).
  if (!/^[ \t]*(?:-[ \t]+)*$/.test(text.slice(lineStartOf(text, firstKeyStart), firstKeyStart))) {
    return refuse('the first key of the map shares its line with other content', firstKeyStart);
  }
  return [{ start: firstKeyStart, end: firstKeyStart, text: `${lines.join(eol).slice(itemColumn)}${eol}${' '.repeat(itemColumn)}` }];
}

/** A key that holds nothing (`labels:` or `labels: null`) gets the new pair as its value. */
export function nestUnderEmptyKey(
  context: EditContext,
  holder: Pair<unknown, unknown>,
  collection: Collection,
  keys: string[],
  value: ScalarValue,
): Splice[] | Refusal {
  const { text, eol, layout, format } = context;
  if (!isScalar(holder.key)) return refuse('a complex key is on the path', startOf(holder.key));
  const keyStart = startOf(holder.key);
  const keyEnd = endOf(holder.key) ?? keyStart;
  const empty = isScalar(holder.value) ? holder.value : null;
  const [emptyStart, emptyEnd] = empty?.range ?? [keyEnd, keyEnd];
  const explicit = emptyStart !== emptyEnd;
  if (hasTemplating(text, lineStartOf(text, keyStart), lineContentEnd(text, keyStart))) return refuse('templating ({{ }}) in the edited region', keyStart);
  const style = mapStyle(collection as YAMLMap<unknown, unknown>, format);

  if (collection.flow || format === 'json') {
    if (!explicit) return refuse('a key without a value inside a flow map', keyStart);
    return [{ start: emptyStart, end: emptyEnd, text: newFlowMap(context, keys, value, { ...style, context: 'flow' }, keyStart) }];
  }
  if (explicit && text.slice(keyEnd, emptyStart).includes('\n')) return refuse('a null value on its own line', emptyStart);
  const column = columnOf(text, keyStart) + layout.unit;
  const lines = blockLines(keys, value, layout.unit, style).map((line) => `${' '.repeat(column)}${line}`);
  const at = lineContentEnd(text, explicit ? emptyEnd : keyEnd);
  const splices: Splice[] = [{ start: at, end: at, text: `${eol}${lines.join(eol)}` }];
  if (explicit) {
    // Drop `null`/`~` and the spaces before it, so `labels: null` becomes `labels:`.
    let from = emptyStart;
    while (text[from - 1] === ' ' || text[from - 1] === '\t') from--;
    splices.push({ start: from, end: emptyEnd, text: '' });
  }
  return splices;
}
