import type { Scalar, YAMLMap } from 'yaml';
import { isScalar } from './yaml-library.js';
import type { SourceFormat } from '../model/document.js';
import type { PairStyle, QuoteStyle } from './render-values.js';

function styleOf(type: Scalar.Type | undefined): QuoteStyle {
  if (type === 'QUOTE_DOUBLE') return 'double';
  if (type === 'QUOTE_SINGLE') return 'single';
  return 'plain';
}

function isQuoted(type: Scalar.Type | undefined): boolean {
  return type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
}

/** The quote most quoted siblings use, for strings that cannot go plain. */
function dominantQuote(types: (Scalar.Type | undefined)[]): 'double' | 'single' {
  let single = 0;
  let double = 0;
  for (const type of types) {
    if (type === 'QUOTE_SINGLE') single++;
    if (type === 'QUOTE_DOUBLE') double++;
  }
  return single > double ? 'single' : 'double';
}

/**
 * How a new pair in `map` should be spelled so that it looks like its siblings: keys quoted
 * only when every sibling key is; string values quoted when any sibling string value is (a map
 * that quotes some values usually means to quote ids and the like), plain when safe otherwise;
 * and the siblings' quote character whenever quotes are used. JSON, and flow maps that quote their
 * keys (JSON written as YAML), get JSON spelling throughout.
 */
export function mapStyle(map: YAMLMap<unknown, unknown>, format: SourceFormat): PairStyle {
  const context = map.flow ? 'flow' : 'block';
  const keys = map.items.map((pair) => (isScalar(pair.key) ? pair.key.type : undefined));
  const allKeysQuoted = keys.length > 0 && keys.every(isQuoted);
  if (format === 'json' || (map.flow && allKeysQuoted && keys.every((type) => type === 'QUOTE_DOUBLE'))) {
    return { key: 'double', value: 'double', quote: 'double', context };
  }
  const values = map.items.flatMap((pair) => (isScalar(pair.value) && typeof pair.value.value === 'string' ? [pair.value.type] : []));
  const anyValueQuoted = values.some(isQuoted);
  const valueQuote = dominantQuote(values);
  return {
    key: allKeysQuoted ? dominantQuote(keys) : 'plain',
    value: anyValueQuoted ? valueQuote : 'plain',
    quote: values.some(isQuoted) ? valueQuote : dominantQuote(keys),
    context,
  };
}

/** The style a replaced scalar keeps: its own, or JSON's double quotes. */
export function scalarStyle(scalar: Scalar, format: SourceFormat): QuoteStyle {
  return format === 'json' ? 'double' : styleOf(scalar.type);
}
