import type { SourceFile } from 'ts-morph';
import type { SdkTables } from '../../model/code.js';
import type { Finding } from '../../model/finding.js';

export interface DetectorContext {
  /** The path shown in findings. */
  file: string;
  tables: SdkTables;
}

/**
 * A code detector: one rule, pure over a parsed file. `mentions` is checked on the raw text
 * first, so most files of a large repository are never walked by most detectors.
 */
export interface CodeDetector {
  id: string;
  mentions: RegExp;
  detect: (source: SourceFile, context: DetectorContext) => Finding[];
}
