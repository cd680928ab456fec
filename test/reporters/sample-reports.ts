import { buildReport, type Report } from '../../src/reporters/report.js';
import { resolveOptions } from '../../src/cli/resolve-options.js';
import { runOnPaths } from '../../src/cli/run-on-paths.js';
import { ROOT } from '../helpers/cli.js';

export const SAMPLES = ['pod-identity', 'irsa'] as const;
export type Sample = (typeof SAMPLES)[number];

const cache = new Map<string, Report>();

/** The report of a bundled sample, as the CLI builds it from the repository root (settings from its wimigrate.yaml). */
export function sampleReport(sample: Sample, command: Report['command']): Report {
  const key = `${sample}/${command}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const options = resolveOptions([`samples/${sample}`], {}, ['text'], ROOT);
  const { result } = runOnPaths(options, ROOT, command !== 'scan');
  const report = buildReport(command, result);
  cache.set(key, report);
  return report;
}
