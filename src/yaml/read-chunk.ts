import jsyaml from 'js-yaml';
import type { NodePath } from '../model/document.js';
import { locateInBlock } from './block-outline.js';
import { readBlockYaml } from './read-block-yaml.js';
import { parseChunk, positionInFile, toPlainValue, type ParsedChunk, type YamlProblem } from './parse-chunk.js';
import type { DocumentChunk } from './split-documents.js';

/** The plain value of one document, with node positions worked out only when asked for. */
export interface ReadChunk {
  chunk: DocumentChunk;
  value: unknown;
  /** Set when the document is not valid YAML (or is an alias bomb); `value` is then undefined. */
  problem: YamlProblem | null;
  isEmpty: boolean;
  locate(path: NodePath): { line: number; col: number };
}

/** An alias (`*name`) in the text; such documents take the careful path with alias limits. */
const ALIAS = /(?:^|[\s,[{:-])\*[\w.-]/m;

/**
 * Plain values by document text, shared by one run's reads, edits, read-backs and second pass,
 * so that no document text is parsed twice. Values in it are shared: never mutate them.
 */
export type PlainValueCache = Map<string, { value: unknown } | null>;

/**
 * The plain value of one document's text, the fast way when it has no aliases: the line reader
 * for plain block YAML (read-block-yaml.ts, several times faster), else js-yaml (YAML 1.2 core
 * schema, which the line reader agrees with); null when neither can say, and the yaml library
 * must.
 */
export function fastPlainValue(text: string, cache?: PlainValueCache): { value: unknown } | null {
  const known = cache?.get(text);
  if (known !== undefined) return known;
  let result: { value: unknown } | null = null;
  // includes() first: most documents have no `*` at all, and it is far cheaper than the regex.
  if (!(text.includes('*') && ALIAS.test(text))) {
    // Its strings are slices of `text`, which the run keeps anyway: nothing to detach.
    result = readBlockYaml(text);
    if (result === null) {
      try {
        result = { value: detachStrings(jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }), copiesFor(cache)) };
      } catch {
        result = null;
      }
    }
  }
  cache?.set(text, result);
  return result;
}

/** Strings this short are copied rather than sliced by the engine. */
const SHORTEST_SLICE = 13;

/**
 * js-yaml reads a copy of the text it is given (it appends a terminator), and every longer string
 * it returns is the engine's slice of that copy: one kept value would keep the whole copy, a
 * second copy of every document read (about 20 MB at 80,000 documents). Each such string is
 * replaced, in place while the value is still only the parser's, by a copy of its own, shared by
 * every equal string of the run (`copies`): names, labels and images repeat across documents.
 */
function detachStrings<T>(value: T, copies: Map<string, string>): T {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (typeof item === 'string') {
        if (item.length >= SHORTEST_SLICE) value[index] = sharedCopy(item, copies);
      } else if (typeof item === 'object' && item !== null) detachStrings(item, copies);
    }
  } else if (typeof value === 'object' && value !== null) {
    const fields = value as Record<string, unknown>;
    for (const key in fields) {
      const field = fields[key];
      if (typeof field === 'string') {
        if (field.length >= SHORTEST_SLICE) fields[key] = sharedCopy(field, copies);
      } else if (typeof field === 'object' && field !== null) detachStrings(field, copies);
    }
  }
  return value;
}

/** The run's copies of strings, kept with its value cache (a run without one shares none). */
const copiesByCache = new WeakMap<PlainValueCache, Map<string, string>>();

function copiesFor(cache: PlainValueCache | undefined): Map<string, string> {
  if (!cache) return new Map();
  let copies = copiesByCache.get(cache);
  if (!copies) copiesByCache.set(cache, (copies = new Map()));
  return copies;
}

function sharedCopy(text: string, copies: Map<string, string>): string {
  let copy = copies.get(text);
  if (copy === undefined) {
    copy = ownCopy(text);
    copies.set(copy, copy);
  }
  return copy;
}

/**
 * A string with characters of its own: the join is a rope until its first read makes the engine
 * copy it flat, and the garbage collector then drops the rope for the copy.
 */
function ownCopy(text: string): string {
  const copy = text.slice(0, 1) + text.slice(1);
  copy.charCodeAt(0);
  return copy;
}

/**
 * Reads a document as fast as possible: js-yaml (YAML 1.2 core schema, as the yaml library
 * reads it) for the value, several times faster than building the yaml library's node tree.
 * Positions come from a line scanner for plain block layouts (block-outline.ts); the yaml
 * library's node tree is only built when that scanner is unsure, when the text has aliases, or
 * when js-yaml rejects the text, so that errors carry the same messages and positions everywhere.
 */
export function readChunk(chunk: DocumentChunk, cache?: PlainValueCache): ReadChunk {
  const fast = fastPlainValue(chunk.text, cache);
  if (fast) return new ChunkReading(chunk, fast.value, null, fast.value === undefined || fast.value === null);
  // Otherwise the yaml library says what is wrong, and where.
  const reading = new ChunkReading(chunk, undefined, null, false);
  const full = reading.tree();
  if (full.isEmpty) reading.isEmpty = true;
  else if (full.errors[0]) reading.problem = full.errors[0];
  else {
    const plain = toPlainValue(full);
    if (plain.ok) reading.value = plain.value;
    else reading.problem = plain.problem;
  }
  return reading;
}

/** A class rather than closures: a large repository keeps tens of thousands of them. */
class ChunkReading implements ReadChunk {
  /** The yaml library's node tree, built only when positions need it. */
  private parsed: ParsedChunk | undefined;

  constructor(
    readonly chunk: DocumentChunk,
    public value: unknown,
    public problem: YamlProblem | null,
    public isEmpty: boolean,
  ) {}

  tree(): ParsedChunk {
    return (this.parsed ??= parseChunk(this.chunk));
  }

  locate(path: NodePath): { line: number; col: number } {
    const fast = locateInBlock(this.chunk.text, path);
    if (fast === null) return this.tree().locate(path);
    return positionInFile(this.chunk, fast.found ? fast.offset : fast.nearest);
  }
}
