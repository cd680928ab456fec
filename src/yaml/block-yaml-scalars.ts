import jsyaml from 'js-yaml';

/**
 * One-line scalars and keys for read-block-yaml.ts (and its flow and literal readers), each
 * giving exactly what js-yaml (YAML 1.2 core schema) gives, or declining (throwing DECLINE)
 * whenever that is not certain: readBlockYaml then lets js-yaml read the whole document.
 */

/** Thrown to give up; caught by readBlockYaml only. A constant: no stack trace to capture. */
export const DECLINE: { readonly declined: true } = Object.freeze({ declined: true });

export function decline(): never {
  throw DECLINE;
}

interface ScalarType {
  resolve(data: string): boolean;
  construct(data: string): unknown;
}

/**
 * js-yaml's own implicit types of its core schema, in the order it tries them (schema/json.js).
 * js-yaml exports them as `types`, which its type declarations leave out.
 */
const { types } = jsyaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float', ScalarType> };
const CORE_TYPES = [types.null, types.bool, types.int, types.float];

/**
 * The value of a plain scalar. Only those that start with a digit, a sign, a dot, `~` or the
 * first letter of null/true/false (then four or five letters long) can be anything but a string
 * in the core schema; js-yaml's own types decide for those, so that every number form (`0o10`,
 * `0x1F`, `.inf`, `-0`, `1e3`) comes out as js-yaml makes it. Short runs of decimal digits
 * without a leading zero, the commonest numbers (ports, replicas), are read at once: js-yaml
 * gives parseInt of them too.
 */
export function plainValue(source: string): unknown {
  const first = source.charCodeAt(0);
  if (first >= 49 && first <= 57 && source.length <= 15) {
    let at = 1;
    while (at < source.length && isDigit(source.charCodeAt(at))) at++;
    if (at === source.length) return Number.parseInt(source, 10);
  }
  const mayBeTyped =
    (first >= 48 && first <= 57) || // 0-9
    first === 43 || // +
    first === 45 || // -
    first === 46 || // .
    first === 126 || // ~
    ((source.length === 4 || source.length === 5) &&
      (first === 110 || first === 78 || first === 116 || first === 84 || first === 102 || first === 70)); // n N t T f F
  if (!mayBeTyped) return source;
  for (const type of CORE_TYPES) {
    if (type.resolve(source)) return type.construct(source);
  }
  return source;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Keys read before, by length and first character. A key that is one of them comes back as that
 * very string, which the engine has internalized on its first use as a property name: storing it
 * in a map then needs no hashing, and no slice of the text is made. Kept small: a manifest has
 * few distinct keys, and they repeat across documents.
 */
const KNOWN_KEYS = new Map<number, string[]>();
let knownKeyCount = 0;
const MAX_KNOWN_KEYS = 4096;
const MAX_KEYS_IN_SLOT = 16;

/** The key a plain scalar in [start, end) makes: js-yaml resolves it like any scalar, then makes a string of it (`1.0: a` is "1"). */
export function plainKey(text: string, start: number, end: number): string {
  const slot = (end - start) * 65536 + text.charCodeAt(start);
  const known = KNOWN_KEYS.get(slot);
  if (known !== undefined) {
    for (const candidate of known) if (text.startsWith(candidate, start)) return candidate;
  }
  const source = text.slice(start, end);
  const key = String(plainValue(source));
  if (key === source && knownKeyCount < MAX_KNOWN_KEYS && (known === undefined || known.length < MAX_KEYS_IN_SLOT)) {
    // A copy of its own: a slice would keep this document's whole text alive for the process.
    const own = [...source].join('');
    if (known === undefined) KNOWN_KEYS.set(slot, [own]);
    else known.push(own);
    knownKeyCount++;
  }
  return key;
}

/**
 * Whether a plain scalar may start at `at` (js-yaml's readPlainScalar). `-`, `?` and `:` start
 * one only before a non-space, but `?x` and `:x` are rare enough to leave to js-yaml.
 */
export function canStartPlain(text: string, at: number, end: number): boolean {
  switch (text.charCodeAt(at)) {
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case 58: // :
      return false;
    case 45: // -
      return at + 1 < end && text.charCodeAt(at + 1) !== 32;
    default:
      return true;
  }
}

/** A scalar or collection read on one line, and the offset just after it. */
export interface Inline {
  value: unknown;
  after: number;
}

/** A quoted scalar opening at `open` and closed on the same line (before `end`). */
export function readQuoted(text: string, open: number, end: number): Inline {
  return text.charCodeAt(open) === 39 ? readSingleQuoted(text, open, end) : readDoubleQuoted(text, open, end);
}

function readSingleQuoted(text: string, open: number, end: number): Inline {
  let value = '';
  let from = open + 1;
  for (let at = from; at < end; at++) {
    if (text.charCodeAt(at) !== 39) continue;
    if (at + 1 < end && text.charCodeAt(at + 1) === 39) {
      // `''` is one quote: keep the first, skip the second.
      value += text.slice(from, at + 1);
      from = at + 2;
      at++;
      continue;
    }
    return { value: value + text.slice(from, at), after: at + 1 };
  }
  return decline(); // a multi-line scalar
}

function readDoubleQuoted(text: string, open: number, end: number): Inline {
  let value = '';
  let from = open + 1;
  for (let at = from; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === 34) return { value: value + text.slice(from, at), after: at + 1 };
    if (code !== 92) continue; // backslash
    value += text.slice(from, at);
    at++;
    const escape = at < end ? text.charCodeAt(at) : -1;
    const simple = escape >= 0 && escape < 128 ? SIMPLE_ESCAPES[escape] : undefined;
    if (simple !== undefined) value += simple;
    else {
      const length = escape === 120 ? 2 : escape === 117 ? 4 : escape === 85 ? 8 : 0; // x u U
      if (length === 0 || at + length >= end) return decline(); // unknown escape, or an escaped line break
      let codePoint = 0;
      for (let digit = 1; digit <= length; digit++) {
        const hex = hexDigit(text.charCodeAt(at + digit));
        if (hex < 0) return decline();
        codePoint = codePoint * 16 + hex;
      }
      if (codePoint > 0x10ffff) return decline();
      value += String.fromCodePoint(codePoint);
      at += length;
    }
    from = at + 1;
  }
  return decline(); // a multi-line scalar
}

/** js-yaml's simpleEscapeSequence, but for `\<tab>`: tabs never reach this reader. */
const SIMPLE_ESCAPES: (string | undefined)[] = [];
for (const [char, meaning] of [
  ['0', '\x00'], ['a', '\x07'], ['b', '\x08'], ['t', '\x09'], ['n', '\x0A'], ['v', '\x0B'],
  ['f', '\x0C'], ['r', '\x0D'], ['e', '\x1B'], [' ', ' '], ['"', '"'], ['/', '/'],
  ['\\', '\\'], ['N', '\x85'], ['_', '\xA0'], ['L', '\u2028'], ['P', '\u2029'],
] as const) {
  SIMPLE_ESCAPES[char.charCodeAt(0)] = meaning;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

export function skipSpaces(text: string, at: number, end: number): number {
  let position = at;
  while (position < end && text.charCodeAt(position) === 32) position++;
  return position;
}
