import { yaml } from './yaml-library.js';

export type ScalarValue = string | number | boolean;
export type QuoteStyle = 'plain' | 'double' | 'single';
/** Inside `{ }` or `[ ]`, the characters `,[]{}` end a plain scalar. */
export type ScalarContext = 'block' | 'flow';

function readsBackAs(value: string, version: '1.1' | '1.2'): boolean {
  try {
    return yaml().parse(value, { version }) === value;
  } catch {
    return false;
  }
}

/**
 * The parser's answer for each value asked about: a run renders the same issuer URL, role ARN
 * or tenant id thousands of times, and each answer costs two parses with the yaml library. The
 * answer depends on the value alone. Cleared when it grows large, so memory stays bounded.
 */
const readsBack = new Map<string, boolean>();
const READS_BACK_LIMIT = 10_000;

function readsBackBoth(value: string): boolean {
  let known = readsBack.get(value);
  if (known === undefined) {
    if (readsBack.size >= READS_BACK_LIMIT) readsBack.clear();
    known = readsBackAs(value, '1.2') && readsBackAs(value, '1.1');
    readsBack.set(value, known);
  }
  return known;
}

/**
 * A plain scalar is only safe when it reads back as exactly the same string, both as YAML 1.2
 * (this library) and as YAML 1.1, which is what Kubernetes' own decoder speaks: there `yes`,
 * `on` and `0777` are not strings.
 */
