import { canStartPlain, decline, plainValue, readQuoted, skipSpaces, type Inline } from './block-yaml-scalars.js';

/**
 * A flow collection on one line: `[]`, `{}`, a sequence of scalars (`[a, "b"]`) or a map of
 * scalars (`{kind: Deployment, name: "a"}`). Plain scalars in it may hold none of `: # [ ] { }`
 * (but the `: ` after a key), and nested collections, empty entries and trailing commas are
 * left to js-yaml.
 */
export function readFlow(text: string, open: number, end: number): Inline {
  const isMap = text.charCodeAt(open) === 123;
  const close = isMap ? 125 : 93;
  let at = skipSpaces(text, open + 1, end);
  if (at < end && text.charCodeAt(at) === close) return { value: isMap ? {} : [], after: at + 1 };
  const items: unknown[] = [];
  const map: Record<string, unknown> = {};
  for (;;) {
    const entry = readFlowScalar(text, at, end);
    at = skipSpaces(text, entry.after, end);
    if (isMap) {
      // js-yaml resolves a plain key like any scalar, then makes a string of it.
      const key = String(entry.value);
      if (text.charCodeAt(at) !== 58 || at + 1 >= end || text.charCodeAt(at + 1) !== 32) return decline();
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(map, key)) return decline();
      const value = readFlowScalar(text, skipSpaces(text, at + 1, end), end);
      map[key] = value.value;
      at = skipSpaces(text, value.after, end);
    } else items.push(entry.value);
    const next = at < end ? text.charCodeAt(at) : -1;
    if (next === close) return { value: isMap ? map : items, after: at + 1 };
    if (next !== 44) return decline(); // ,
    at = skipSpaces(text, at + 1, end);
  }
}

/** A quoted scalar, or a plain one up to `,`, `]`, `}` or a `: ` in a flow collection. */
function readFlowScalar(text: string, at: number, end: number): Inline {
  if (at >= end) return decline();
  const first = text.charCodeAt(at);
  if (first === 34 || first === 39) return readQuoted(text, at, end);
  if (!canStartPlain(text, at, end)) return decline(); // also an empty entry, or a trailing comma
  let last = at;
  let scan = at + 1;
  for (; scan < end; scan++) {
    const code = text.charCodeAt(scan);
    if (code === 44 || code === 93 || code === 125) break; // , ] }
    if (code === 58) {
      if (scan + 1 < end && text.charCodeAt(scan + 1) === 32) break;
      return decline();
    }
    if (code === 35 || code === 91 || code === 123) return decline(); // # [ {
    if (code !== 32) last = scan;
  }
  return { value: plainValue(text.slice(at, last + 1)), after: scan };
}
