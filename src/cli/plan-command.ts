import { buildReport } from '../reporters/report.js';
import { renderJson } from '../reporters/json.js';
import { renderMarkdown } from '../reporters/markdown.js';
import { renderPlanText } from '../reporters/plan-text.js';
import { exitCodeFor, runOnPaths } from './run-on-paths.js';
import { resolveOptions, type RawOptions } from './resolve-options.js';
import { emit } from './write-output.js';
import { reportMissingPaths } from './messages.js';

export const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;

export function planCommand(paths: string[], raw: RawOptions): number {
  const options = resolveOptions(paths, raw, PLAN_FORMATS);
  const { result, missingPaths } = runOnPaths(options);
  const report = buildReport('plan', result);
  const text = options.format === 'json' ? renderJson(report) : options.format === 'markdown' ? renderMarkdown(report) : renderPlanText(report);
  emit(text, options.output);
  reportMissingPaths(missingPaths);
  return exitCodeFor(result.findings, options.failOn, missingPaths);
}
