import type { VerifyResult } from '../pipeline/verify-rollout.js';

/** `verify` in every format: pass or fail per workload, each check with what was seen. */
export function renderVerifyText(result: VerifyResult, context: string): string {
  const lines = [`Verify (${result.phase}) on ${context}: ${result.passed ? 'PASS' : 'FAIL'}`];
  if (result.workloads.length === 0) lines.push('  no planned workload (nothing to verify)');
  for (const workload of result.workloads) {
    lines.push('', `${workload.status.toUpperCase()}  ${workload.kind} ${workload.namespace}/${workload.name}  (${workload.pods} pod(s))`);
    for (const check of workload.checks) lines.push(`  ${check.status.padEnd(7)} ${check.id}: ${check.detail}`);
  }
  if (result.leftovers.length > 0) lines.push('', `Pod identity resources left (${result.leftovers.length})`, ...result.leftovers.map((entry) => `  ${entry}`));
  const failed = result.workloads.filter((workload) => workload.status === 'fail').length;
  lines.push('', `${result.workloads.length} workload(s): ${result.workloads.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

export function renderVerifyJson(result: VerifyResult, context: string): string {
  return `${JSON.stringify({ schemaVersion: 1, command: 'verify', context, ...result }, null, 2)}\n`;
}

export function renderVerifyMarkdown(result: VerifyResult, context: string): string {
  const lines = [`## wimigrate verify (${result.phase}) on \`${context}\`: ${result.passed ? 'pass' : '**fail**'}`, '', '| Workload | Result | Pods | Checks |', '| --- | --- | --- | --- |'];
  for (const workload of result.workloads) {
    const failed = workload.checks.filter((check) => check.status === 'fail').map((check) => `${check.id}: ${check.detail}`);
    lines.push(`| ${workload.kind} ${workload.namespace}/${workload.name} | ${workload.status} | ${workload.pods} | ${(failed.length > 0 ? failed.join('<br>') : 'all passed').replace(/\|/g, '\\|')} |`);
  }
  if (result.leftovers.length > 0) lines.push('', `Pod identity resources left: ${result.leftovers.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
