import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../sources/package-root.js';

/** The package version, as reports (SARIF, HTML) name the tool that made them. */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;
}
