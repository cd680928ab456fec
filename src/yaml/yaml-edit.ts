import type { NodePath } from '../model/document.js';
import type { ScalarValue } from './render-values.js';

/** Edits address a document (chunk) by index and a node by path from that document's root. */
export type YamlEdit =
  | { op: 'set'; docIndex: number; path: NodePath; value: ScalarValue }
  | { op: 'delete'; docIndex: number; path: NodePath; pruneEmptyParents?: boolean }
  | { op: 'delete-document'; docIndex: number }
  | { op: 'insert-document-after'; docIndex: number; value: Record<string, unknown>; comment?: string }
  | { op: 'append'; docIndex: number; path: NodePath; value: unknown };

export interface EditRefusal {
  docIndex: number;
  reason: string;
  /** 1-based, absolute in the file. */
  line: number;
  col: number;
}

export interface EditOutcome {
  text: string;
  refused: EditRefusal[];
  /** The new text of each document chunk, in order: `text` is their concatenation. */
  pieces: string[];
  /** Which pieces the edits changed (the others are their old chunk's text), by index. */
  editedPieces: number[];
  /** Where each document ends in the old text and its new text ends in `text`: see FileChange.alignment. */
  alignment: Int32Array;
}
