import path from 'node:path';
import { dependencyReaderFor } from './read-dependencies.js';

export const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Build output and vendored code: read from their sources instead (.git and node_modules are always skipped). */
export const SKIPPED_CODE_FOLDERS: ReadonlySet<string> = new Set(['dist', 'build', 'coverage', '.next', '.nuxt', 'target', 'bin', 'obj', 'vendor', '.venv', 'venv', '__pycache__']);

/** JavaScript and TypeScript sources; declaration files and minified bundles are not. */
export function isScriptFile(file: string): boolean {
  const name = path.basename(file).toLowerCase();
  return (SCRIPT_EXTENSIONS as readonly string[]).includes(path.extname(name)) && !/\.d\.[mc]?ts$/.test(name) && !name.endsWith('.min.js');
}

/** A file `wimigrate code` reads from a folder: a source or a dependency file. */
export function isCodeFile(name: string): boolean {
  return isScriptFile(name) || dependencyReaderFor(name) !== null;
}
