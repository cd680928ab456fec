import { emptyDocument, isMarker } from './block-yaml-document.js';
import { readFlow } from './block-yaml-flow.js';
import { readLiteral } from './block-yaml-literal.js';
import { canStartPlain, decline, DECLINE, plainKey, plainValue, readQuoted, skipSpaces, type Inline } from './block-yaml-scalars.js';

/**
 * The value of one plain block-style YAML document, as js-yaml (YAML 1.2 core schema) reads it,
 * read line by line without building any tree: nearly every Kubernetes manifest is block maps
 * and lists of one-line scalars, and js-yaml's general machinery was the largest single cost of
 * a migration. Beside those it reads literal block scalars (`|`) and one-line flow collections
 * of scalars. It returns null whenever the text uses anything it does not handle with certainty
 * (anchors, aliases, tags, folded or multi-line scalars, nested flow collections, tabs, a second
 * document, and every error js-yaml would throw on), and the caller asks js-yaml. Strings in the
 * value are slices of `text`.
 */
export function readBlockYaml(text: string): { value: unknown } | null {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Characters js-yaml rejects, or that this reader leaves to it (tabs, odd line breaks), in one
  // pass of the regex engine rather than a check per character.
  if (UNHANDLED_CHARACTERS.test(bom === 1 ? text.slice(1) : text)) return null;
  if (text.includes('\r') && LONE_CARRIAGE_RETURN.test(text)) return null;
  try {
    return { value: new BlockReader(text).read(bom) };
  } catch (error) {
    if (error === DECLINE) return null;
    throw error;
  }
}

const UNHANDLED_CHARACTERS = /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;
const LONE_CARRIAGE_RETURN = /\r(?!\n)/;

/**
 * An offset past any text, for "not found": a small integer rather than Infinity, so that the
 * engine keeps the offset fields as integers instead of boxing them as doubles.
 */
const NONE = 0x3fffffff;

/** Deeper documents are left to js-yaml, which counts its own nesting limit differently. */
const MAX_DEPTH = 40;

/**
 * A cursor on the current line with content (blank and comment-only lines are skipped) and the
 * recursive reading of the block collections that start on it. A class: one small object per
 * document, with the line's offsets in fields rather than a new object per line.
 */
class BlockReader {
  private lineStart = 0;
  /** The line's first non-space character. */
  private content = 0;
  /** Before the line break (and before a CR of CRLF). */
  private end = 0;
  private next = 0;
  private indent = 0;
  private atEnd = false;
  private depth = 0;
  /** Where the value after the key that tryKey read starts. */
  private valueAt = 0;

  /**
   * The next `#` and the next `: ` at or after the offsets they were last looked for from, found
   * by indexOf (in the engine's native code, fast even before the JIT warms up) and kept, as the
   * reader mostly moves forward: each document is searched about once for each.
   */
  private hashFrom = NONE;
  private hash = -1;
  private colonSpaceFrom = NONE;
  private colonSpace = -1;

  constructor(private readonly text: string) {}

  /** Where a comment (a `#` after a space) starts in [from, end), or `end`. */
  private commentIn(from: number, end: number): number {
    for (let at = from; ; at = this.hash + 1) {
      if (at < this.hashFrom || this.hash < at) {
        const found = this.text.indexOf('#', at);
        this.hashFrom = at;
        this.hash = found === -1 ? NONE : found;
      }
      if (this.hash >= end) return end;
      if (this.text.charCodeAt(this.hash - 1) === 32) return this.hash;
    }
  }

  /** The next `: ` at or after `from` (NONE when none). */
  private colonSpaceAfter(from: number): number {
    if (from < this.colonSpaceFrom || this.colonSpace < from) {
      const found = this.text.indexOf(': ', from);
      this.colonSpaceFrom = from;
      this.colonSpace = found === -1 ? NONE : found;
    }
    return this.colonSpace;
  }

  read(bom: number): unknown {
    this.next = bom;
    this.advance(true);
    if (this.atEnd) return emptyDocument(this.text, bom);
    const value = this.node(this.indent, this.content);
    if (!this.atEnd) decline();
    return value;
  }

  /**
   * Moves to the next line with content, or sets atEnd. A document marker may only be the first
   * such line (`---`, nothing after it but a comment); splitDocuments starts each chunk with it.
   */
  private advance(markerAllowed = false): void {
    const text = this.text;
    let start = this.next;
    let allowed = markerAllowed;
    while (start < text.length) {
      const newline = text.indexOf('\n', start);
      const next = newline === -1 ? text.length : newline + 1;
      let end = newline === -1 ? text.length : newline;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let content = start;
      while (content < end && text.charCodeAt(content) === 32) content++;
      const lineStart = start;
      start = next;
      if (content === end || text.charCodeAt(content) === 35) continue; // blank, or a comment
      if (content === lineStart && isMarker(text, content)) {
        const rest = skipSpaces(text, content + 3, end);
        // Only `---` alone (or before a comment) and only first: a later one starts another document.
        if (!allowed || text.charCodeAt(content) !== 45 || (rest < end && (rest === content + 3 || text.charCodeAt(rest) !== 35))) decline();
        allowed = false;
        continue;
      }
      this.lineStart = lineStart;
      this.content = content;
      this.end = end;
      this.next = next;
      this.indent = content - lineStart;
      return;
    }
    this.next = text.length;
    this.atEnd = true;
  }

  /** The block map or list starting at `at` on the current line, in column `column`. */
  private node(column: number, at: number): unknown {
    if (this.isDash(at)) return this.sequence(column, at);
    const key = this.tryKey(at);
    if (key === null) return decline(); // a scalar on a line of its own
    return this.mapping(column, key);
  }

