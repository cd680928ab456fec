/**
 * Helm/Go template actions (`{{ }}`) masked so that a template reads as YAML with exactly the
 * same offsets and line breaks as its source: what the parser says about the masked text (node
 * positions, edit splices) holds character for character for the template itself.
 *
 * - an action inside a line becomes a plain token of the same length: U+E000, two characters
 *   that number the action, then U+E001 to the action's length (private-use characters, which no
 *   manifest contains, and which a plain scalar may hold);
 * - a line that holds only actions (`{{- if .Values.x }}`, `{{- include ... | nindent 8 }}`)
 *   becomes a comment of the same length: `#`, the number, U+E001...;
 * - a multi-line action keeps its line breaks (each of its lines becomes such a comment).
 *
 * Values read from the masked text get their actions back (unmaskValue), so a name written as
 * `{{ include "chart.fullname" . }}` reads as exactly that, and anything holding `{{` is unknown.
 */

const TOKEN_START = '\uE000';
const FILL = '\uE001';
const DIGIT_BASE = 0xe100;
/** Two digits of 256: enough for any template a person writes. */
const MAX_ACTIONS = 256 * 256;

export interface MaskedTemplate {
  /** The text with every action masked: the same length, line breaks at the same offsets. */
  text: string;
  /** Each action's source text, by number. */
  actions: string[];
  /** Start and end offset of each action, in order (`[start0, end0, start1, end1, ...]`). */
  regions: number[];
  /** For each action: whether it sits on lines that hold nothing else (masked as a comment). */
  wholeLine: boolean[];
}

function digits(index: number): string {
  return String.fromCharCode(DIGIT_BASE + (index >> 8), DIGIT_BASE + (index & 255));
}

/**
 * Where the action that opens at `start` ends (after its `}}`), or -1 when it never does.
 * Go string literals inside an action may hold `}}` (`{{ printf "}}" }}`): they are skipped.
 */
function actionEnd(text: string, start: number): number {
  let at = start + 2;
  // A comment (`{{/* ... */}}`, `{{- /* ... */ -}}`) holds any text, apostrophes and `}}` included.
  const comment = /^-?\s*\/\*/.exec(text.slice(at, at + 8));
  if (comment) {
    const close = text.indexOf('*/', at + comment[0].length);
    if (close === -1) return -1;
    at = close + 2;
  }
  while (at < text.length) {
    const char = text[at];
    if (char === '}' && text[at + 1] === '}') return at + 2;
    // A rune ('x') cannot hold `}}`: only strings are skipped.
    if (char === '"' || char === '`') {
      const close = char;
      at++;
      while (at < text.length && text[at] !== close) {
        // A raw string (backticks) has no escapes; the others do.
        if (text[at] === '\\' && close !== '`') at++;
        // An interpreted string never spans lines: the quote was not one.
        if (text[at] === '\n' && close !== '`') return -1;
        at++;
      }
    }
    at++;
  }
  return -1;
}

/** The actions of `text` as [start, end] pairs, or null when one is never closed. */
function findActions(text: string): number[] | null {
  const regions: number[] = [];
  let from = 0;
  for (let start = text.indexOf('{{', from); start !== -1; start = text.indexOf('{{', from)) {
    const end = actionEnd(text, start);
    if (end === -1) return null;
    regions.push(start, end);
    from = end;
  }
  return regions;
}

function nextLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line's content (before `\r\n` or `\n`). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline === -1 ? text.length : newline;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/**
 * The masked text of a template, or null when it has no action, an action is not closed, an
 * action inside a line spans lines (no same-length token could stand for it), or there are more
 * actions than tokens can number.
 */
export function maskTemplate(text: string): MaskedTemplate | null {
  if (!text.includes('{{')) return null;
  const regions = findActions(text);
  if (regions === null || regions.length === 0 || regions.length / 2 > MAX_ACTIONS) return null;
  const chars = text.split('');
  const actions: string[] = [];
  const wholeLine: boolean[] = [];
  // Whether an offset lies inside an action, to tell lines that hold only actions.
  const inAction = new Uint8Array(text.length);
  for (let i = 0; i < regions.length; i += 2) inAction.fill(1, regions[i]!, regions[i + 1]!);
  const onlyActions = (start: number, end: number) => {
    for (let at = start; at < end; at++) if (inAction[at] === 0 && text[at] !== ' ' && text[at] !== '\t') return false;
    return true;
  };

  for (let i = 0; i < regions.length; i += 2) {
    const start = regions[i]!;
    const end = regions[i + 1]!;
    const index = i / 2;
    actions.push(text.slice(start, end));
    const first = lineStart(text, start);
    const last = lineEnd(text, end);
    const whole = onlyActions(first, last);
    wholeLine.push(whole);
    const spansLines = text.slice(start, end).includes('\n');
    if (!whole && spansLines) return null;
    for (let at = start; at < end; at++) if (text[at] !== '\n' && text[at] !== '\r') chars[at] = FILL;
    if (!whole) {
      chars[start] = TOKEN_START;
      const number = digits(index);
      chars[start + 1] = number[0]!;
      chars[start + 2] = number[1]!;
      continue;
    }
    // Each line of the action starts a comment at its first character, unless an action before
    // it on the same line has started one already.
    for (let line = first; line < end; line = nextLine(text, line)) {
      let content = line;
      while (content < end && (text[content] === ' ' || text[content] === '\t')) content++;
      // The indentation inside a multi-line action stays, so the comment is not taken for content.
      for (let at = Math.max(line, start); at < content; at++) chars[at] = text[at]!;
      if (content < start || content >= end || chars[content] !== FILL) continue;
      chars[content] = '#';
      if (content === start) {
        const number = digits(index);
        chars[start + 1] = number[0]!;
        chars[start + 2] = number[1]!;
      }
    }
  }
  return { text: chars.join(''), actions, regions, wholeLine };
}

const TOKEN = /[\uE000#]([\uE100-\uE1FF])([\uE100-\uE1FF])\uE001*/g;
const MASK_CHARS = /[\uE000-\uE1FF]/;

/** A string with its tokens replaced by the actions they stand for. */
export function unmaskString(value: string, actions: readonly string[]): string {
  if (!MASK_CHARS.test(value)) return value;
  return value.replace(TOKEN, (token, high: string, low: string) => {
    const index = ((high.charCodeAt(0) - DIGIT_BASE) << 8) | (low.charCodeAt(0) - DIGIT_BASE);
    return actions[index] ?? token;
  });
}

/** A plain value read from masked text, with every token (in keys too) back to its action; a new value, the given one is not changed. */
export function unmaskValue(value: unknown, actions: readonly string[]): unknown {
  if (typeof value === 'string') return unmaskString(value, actions);
  if (Array.isArray(value)) return value.map((item) => unmaskValue(item, actions));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) result[unmaskString(key, actions)] = unmaskValue(entry, actions);
    return result;
  }
  return value;
}

/** Whether a value holds template text (or a mask token): such a value is unknown until rendered. */
export function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{') || MASK_CHARS.test(value);
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, entry]) => holdsTemplate(key) || holdsTemplate(entry));
  return false;
}
