import { parse, stringify } from 'yaml';

export type ScalarValue = string | number | boolean;
export type QuoteStyle = 'plain' | 'double' | 'single';

/** A plain scalar is only safe when YAML reads it back as exactly the same string. */
function plainIsSafe(value: string): boolean {
  if (value === '' || value.trim() !== value || /[\n\r\t]|: |\s#|^[-?:,[\]{}#&*!|>'"%@`]/.test(value) || value.endsWith(':')) return false;
  try {
    return parse(value) === value;
  } catch {
    return false;
  }
}

/** Renders a scalar in the wanted style, falling back to double quotes when the style cannot hold it. */
export function renderScalar(value: ScalarValue, style: QuoteStyle): string {
  if (typeof value !== 'string') return String(value);
  if (style === 'plain' && plainIsSafe(value)) return value;
  if (style === 'single' && !/[\n\r\t\\]/.test(value)) return `'${value.replaceAll("'", "''")}'`;
  return JSON.stringify(value);
}

/** Renders a key: plain when safe unless the siblings quote theirs. */
export function renderKey(key: string, style: QuoteStyle): string {
  return renderScalar(key, style);
}

/**
 * A nested value for insertion into a block map, as lines relative to the first key's column:
 * `{a: {b: "x"}}` becomes ["a:", "  b: x"] with unit 2.
 */
export function blockLines(path: readonly string[], value: ScalarValue, unit: number, keyStyle: QuoteStyle, valueStyle: QuoteStyle): string[] {
  return path.map((key, depth) => {
    const indent = ' '.repeat(depth * unit);
    const last = depth === path.length - 1;
    return `${indent}${renderKey(key, keyStyle)}:${last ? ` ${renderScalar(value, valueStyle)}` : ''}`;
  });
}

/** The same nested value in flow style: `a: {b: x}`. JSON style quotes every key. */
export function flowPair(path: readonly string[], value: ScalarValue, keyStyle: QuoteStyle, valueStyle: QuoteStyle): string {
  const [first, ...rest] = path;
  if (first === undefined) return renderScalar(value, valueStyle);
  const inner = rest.length === 0 ? renderScalar(value, valueStyle) : `{${flowPair(rest, value, keyStyle, valueStyle)}}`;
  return `${renderKey(first, keyStyle)}: ${inner}`;
}

/** Block YAML for a new document or list item, with the file's line ending. */
export function renderBlock(value: unknown, eol: string): string {
  const text = stringify(value, { lineWidth: 0, indent: 2, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
  return eol === '\n' ? text : text.replaceAll('\n', eol);
}