  /** A `-` that starts a list entry: followed by a space or the end of the line. */
  private isDash(at: number): boolean {
    return this.text.charCodeAt(at) === 45 && (at + 1 === this.end || this.text.charCodeAt(at + 1) === 32);
  }

  /** A block map in `column` whose first key (on the current line) is read already. */
  private mapping(column: number, firstKey: string): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) decline();
    const map: Record<string, unknown> = {};
    let key = firstKey;
    let count = 0;
    for (;;) {
      // js-yaml sets `__proto__` in a way of its own, and `<<` is a merge key in other schemas.
      if (key === '__proto__' || key === '<<') decline();
      map[key] = this.value(column, this.valueAt, false);
      count++;
      if (this.atEnd || this.indent < column) break;
      if (this.indent > column) decline(); // bad indentation, or a plain scalar's next line
      const next = this.tryKey(this.content);
      if (next === null) decline(); // a list entry or a scalar where a key must be
      key = next;
    }
    // A duplicate key, on which js-yaml throws, left fewer keys than entries. (Counting once is
    // cheaper than looking each key up: the engine caches the keys of a map's shape.)
    if (Object.keys(map).length !== count) decline();
    this.depth--;
    return map;
  }

  /** A block list in `column` whose first `-` is at `at` on the current line. */
  private sequence(column: number, at: number): unknown[] {
    if (++this.depth > MAX_DEPTH) decline();
    const list: unknown[] = [];
    let dash = at;
    for (;;) {
      const item = skipSpaces(this.text, dash + 1, this.end);
      if (item < this.end && this.text.charCodeAt(item) !== 35) {
        // Content on the dash's line: a nested list or map starts in its column (`- name: a`).
        const itemColumn = item - this.lineStart;
        if (this.isDash(item)) list.push(this.sequence(itemColumn, item));
        else {
          const key = this.tryKey(item);
          list.push(key === null ? this.value(column, item, true) : this.mapping(itemColumn, key));
        }
      } else {
        const entry = this.value(column, item, true);
        list.push(entry);
        // After an empty entry js-yaml reads the next `-` line as this list's, however little
        // it is indented: a quirk not worth copying.
        if (entry === null && !this.atEnd && this.indent < column && this.isDash(this.content)) decline();
      }
      if (this.atEnd || this.indent < column) break;
      if (this.indent > column) decline(); // bad indentation, or a plain scalar's next line
      dash = this.content;
      if (!this.isDash(dash)) break; // the map this list is the value of goes on
    }
    this.depth--;
    return list;
  }

  /**
   * The value after a key or a dash, `at` being its first non-space character (or the line's
   * end): a one-line scalar there, else the block node on the next lines, else null. Leaves the
   * cursor on the next line with content.
   */
  private value(column: number, at: number, inList: boolean): unknown {
    if (at < this.end && this.text.charCodeAt(at) !== 35) {
      let value: unknown;
      if (this.text.charCodeAt(at) === 124) {
        // A literal block scalar (`|`): its lines are content, not lines for advance().
        const literal = readLiteral(this.text, at, this.end, column);
        value = literal.value;
        this.next = literal.after;
      } else value = this.inline(at);
      this.advance();
      return value;
    }
    this.advance();
    if (this.atEnd) return null;
    if (this.indent > column) return this.node(this.indent, this.content);
    // A list may sit in its key's own column (`containers:` then `- name: a`).
    if (!inList && this.indent === column && this.isDash(this.content)) return this.sequence(column, this.content);
    return null;
  }

  /** A scalar or flow collection that is the rest of the current line (but a comment). */
  private inline(at: number): unknown {
    const text = this.text;
    const end = this.end;
    const first = text.charCodeAt(at);
    let read: Inline;
    if (first === 34 || first === 39) read = readQuoted(text, at, end);
    else if (first === 91 || first === 123) read = readFlow(text, at, end);
    else {
      if (!canStartPlain(text, at, end)) decline();
      // A plain scalar ends at ` #`; a `: ` in it would make it a key (`a: b: c` is an error).
      let last = this.commentIn(at, end) - 1;
      while (text.charCodeAt(last) === 32) last--;
      if (this.colonSpaceAfter(at) < last || text.charCodeAt(last) === 58) decline();
      return plainValue(text.slice(at, last + 1));
    }
    const rest = skipSpaces(text, read.after, end);
    if (rest < end && (rest === read.after || text.charCodeAt(rest) !== 35)) decline();
    return read.value;
  }

  /**
   * The key of a `key: value` entry starting at `at`, leaving where its value starts in valueAt;
   * null when the line holds no key there (a scalar, or a flow collection).
   */
  private tryKey(at: number): string | null {
    const text = this.text;
    const end = this.end;
    const first = text.charCodeAt(at);
    let key: string;
    let colon: number;
    if (first === 34 || first === 39) {
      const quoted = readQuoted(text, at, end);
      colon = skipSpaces(text, quoted.after, end);
      if (colon >= end || text.charCodeAt(colon) !== 58) return null;
      key = quoted.value as string;
    } else {
      if (!canStartPlain(text, at, end)) return null;
      // The first `: ` (or a `:` ending the line) ends the key, unless a comment starts before.
      colon = this.colonSpaceAfter(at);
      if (colon >= end) {
        if (text.charCodeAt(end - 1) !== 58) return null;
        colon = end - 1;
      }
      if (this.commentIn(at, colon) < colon) return null;
      let last = colon - 1;
      while (text.charCodeAt(last) === 32) last--;
      key = plainKey(text, at, last + 1);
    }
    if (colon + 1 < end && text.charCodeAt(colon + 1) !== 32) return null;
    this.valueAt = skipSpaces(text, colon + 1, end);
    return key;
  }
}
