import { buildReport } from '../reporters/report.js';
import { renderJson } from '../reporters/json.js';
import { renderMarkdown } from '../reporters/markdown.js';
import { renderText } from '../reporters/text.js';
import { exitCodeFor, runOnPaths } from './run-on-paths.js';
import { resolveOptions, type RawOptions } from './resolve-options.js';
import { emit } from './write-output.js';
import { reportMissingPaths } from './messages.js';

export const SCAN_FORMATS = ['text', 'json', 'markdown'] as const;
const RENDERERS = { text: renderText, json: renderJson, markdown: renderMarkdown };

export function scanCommand(paths: string[], raw: RawOptions): number {
  const options = resolveOptions(paths, raw, SCAN_FORMATS);
  const { result, missingPaths } = runOnPaths(options, process.cwd(), false);
  const report = buildReport('scan', result);
  emit(RENDERERS[options.format as keyof typeof RENDERERS](report), options.output);
  reportMissingPaths(missingPaths);
  return exitCodeFor(result.findings, options.failOn, missingPaths);
}
