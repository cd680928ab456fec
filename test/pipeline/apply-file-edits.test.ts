import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { applyFileEdits } from '../../src/pipeline/apply-file-edits.js';
import { renderUnifiedDiff } from '../../src/reporters/unified-diff.js';

describe('applyFileEdits', () => {
  it('removes a file whose only document goes, and its diff is a deletion git can apply', () => {
    // Chunk 0 is a blank line before the marker: blank pieces remain, but the file has no content left.
    const text = '\n---\napiVersion: aadpodidentity.k8s.io/v1\nkind: AzureIdentity\nmetadata:\n  name: reader\n';
    const { changes } = applyFileEdits([{ file: 'identity.yaml', format: 'yaml', text }], {
      edits: [{ file: 'identity.yaml', edit: { op: 'delete-document', docIndex: 1 } }],
      newFiles: [],
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]?.after).toBeNull();
    const patch = renderUnifiedDiff(changes, false);
    expect(patch).toContain('+++ /dev/null');
    expect(patch.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++'))).toEqual([]);
    expect(applyPatch(text, patch)).toBe('');
  });
});
