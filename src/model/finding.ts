import type { SourceLocation } from './location.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: readonly Severity[] = ['info', 'warning', 'error'];

export interface Finding {
  /** The rule id, e.g. `label-without-binding`. */
  id: string;
  severity: Severity;
  message: string;
  location: SourceLocation;
  /** What the user should do about it. */
  fix: string;
}
