import type { ManifestDocument } from '../model/document.js';
import { documentKey } from '../model/document.js';
import { documentEdit, type FileEdit, type Transformer } from './transform-context.js';

/**
 * Cutover deletes the planned AzureIdentity, AzureIdentityBinding and AzurePodIdentityException
 * documents. List items are deleted last-first so earlier indexes stay valid.
 */
export const removePodIdentityResources: Transformer = (context) => {
  const removed = new Set(context.plan.removals.map((removal) => removal.key));
  const { identities, bindings, exceptions } = context.inventory;
  const docs: ManifestDocument[] = [...identities, ...bindings, ...exceptions]
    .map((entry) => entry.doc)
    .filter((doc) => removed.has(documentKey(doc)));
  const edits: FileEdit[] = docs
    .sort((a, b) => listIndex(b) - listIndex(a))
    .map((doc) =>
      doc.pathPrefix.length === 0
        ? documentEdit(doc, { op: 'delete-document', docIndex: doc.docIndex })
        : { file: doc.file, edit: { op: 'delete', docIndex: doc.docIndex, path: doc.pathPrefix } },
    );
  return { edits, newFiles: [] };
};

function listIndex(doc: ManifestDocument): number {
  const last = doc.pathPrefix[doc.pathPrefix.length - 1];
  return typeof last === 'number' ? last : -1;
}