export function plainIsSafe(value: string, context: ScalarContext = 'block'): boolean {
  if (value === '' || value.trim() !== value) return false;
  // The common cases, decided without a parser: a word starting with a letter that no YAML
  // version reads as a boolean or null (`y`, `n`, `yes`, `off`... are excluded), and a GUID
  // (client and tenant ids), which no YAML version reads as a number or a date.
  if (/^[A-Za-z][A-Za-z0-9_./-]*$/.test(value) && !/^(?:y|n|yes|no|on|off|true|false|null)$/i.test(value)) return true;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true;
  // Such a word with `:` inside and never `: ` (a placeholder `wimigrate-pending:<name>`, an ARN,
  // a URL): no YAML version reads a colon that is not followed by a space as a key, and only
  // numbers (which start with a digit) are sexagesimal in YAML 1.1. Flow context is stricter (below).
  if (context === 'block' && /^[A-Za-z][A-Za-z0-9_./-]*(?::+[A-Za-z0-9_./-]+)+$/.test(value)) return true;
  if (/^(?:y|n|yes|no|on|off|true|false|null|~)$/i.test(value)) return false;
  // Digits, signs, dots, `e`, `_` and `:` only: a number in YAML 1.2 or 1.1 (`1_000`, sexagesimal `1:30`)
  // or close enough that quoting is the safe answer, without loading a parser to ask.
  if (/^[-+.]?[0-9][0-9_.:eE+-]*$/.test(value)) return false;
  if (/[\x00-\x1f\x7f\u2028\u2029\uFEFF]|: |\s#|^[,[\]{}#&*!|>'"%@`]|^[-?:](?:[ \t]|$)|:$/.test(value)) return false;
  // Inside flow collections libyaml-based decoders (go-yaml, so Kubernetes) have rejected `:` in plain scalars.
  if (context === 'flow' && /[,[\]{}:]/.test(value)) return false;
  return readsBackBoth(value);
}

/**
 * Renders a scalar in the wanted style. A string that plain style cannot hold gets `quote`
 * (the siblings' quoting); single quotes cannot hold control characters, so those go double.
 */
export function renderScalar(value: ScalarValue, style: QuoteStyle, quote: 'double' | 'single' = 'double', context: ScalarContext = 'block'): string {
  if (typeof value !== 'string') return String(value);
  if (style === 'plain' && plainIsSafe(value, context)) return value;
  const wanted = style === 'plain' ? quote : style;
  if (wanted === 'single' && !/[\x00-\x1f\x7f\u2028\u2029]/.test(value)) return `'${value.replaceAll("'", "''")}'`;
  return JSON.stringify(value);
}

export interface PairStyle {
  key: QuoteStyle;
  value: QuoteStyle;
  quote: 'double' | 'single';
  context: ScalarContext;
}

/**
 * A nested value for insertion into a block map, as lines relative to the first key's column:
 * `{a: {b: "x"}}` becomes ["a:", "  b: x"] with unit 2.
 */
export function blockLines(path: readonly string[], value: ScalarValue, unit: number, style: PairStyle): string[] {
  return path.map((key, depth) => {
    const indent = ' '.repeat(depth * unit);
    const last = depth === path.length - 1;
    const renderedKey = renderScalar(key, style.key, style.quote, style.context);
    return `${indent}${renderedKey}:${last ? ` ${renderScalar(value, style.value, style.quote, style.context)}` : ''}`;
  });
}

/** The same nested value in flow style on one line: `a: {b: x}`. */
export function flowPair(path: readonly string[], value: ScalarValue, style: PairStyle): string {
  const [first, ...rest] = path;
  const flowStyle: PairStyle = { ...style, context: 'flow' };
  if (first === undefined) return renderScalar(value, style.value, style.quote, 'flow');
  const inner = rest.length === 0 ? renderScalar(value, style.value, style.quote, 'flow') : `{${flowPair(rest, value, flowStyle)}}`;
  return `${renderScalar(first, style.key, style.quote, 'flow')}: ${inner}`;
}

/**
 * A nested value in flow style spread over lines the way JSON is usually laid out: one entry a
 * line, `column` being where the first key goes and `unit` the step for each level.
 */
export function multiLineFlowPair(path: readonly string[], value: ScalarValue, style: PairStyle, column: number, unit: number, eol: string): string {
  const [key, ...deeper] = path;
  const renderedKey = renderScalar(key ?? '', style.key, style.quote, 'flow');
  if (deeper.length === 0) return `${renderedKey}: ${renderScalar(value, style.value, style.quote, 'flow')}`;
  const inner = multiLineFlowPair(deeper, value, style, column + unit, unit, eol);
  return `${renderedKey}: {${eol}${' '.repeat(column + unit)}${inner}${eol}${' '.repeat(column)}}`;
}

/**
 * Block YAML for a new document or list item, lines ending in `eol`. Every string that would not
 * read back as itself under YAML 1.2 and 1.1 alike is double-quoted, so that "true", "1", "yes"
 * or "on" stay strings for this library and for Kubernetes' decoder.
 */
export function renderBlock(value: unknown, eol: string, layout: { unit: number; indentSeq: boolean } = { unit: 2, indentSeq: true }): string {
  const simple = renderSimpleMap(value, layout.unit, 0);
  if (simple !== null) return simple.map((line) => `${line}${eol}`).join('');
  const { Document, visit } = yaml();
  const doc = new Document(value);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && !plainIsSafe(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  const text = doc.toString({ lineWidth: 0, indent: layout.unit, indentSeq: layout.indentSeq });
  return eol === '\n' ? text : text.replaceAll('\n', eol);
}

/**
 * Nested maps of non-empty scalars (a new ServiceAccount, say) rendered directly, spelled as the
 * yaml library would spell them but without building a document; null for anything else.
 */
function renderSimpleMap(value: unknown, unit: number, depth: number): string[] | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  if (entries.length === 0) return null;
  const indent = ' '.repeat(unit * depth);
  const lines: string[] = [];
  for (const [key, entry] of entries) {
    if (!plainIsSafe(key)) return null;
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') {
      if (entry === '' || (typeof entry === 'string' && /[\n\r]/.test(entry))) return null;
      lines.push(`${indent}${key}: ${renderScalar(entry, 'plain')}`);
      continue;
    }
    const nested = renderSimpleMap(entry, unit, depth + 1);
    if (nested === null) return null;
    lines.push(`${indent}${key}:`, ...nested);
  }
  return lines;
}

/** JSON for a new list item, each line after the first starting at `column`. */
export function renderJson(value: unknown, unit: number, column: number, eol: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(`${eol}${' '.repeat(column)}`);
}
