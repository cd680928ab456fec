import type { AwsComponent } from '../analyzers/analyzer-options.js';
import { ROLE_ARN_ANNOTATION } from '../analyzers/inventory/read-irsa.js';
import { metadataOf } from '../analyzers/object-fields.js';
import type { ManifestDocument } from '../model/document.js';
import type { DocumentChunk } from '../yaml/index.js';
import type { Finding } from '../model/finding.js';
import { parseManifestText, readDeferred, unreadPodChunks, type DeferredChunk, type ParsedSource } from '../sources/parse-manifest-text.js';
import { chunksFromPieces } from './chunks-from-pieces.js';
import type { MigrationOptions } from './run-migration.js';
import { sliceOfSource, type SourceText } from './source-text.js';
import { mentionsAny, serviceAccountsInPlay } from './service-accounts-in-play.js';

/** Files the first pass edited: the chunk texts each was assembled from, and how it was read before. */
export interface EditedFiles {
  pieces: ReadonlyMap<string, readonly string[]>;
  earlier: ReadonlyMap<string, ParsedSource>;
  /** Which pieces of each file an edit changed (FileChange.editedPieces); the others are its old chunks. */
  editedPieces: ReadonlyMap<string, readonly number[]>;
}

export interface ReadDocuments {
  parsed: Map<string, ParsedSource>;
  documents: ManifestDocument[];
  findings: Finding[];
}

/**
 * Every document the migration needs, and no more: those about pod identity or IRSA first;
 * then those that only mention service accounts, when they name one in play; then, only when a
 * namespace's `default` service account carries IRSA, the pods that name no account at all.
 * Files already parsed (the second pass, for unchanged files) are reused; edited files are read
 * from the pieces they were assembled from (chunksFromPieces).
 */
export function readDocuments(
  sources: readonly SourceText[],
  options: MigrationOptions,
  reuse?: ReadonlyMap<string, ParsedSource>,
  edited?: EditedFiles,
): ReadDocuments {
  const parsed = new Map<string, ParsedSource>();
  const documents: ManifestDocument[] = [];
  const findings: Finding[] = [];
  const deferred: DeferredChunk[] = [];
  const alsoRead = componentImages(options.analyzer.awsComponents ?? []);
  for (const source of sources) {
    const result = reuse?.get(source.file) ?? parseSource(source, options, alsoRead, edited);
    parsed.set(source.file, result);
    documents.push(...result.documents);
    findings.push(...result.findings);
    deferred.push(...result.deferred);
  }
  // The inventory that decides which deferred documents matter is only built when there are some.
  const inPlay = deferred.length > 0 ? serviceAccountsInPlay(documents, options.analyzer, options.plan.serviceAccountName) : new Set<string>();
  // EKS Pod Identity associations name their service accounts outside the manifests.
  for (const association of options.plan.aws.associations) inPlay.add(association.serviceAccount);
  const unreadPods = documents.some(isIrsaDefaultServiceAccount) ? sources.flatMap((source) => unreadPodChunks(source.file, source.text, source.format)) : [];
  // Trust policies may name service accounts by wildcard: every account must be known to expand them.
  const readAll = options.plan.aws.trust.length > 0;
  const wanted = [...deferred.filter((chunk) => readAll || mentionsAny(chunk, inPlay)), ...unreadPods];
  if (wanted.length > 0) {
    const byFile = new Map(sources.map((source) => [source.file, source]));
    const late = readDeferred(wanted, (file, start, end) => {
      const source = byFile.get(file);
      return source ? sliceOfSource(source, start, end) : '';
    }, options.cache);
    documents.push(...late.documents);
    findings.push(...late.findings);
  }
  return { parsed, documents, findings };
}

/**
 * Reads one file. An edited file is read from the chunks it was assembled from: a piece no edit
 * changed is the first pass's chunk of the same index, character for character (applyEdits), so
 * its chunk takes over the decision the first pass took on it, and is not searched for markers.
 */
function parseSource(source: SourceText, options: MigrationOptions, alsoRead: RegExp | undefined, edited: EditedFiles | undefined): ParsedSource {
  const pieces = edited?.pieces.get(source.file);
  if (!pieces) return parseManifestText(source.file, source.text, source.format, options.cache, alsoRead);
  const earlier = edited?.earlier.get(source.file);
  const changed = new Set(edited?.editedPieces.get(source.file) ?? pieces.keys());
  const bounds = earlier?.bounds ?? new Int32Array(0);
  const chunkCount = bounds.length / 3;
  const unchanged = (piece: number) => piece < chunkCount && !changed.has(piece);
  // Line breaks in an old chunk: where the next one starts, less where it did (the last is counted).
  const lineBreaksOf = (piece: number) => (unchanged(piece) && piece + 1 < chunkCount ? bounds[piece * 3 + 5]! - bounds[piece * 3 + 2]! : undefined);
  const { chunks, pieceOf } = chunksFromPieces(pieces, source.format, lineBreaksOf);
  // The first pass's chunk whose text this chunk is, if any.
  const earlierChunk = (index: number) => {
    const piece = pieceOf[index];
    return piece !== undefined && unchanged(piece) ? piece : undefined;
  };
  const known = (index: number) => {
    const piece = earlierChunk(index);
    return piece === undefined ? undefined : earlier?.decisions[piece];
  };
  // Documents read from such a chunk are the same documents when the chunk is still where it was
  // (same index and line), and so are the inventory entries read from them (read-document-entry.ts).
  let earlierDocuments: Map<number, ManifestDocument[]> | undefined;
  const knownDocuments = (chunk: DocumentChunk) => {
    const piece = earlierChunk(chunk.index);
    if (piece !== chunk.index || bounds[piece * 3] !== chunk.start || bounds[piece * 3 + 2] !== chunk.startLine) return undefined;
    earlierDocuments ??= documentsByIndex(earlier?.documents ?? []);
    return earlierDocuments.get(chunk.index);
  };
  return parseManifestText(source.file, source.text, source.format, options.cache, alsoRead, chunks, known, knownDocuments);
}

function documentsByIndex(documents: readonly ManifestDocument[]): Map<number, ManifestDocument[]> {
  const byIndex = new Map<number, ManifestDocument[]>();
  for (const doc of documents) {
    const list = byIndex.get(doc.docIndex);
    if (list) list.push(doc);
    else byIndex.set(doc.docIndex, [doc]);
  }
  return byIndex;
}

/** A namespace's `default` service account with an IRSA role reaches pods that name no account. */
function isIrsaDefaultServiceAccount(doc: ManifestDocument): boolean {
  if (doc.object.kind !== 'ServiceAccount') return false;
  const meta = metadataOf(doc.object);
  return meta.name === 'default' && ROLE_ARN_ANNOTATION in meta.annotations;
}

/** One pattern for the image names of the known AWS-only components. */
function componentImages(components: readonly AwsComponent[]): RegExp | undefined {
  const names = components.flatMap((component) => component.images);
  if (names.length === 0) return undefined;
  return new RegExp(names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}
