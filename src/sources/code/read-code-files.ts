import type { Finding } from '../../model/finding.js';
import { readPaths, type SourceFile } from '../read-paths.js';
import { isCodeFile, SKIPPED_CODE_FOLDERS } from './code-file-names.js';

/**
 * The sources and dependency files under the given paths (files named directly are read
 * whatever their name). Unreadable, binary and oversized files become findings, as for manifests.
 */
export function readCodeFiles(paths: readonly string[], cwd: string, maxFileBytes: number): { files: SourceFile[]; findings: Finding[] } {
  return readPaths(paths, {
    cwd,
    maxFileBytes,
    readStdin: () => {
      throw new Error('standard input is not read for code');
    },
    accept: isCodeFile,
    skipFolders: SKIPPED_CODE_FOLDERS,
  });
}
