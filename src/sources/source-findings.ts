import type { Finding } from '../model/finding.js';
import type { SourceLocation } from '../model/location.js';

/**
 * Findings about the input itself rather than about identities. They are data, not
 * exceptions: the run goes on with the other files.
 */
export const SOURCE_FINDINGS = {
  'yaml-error': {
    severity: 'error',
    title: 'The file is not valid YAML or JSON',
    fix: 'Fix the syntax at the given line; wimigrate skipped this document.',
  },
  'templated-file': {
    severity: 'warning',
    title: 'Helm/Go template: not plain YAML, so it cannot be rewritten automatically',
    fix: 'Edit the listed lines by hand (or run wimigrate on the rendered output of `helm template`).',
  },
  'render-failed': {
    severity: 'warning',
    title: '--render could not build a kustomization',
    fix: 'Install kubectl (or kustomize) and check that `kubectl kustomize <folder>` works; the source files were still analyzed.',
  },
  'unreadable-file': {
    severity: 'error',
    title: 'A path could not be read',
    fix: 'Check that the path exists and is readable; the other paths were still scanned.',
  },
  'not-text-file': {
    severity: 'info',
    title: 'A binary or non-UTF-8 file was skipped',
    fix: 'Nothing to do unless the file is a manifest; re-save it as UTF-8.',
  },
  'file-too-large': {
    severity: 'warning',
    title: 'A file larger than the size limit was skipped',
    fix: 'Split the file, or raise the limit with --max-file-size if it really is a manifest.',
  },
} as const satisfies Record<string, { severity: Finding['severity']; title: string; fix: string }>;

export type SourceFindingId = keyof typeof SOURCE_FINDINGS;

export function sourceFinding(id: SourceFindingId, message: string, location: SourceLocation): Finding {
  const rule = SOURCE_FINDINGS[id];
  return { id, severity: rule.severity, message, location, fix: rule.fix };
}
