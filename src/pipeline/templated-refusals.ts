import type { FileChange } from '../model/file-change.js';
import type { Finding } from '../model/finding.js';
import { sourceFinding } from '../sources/source-findings.js';
import { TEMPLATE_REFUSAL } from '../yaml/index.js';

/**
 * A template document left as it was because an edit would touch a template action: reported
 * as `templated-file` at the line to edit by hand, since a person must now make the change.
 */
export function templatedRefusalFindings(changes: readonly FileChange[]): Finding[] {
  return changes.flatMap((change) =>
    change.skipped
      .filter((skipped) => skipped.reason.startsWith(TEMPLATE_REFUSAL))
      .map((skipped) => sourceFinding('templated-file', `Helm/Go template left as it was: ${skipped.reason}`, skipped.location)),
  );
}
