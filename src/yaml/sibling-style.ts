import { isScalar, Scalar, type YAMLMap } from 'yaml';
import type { SourceFormat } from '../model/document.js';
import type { QuoteStyle } from './render-values.js';

function styleOf(type: Scalar.Type | undefined): QuoteStyle {
  if (type === Scalar.QUOTE_DOUBLE) return 'double';
  if (type === Scalar.QUOTE_SINGLE) return 'single';
  return 'plain';
}

/** The quoting most siblings use; new keys and values copy it so an edit looks native. */
function dominantStyle(types: (Scalar.Type | undefined)[], fallback: QuoteStyle): QuoteStyle {
  const counts = { plain: 0, double: 0, single: 0 };
  for (const type of types) counts[styleOf(type)]++;
  if (counts.double === 0 && counts.single === 0) return fallback;
  return counts.single > counts.double ? 'single' : 'double';
}

export interface MapStyle {
  key: QuoteStyle;
  value: QuoteStyle;
}

export function mapStyle(map: YAMLMap<unknown, unknown>, format: SourceFormat): MapStyle {
  if (format === 'json') return { key: 'double', value: 'double' };
  const keys = map.items.map((pair) => (isScalar(pair.key) ? pair.key.type : undefined));
  const values = map.items.flatMap((pair) => (isScalar(pair.value) && typeof pair.value.value === 'string' ? [pair.value.type] : []));
  const keyStyle = keys.length > 0 && keys.every((type) => type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) ? dominantStyle(keys, 'plain') : 'plain';
  return { key: keyStyle, value: dominantStyle(values, 'plain') };
}

export function scalarStyle(scalar: Scalar, format: SourceFormat): QuoteStyle {
  return format === 'json' ? 'double' : styleOf(scalar.type);
}
