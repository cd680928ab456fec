import type { KubeObject, ManifestDocument, NodePath, SourceFormat } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import type { SourceLocation } from '../model/location.js';
import { readChunk, splitDocuments, type DocumentChunk, type PlainValueCache, type ReadChunk } from '../yaml/index.js';
import { hasTemplateActions, mayBeRelevant, mentionOf, relevantLines, serviceAccountNamesIn } from './relevance.js';
import { readTemplatedChunk } from './read-templated-chunk.js';
import { sourceFinding } from './source-findings.js';

export interface ParsedSource {
  documents: ManifestDocument[];
  findings: Finding[];
  /** YAML documents in the file that hold anything but comments, parsed or not. */
  documentCount: number;
  /**
   * Documents that only mention service accounts, not read yet: most of them (every app's own
   * service account, say) turn out not to matter, and the caller reads only those whose names
   * the migration will touch (see readDeferred).
   */
  deferred: DeferredChunk[];
  /**
   * Where the file's document chunks are (start, end and startLine of each, in order), so that
   * edits and the second pass do not split it again; numbers rather than chunk objects, since
   * they are kept for every file of the run (see chunksAt).
   */
  bounds: Int32Array;
  /** What was decided about each chunk (same order), for the second pass. */
  decisions: ChunkDecision[];
}

export interface DeferredChunk {
  file: string;
  format: SourceFormat;
  /** Where the document is; its text is cut from the file again when it is read, so that
   * thousands of unread documents hold no text of their own. */
  chunk: Omit<DocumentChunk, 'text'>;
  names: string[];
}

function deferredChunk(file: string, format: SourceFormat, chunk: DocumentChunk, names: string[]): DeferredChunk {
  return { file, format, chunk: { index: chunk.index, start: chunk.start, end: chunk.end, startLine: chunk.startLine }, names };
}

