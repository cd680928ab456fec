import { readFileSync } from 'node:fs';

/** The package version, as reports (SARIF, HTML) name the tool that made them. */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
