import { isMap, isScalar, Scalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { NodePath, SourceFormat } from '../model/document.js';
import { blockLines, flowPair, renderScalar, type ScalarValue } from './render-values.js';
import { mapStyle, scalarStyle } from './sibling-style.js';
import { columnOf, lineContentEnd, lineIndent, type Splice } from './text-positions.js';
import { isRefusal, refuse, startOf, walkPath, type Refusal } from './walk-path.js';

/**
 * The splice that makes `path` hold `value`: a scalar replaced in its own quoting style, or the
 * missing keys inserted in the nearest map with the siblings' indentation and quoting. Null when
 * nothing needs to change.
 */
export function computeSet(text: string, doc: Document.Parsed, path: NodePath, value: ScalarValue, format: SourceFormat, eol: string): Splice | Refusal | null {
  const walked = walkPath(doc.contents, path);
  if (isRefusal(walked)) return walked;
  const { steps, node, missingFrom } = walked;

  if (missingFrom === path.length) {
    if (!isScalar(node)) return refuse('a list or map is where a single value should be set', startOf(node));
    return replaceScalar(text, node, value, format);
  }

  const rest = path.slice(missingFrom).map(String);
  const step = steps[missingFrom];
  if (step && step.pair === null && isMap(step.collection)) {
    return insertIntoMap(text, step.collection, rest, value, format, eol, parentKeyColumn(text, steps, missingFrom));
  }
  // The key exists but holds nothing (`labels:`): nest the rest under it.
  const holder = steps[missingFrom - 1]?.pair;
  if (!holder || !isScalar(holder.key)) return refuse('the document has no content to edit', 0);
  const empty = holder.value;
  if (isScalar(empty) && empty.range && empty.range[0] !== empty.range[1]) return refuse('an explicit null is where a map is needed', empty.range[0]);
  const keyStart = startOf(holder.key);
  if (format === 'json' || isFlowContext(text, keyStart)) return refuse('an empty value inside a flow collection', keyStart);
  const column = columnOf(text, keyStart);
  const style = mapStyle(steps[missingFrom - 1]!.collection as YAMLMap<unknown, unknown>, format);
  const lines = blockLines(rest, value, 2, style.key, style.value).map((line) => `${' '.repeat(column + 2)}${line}`);
  const at = lineContentEnd(text, keyStart);
  return { start: at, end: at, text: `${eol}${lines.join(eol)}` };
}

function replaceScalar(text: string, node: Scalar, value: ScalarValue, format: SourceFormat): Splice | Refusal | null {
  if (node.value === value) return null;
  const [start, end] = node.range ?? [0, 0];
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) return refuse('a block scalar (| or >) would be replaced', start);
  if (text.slice(start, end).includes('\n')) return refuse('a multi-line scalar would be replaced', start);
  if (node.tag) return refuse('a tagged value would be replaced', start);
  if (start === end) {
    const needsSpace = text[start - 1] === ':';
    return { start, end, text: `${needsSpace ? ' ' : ''}${renderScalar(value, format === 'json' ? 'double' : 'plain')}` };
  }
  return { start, end, text: renderScalar(value, scalarStyle(node, format)) };
}

function insertIntoMap(
  text: string,
  map: YAMLMap<unknown, unknown>,
  rest: string[],
  value: ScalarValue,
  format: SourceFormat,
  eol: string,
  parentColumn: number | null,
): Splice | Refusal {
  const [mapStart, mapEnd] = map.range ?? [0, 0];
  if (text.slice(mapStart, mapEnd).includes('{{')) return refuse('templating ({{ }}) in the edited region', mapStart);
  const style = mapStyle(map, format);
  const first = map.items[0];
  const last = map.items[map.items.length - 1];

  if (map.flow) {
    if (!first || !last) {
      return { start: mapStart, end: mapEnd, text: `{${flowPair(rest, value, style.key, style.value)}}` };
    }
    const at = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range?.[1] ?? mapEnd;
    if (!text.slice(mapStart, mapEnd).includes('\n')) return { start: at, end: at, text: `, ${flowPair(rest, value, style.key, style.value)}` };
    // A multi-line flow map (JSON): one item a line, nested objects spelled out the same way.
    const itemColumn = columnOf(text, startOf(first.key));
    const unit = Math.max(1, itemColumn - lineIndent(text, mapStart));
    return { start: at, end: at, text: `,${eol}${' '.repeat(itemColumn)}${multiLineFlowPair(rest, value, style, itemColumn, unit, eol)}` };
  }

  if (!first || !last) return refuse('an empty block map', mapStart);
  const itemColumn = columnOf(text, startOf(first.key));
  const unit = parentColumn !== null && itemColumn > parentColumn ? itemColumn - parentColumn : 2;
  const lines = blockLines(rest, value, unit, style.key, style.value).map((line) => `${' '.repeat(itemColumn)}${line}`);
  const lastValue = last.value;
  const lastIsOneLine =
    lastValue === null ||
    (isScalar(lastValue) && lastValue.type !== Scalar.BLOCK_LITERAL && lastValue.type !== Scalar.BLOCK_FOLDED && !text.slice(startOf(lastValue), lastValue.range?.[1]).includes('\n'));
  if (lastIsOneLine) {
    const end = (lastValue as Node | null)?.range?.[1] ?? (last.key as Node).range?.[1] ?? mapEnd;
    const at = lineContentEnd(text, end);
    return { start: at, end: at, text: `${eol}${lines.join(eol)}` };
  }
  // Before the first key: the text already stands at the item column.
  const at = startOf(first.key);
  return { start: at, end: at, text: `${lines.join(eol).slice(itemColumn)}${eol}${' '.repeat(itemColumn)}` };
}

function multiLineFlowPair(rest: string[], value: ScalarValue, style: { key: 'plain' | 'double' | 'single'; value: 'plain' | 'double' | 'single' }, column: number, unit: number, eol: string): string {
  const [key, ...deeper] = rest;
  const renderedKey = renderScalar(key ?? '', style.key);
  if (deeper.length === 0) return `${renderedKey}: ${renderScalar(value, style.value)}`;
  const inner = multiLineFlowPair(deeper, value, style, column + unit, unit, eol);
  return `${renderedKey}: {${eol}${' '.repeat(column + unit)}${inner}${eol}${' '.repeat(column)}}`;
}

function parentKeyColumn(text: string, steps: { pair: { key: unknown } | null }[], depth: number): number | null {
  const parent = steps[depth - 1]?.pair;
  return parent ? columnOf(text, startOf(parent.key)) : null;
}

/** Whether an offset sits inside an unclosed `{` or `[` on its line: a crude but safe test. */
function isFlowContext(text: string, offset: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  return /[{[]/.test(line.replace(/"[^"]*"|'[^']*'/g, ''));
}