const HAS_CONTENT = /^(?!---|\.\.\.)[ \t]*[^\s#]/m;
const KUSTOMIZATION_FILE = /(?:^|[\\/])(?:kustomization\.ya?ml|Kustomization)$/;

/** The pattern only where the name can match: unanchored at its start, it tries every position of the path. */
function isKustomizationFile(file: string): boolean {
  return file.includes('ustomization') && KUSTOMIZATION_FILE.test(file);
}

/**
 * What reading decides about one document chunk from its text alone, before parsing it:
 * whether it counts as a document, and whether it is skipped (nothing relevant), reported as
 * templated (`lines` are 1-based within the chunk), deferred (it only names service accounts),
 * or read. It depends on nothing but the text (with the run's `alsoRead`, and whether the file is
 * a kustomization), so the second pass takes it over for every chunk of an edited file whose
 * text the edits left as it was.
 */
export type ChunkDecision = { counted: boolean } & (
  | { kind: 'skip' | 'read' }
  | { kind: 'templated'; lines: number[] }
  | { kind: 'deferred'; names: string[] }
);

// The decisions with nothing of their own are shared: a large repository has tens of thousands.
const SKIP = { counted: true, kind: 'skip' } as const;
const SKIP_EMPTY = { counted: false, kind: 'skip' } as const;
const READ = { counted: true, kind: 'read' } as const;
const READ_EMPTY = { counted: false, kind: 'read' } as const;

/** `always`: read whatever the text says (a kustomization matters for the namespace it sets). */
function decide(text: string, format: SourceFormat, alsoRead: RegExp | undefined, always: boolean): ChunkDecision {
  const counted = HAS_CONTENT.test(text);
  const mention = always ? 'also-read' : mentionOf(text, alsoRead);
  if (mention === null) return counted ? SKIP : SKIP_EMPTY;
  if (format === 'yaml' && hasTemplateActions(text)) return { counted, kind: 'templated', lines: relevantLines(text, 1) };
  const names = mention === 'service-account' ? serviceAccountNamesIn(text) : null;
  if (names !== null) return { counted, kind: 'deferred', names };
  return counted ? READ : READ_EMPTY;
}

/**
 * Turns the text of one file into Kubernetes objects with locations. Pure: the caller reads
 * the file. Documents that mention nothing an analyzer looks at are not parsed at all.
 * `alsoRead` names more documents to read in full (the images of known AWS-only components, say),
 * since those mention nothing else that marks them as relevant. `given` are the text's chunks
 * when the caller has them already (they must be exactly what splitting the text gives), and
 * `known` the decision already taken on a chunk of exactly the same text, when there was one;
 * `knownDocuments` the documents read from a chunk of the same text at the same place before.
 */
export function parseManifestText(
  file: string,
  text: string,
  format: SourceFormat,
  cache?: PlainValueCache,
  alsoRead?: RegExp,
  given?: DocumentChunk[],
  known?: (index: number) => ChunkDecision | undefined,
  knownDocuments?: (chunk: DocumentChunk) => readonly ManifestDocument[] | undefined,
): ParsedSource {
  const deferred: DeferredChunk[] = [];
  const documents: ManifestDocument[] = [];
  const findings: Finding[] = [];
  const chunks = given ?? chunksOf(text, format);
  const templatedLines: number[] = [];
  const decisions: ChunkDecision[] = [];
  let documentCount = 0;
  const isKustomization = isKustomizationFile(file);

  for (const chunk of chunks) {
    const decision = known?.(chunk.index) ?? decide(chunk.text, format, alsoRead, isKustomization);
    decisions.push(decision);
    if (decision.counted) documentCount++;
    if (decision.kind === 'skip') continue;
    if (decision.kind === 'templated') {
      // Read what can be read; report what cannot, and the settings that are themselves templated.
      const template = readTemplatedChunk(chunk, cache);
      if (template === null) for (const line of decision.lines) templatedLines.push(line + chunk.startLine);
      else {
        templatedLines.push(...template.templatedSettingLines);
        if (!template.read.isEmpty) documents.push(...objectsOf(file, format, template.read, template.value));
      }
      continue;
    }
    if (decision.kind === 'deferred') {
      deferred.push(deferredChunk(file, format, chunk, decision.names));
      continue;
    }
    const same = knownDocuments?.(chunk);
    if (same) {
      documents.push(...same);
      continue;
    }
    const read = readChunk(chunk, cache);
    // Templating that hides where the quick test does not look (or Terraform's `%{ }` and
    // `${ }` directives in a templatefile) still breaks the YAML: report it as templated.
    if (read.problem && format === 'yaml' && /\{\{|%\{|\$\{/.test(chunk.text)) {
      templatedLines.push(...relevantLines(chunk.text, chunk.startLine + 1));
      continue;
    }
    if (read.problem) {
      findings.push(sourceFinding('yaml-error', read.problem.message, { file, line: read.problem.line, col: read.problem.col }));
      continue;
    }
    if (!read.isEmpty) documents.push(...objectsOf(file, format, read, read.value));
  }

  if (templatedLines.length > 0) {
    const first = templatedLines[0] ?? 1;
    findings.push(
      sourceFinding(
        'templated-file',
        `Helm/Go template; pod identity or service account settings on line${templatedLines.length > 1 ? 's' : ''} ${templatedLines.join(', ')}`,
        { file, line: first, col: 1 },
      ),
    );
  }
  return { documents, findings, documentCount, deferred, bounds: boundsOf(chunks), decisions };
}

function boundsOf(chunks: readonly DocumentChunk[]): Int32Array {
  const bounds = new Int32Array(chunks.length * 3);
  chunks.forEach((chunk, index) => {
    bounds[index * 3] = chunk.start;
    bounds[index * 3 + 1] = chunk.end;
    bounds[index * 3 + 2] = chunk.startLine;
  });
  return bounds;
}

/** The chunks of a text at `bounds` (which must come from the same text), cut by `slice`. */
export function chunksAt(slice: (start: number, end: number) => string, bounds: Int32Array): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  for (let at = 0; at < bounds.length; at += 3) {
    const start = bounds[at]!;
    const end = bounds[at + 1]!;
    chunks.push({ index: at / 3, start, end, text: slice(start, end), startLine: bounds[at + 2]! });
  }
  return chunks;
}

/** A JSON file is one chunk; YAML splits at its document markers. */
export function chunksOf(text: string, format: SourceFormat): DocumentChunk[] {
  return format === 'json' ? [{ index: 0, start: 0, end: text.length, text, startLine: 0 }] : splitDocuments(text);
}

/**
 * Pod templates that mention nothing relevant. They matter only when their namespace's
 * `default` service account carries IRSA annotations, which is rare, so they are looked for
 * again only then rather than remembered for every file.
 */
export function unreadPodChunks(file: string, text: string, format: SourceFormat): DeferredChunk[] {
  const chunks = chunksOf(text, format);
  return chunks
    .filter((chunk) => !mayBeRelevant(chunk.text) && chunk.text.includes('containers') && !chunk.text.includes('{{'))
    .map((chunk) => deferredChunk(file, format, chunk, []));
}

/** Reads deferred documents; they hold neither templating nor aliases, so only YAML errors can occur. */
export function readDeferred(
  deferred: readonly DeferredChunk[],
  sliceOf: (file: string, start: number, end: number) => string,
  cache?: PlainValueCache,
): { documents: ManifestDocument[]; findings: Finding[] } {
  const documents: ManifestDocument[] = [];
  const findings: Finding[] = [];
  for (const { file, format, chunk: where } of deferred) {
    const chunk = { ...where, text: sliceOf(file, where.start, where.end) };
    const read = readChunk(chunk, cache);
    if (read.problem) findings.push(sourceFinding('yaml-error', read.problem.message, { file, line: read.problem.line, col: read.problem.col }));
    else if (!read.isEmpty) documents.push(...objectsOf(file, format, read, read.value));
  }
  return { documents, findings };
}

function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOperationList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item) && typeof item.op === 'string' && typeof item.path === 'string');
}

/** A `kind: List` yields its items, each addressed through `items.<n>`. */
function objectsOf(file: string, format: SourceFormat, parsed: ReadChunk, value: unknown): ManifestDocument[] {
  // A JSON 6902 patch file: kept as its operations, which a kustomization may name (read-json6902.ts).
  if (isOperationList(value)) return [manifestDocument(file, format, parsed, {}, [], value)];
  if (!isObject(value)) return [];
  if (value.kind === 'List' && Array.isArray(value.items)) {
    return value.items.flatMap((item, index) =>
      isObject(item) ? [manifestDocument(file, format, parsed, item, ['items', index])] : [],
    );
  }
  return [manifestDocument(file, format, parsed, value, [])];
}

function manifestDocument(
  file: string,
  format: SourceFormat,
  parsed: ReadChunk,
  object: KubeObject,
  pathPrefix: NodePath,
  operations?: unknown[],
): ManifestDocument {
  const doc = new ReadDocument(file, format, parsed, object, pathPrefix);
  // A JSON 6902 patch: the operations the document holds (its object is what they set).
  if (operations) doc.operations = operations;
  return doc;
}

/**
 * A class rather than an object with closures: a large repository keeps tens of thousands.
 * Positions cost a second parse, so they are computed only for documents that get reported.
 */
class ReadDocument implements ManifestDocument {
  readonly docIndex: number;
  operations?: unknown[];

  constructor(
    readonly file: string,
    readonly format: SourceFormat,
    private readonly parsed: ReadChunk,
    readonly object: KubeObject,
    readonly pathPrefix: NodePath,
  ) {
    this.docIndex = parsed.chunk.index;
  }

  get location(): SourceLocation {
    return this.locate([]);
  }

  locate(path: NodePath): SourceLocation {
    return { file: this.file, ...this.parsed.locate(this.pathPrefix.length === 0 ? path : [...this.pathPrefix, ...path]) };
  }
}
