/**
 * action.yml: its declared inputs cover what its steps use, the documented workflow passes only
 * real inputs, and the scan and pr step scripts run as GitHub would run them (bash, the
 * runner's environment variables), pr against the local HTTPS GitHub.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { GOOD_TOKEN, startFakeGitHub, type FakeGitHub } from '../bot/fake-github.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  runs: { using: string; steps: Step[] };
}

const actionText = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const action = parse(actionText) as Action;
const workflow = parse(readFileSync(path.join(ROOT, 'docs/github-workflow.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[]; permissions: Record<string, string> }> };
const step = (name: string) => action.runs.steps.find((entry) => entry.name === name)!;

/** The step's env with its `${{ inputs.x }}` expressions resolved from the given inputs (defaults otherwise). */
function stepEnv(entry: Step, inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry.env ?? {})) {
    env[key] = value.replace(/\$\{\{\s*inputs\.([a-z-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? action.inputs[name]?.default ?? '');
  }
  return env;
}

function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-eo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env: { ...process.env, ...env } }, (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

describe('action.yml', () => {
  it('is a composite action whose steps use only declared inputs, and no input is spliced into a script', () => {
    expect(action.runs.using).toBe('composite');
    const used = [...actionText.matchAll(/inputs\.([a-z-]+)/g)].map((match) => match[1]!);
    expect(used.filter((name) => !(name in action.inputs))).toEqual([]);
    for (const entry of action.runs.steps) expect(entry.run ?? '').not.toMatch(/\$\{\{/);
    expect(action.runs.steps.find((entry) => entry.uses?.startsWith('github/codeql-action/upload-sarif@'))?.with?.sarif_file).toBe('${{ inputs.sarif-file }}');
  });

  it('the documented workflow passes only inputs the action declares, with the permissions each command needs', () => {
    const jobs = Object.values(workflow.jobs);
    for (const job of jobs) {
      const uses = job.steps.find((entry) => entry.uses?.includes('/wimigrate@'))!;
      expect(Object.keys(uses.with ?? {}).filter((name) => !(name in action.inputs))).toEqual([]);
    }
    expect(workflow.jobs.scan!.permissions['security-events']).toBe('write');
    expect(workflow.jobs['pull-request']!.permissions).toMatchObject({ contents: 'write', 'pull-requests': 'write' });
  });

  it('the scan step writes SARIF and records its outputs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-action-'));
    const outputs = path.join(dir, 'outputs');
    writeFileSync(outputs, '');
    const sarif = path.join(dir, 'out.sarif');
    const scan = step('wimigrate scan');
    const run = await bash(scan.run!, ROOT, { ...stepEnv(scan, { paths: 'samples/irsa samples/pod-identity', 'sarif-file': sarif, 'fail-on': 'warning' }), GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outputs });
    expect(run.status).toBe(0);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const files = new Set(log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri.split('/')[1]));
    expect([...files].sort()).toEqual(['irsa', 'pod-identity']);
    // Findings at or above fail-on: exit code 1 recorded for the step that fails after the upload.
    expect(readFileSync(outputs, 'utf8')).toBe(`sarif-file=${sarif}\nexit-code=1\n`);
  });

  describe('the pr step', () => {
    let github: FakeGitHub;
    beforeAll(async () => {
      github = await startFakeGitHub('contoso', 'gitops');
    });
    afterAll(async () => {
      await github.close();
    });

    it('pushes the branch and opens the pull request with the labels, reviewers and draft given', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-action-pr-'));
      const repo = path.join(dir, 'repo');
      const remote = path.join(dir, 'origin.git');
      cpSync(path.join(ROOT, 'samples/irsa'), repo, { recursive: true });
      const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
      git(dir, 'init', '-q', '--bare', '-b', 'main', remote);
      git(repo, 'init', '-q', '-b', 'main');
      git(repo, 'add', '-A');
      git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'manifests');
      git(repo, 'remote', 'add', 'origin', remote);
      const summary = path.join(dir, 'summary.md');
      const prStep = step('wimigrate pr');
      const run = await bash(prStep.run!, repo, {
        ...stepEnv(prStep, { labels: 'workload-identity migration', reviewers: 'alice', draft: 'true', phase: 'prepare', 'github-token': GOOD_TOKEN }),
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_REPOSITORY: 'contoso/gitops',
        GITHUB_API_URL: github.url,
        RUNNER_TEMP: dir,
        GITHUB_STEP_SUMMARY: summary,
        NODE_EXTRA_CA_CERTS: github.caFile,
        // A fresh runner: no git identity anywhere.
        GIT_CONFIG_GLOBAL: path.join(dir, 'no-gitconfig'),
        GIT_CONFIG_NOSYSTEM: '1',
      });
      expect(run.stderr).toContain('Opened pull request #1');
      expect(run.status).toBe(0);
      expect(github.pulls[0]).toMatchObject({ head: 'wimigrate/prepare', base: 'main', draft: true, labels: ['workload-identity', 'migration'], reviewers: ['alice'] });
      expect(git(remote, 'rev-parse', 'wimigrate/prepare')).toBe(git(repo, 'rev-parse', 'wimigrate/prepare'));
      // No git identity configured: the commit is made as wimigrate.
      expect(git(repo, 'log', '-1', '--format=%an <%ae>', 'wimigrate/prepare')).toBe('wimigrate <wimigrate@users.noreply.github.com>');
      expect(readFileSync(summary, 'utf8')).toContain('## Entra Workload ID migration');
    });
  });
});
