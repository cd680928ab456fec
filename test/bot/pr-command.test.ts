/**
 * `wimigrate pr` end to end: the built CLI on real git repositories in temp folders, pushing to
 * a local bare repository, and talking to a local HTTPS GitHub (fake-github.ts) through Octokit.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';
import { GOOD_TOKEN, startFakeGitHub, type FakeGitHub } from './fake-github.js';

const GIT_ENV = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim();
}

/** A repository holding the pod identity sample on `main`, with a bare repository as `origin`. */
function sampleRepository(sample = 'samples/pod-identity'): { repo: string; remote: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-pr-'));
  const repo = path.join(dir, 'work');
  const remote = path.join(dir, 'origin.git');
  cpSync(path.join(ROOT, sample), repo, { recursive: true });
  git(dir, 'init', '-q', '--bare', '-b', 'main', remote);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'initial manifests');
  git(repo, 'remote', 'add', 'origin', remote);
  git(repo, 'push', '-q', 'origin', 'main');
  return { repo, remote };
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous, so the fake GitHub in this process can answer while the CLI runs. */
function pr(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'pr', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_TOKEN: '', ...GIT_ENV, ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('wimigrate pr with git', () => {
  it('commits the migration on wimigrate/prepare, prints the body, and leaves the user on main', async () => {
    const { repo } = sampleRepository();
    const main = git(repo, 'rev-parse', 'main');
    const run = await pr(repo, []);
    expect(run.stderr).toMatch(/^Committed [0-9a-f]{12} on wimigrate\/prepare \(14 file\(s\) changed, based on main\)\.$/m);
    expect(run.status).toBe(0);
    expect(git(repo, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'rev-parse', 'main')).toBe(main);
    expect(git(repo, 'rev-parse', 'wimigrate/prepare^')).toBe(main);
    expect(git(repo, 'log', '-1', '--format=%s', 'wimigrate/prepare')).toBe('wimigrate: prepare 15 workloads for Entra Workload ID');
    expect(git(repo, 'log', '-1', '--format=%b', 'wimigrate/prepare')).toContain('- apps/orders/orders-api.yaml (modified)');
    expect(git(repo, 'diff', '--name-only', 'main', 'wimigrate/prepare').split('\n')).toHaveLength(14);
    expect(git(repo, 'show', 'wimigrate/prepare:apps/orders/orders-api.yaml')).toContain('azure.workload.identity/use: "true"');
    expect(readFileSync(path.join(repo, 'apps/orders/orders-api.yaml'), 'utf8')).not.toContain('azure.workload.identity/use');
    expect(run.stdout).toMatch(/^# wimigrate: prepare 15 workloads for Entra Workload ID\n\n## Entra Workload ID migration\n/);
    expect(run.stdout).toContain('<!-- wimigrate:pull-request branch=wimigrate/prepare -->');
    expect(run.stdout).toContain('- [ ] Enable the OIDC issuer');
    // The credentials as code, from wimigrate federate's emitter (az by default).
    expect(run.stdout).toContain('### Code to create the federated credentials');
    expect(run.stdout).toMatch(/<details><summary>Azure CLI: [^<]+\.sh<\/summary>\n\n```bash\n#!\/usr\/bin\/env bash\n/);
    expect(run.stdout).toContain('ensure_credential ');
  });

  it('a rerun on the same base keeps the commit; a new base commit rebuilds the branch on it', async () => {
    const { repo } = sampleRepository();
    await pr(repo, []);
    const first = git(repo, 'rev-parse', 'wimigrate/prepare');
    const again = await pr(repo, []);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`wimigrate/prepare already holds these changes (${first.slice(0, 12)})`);
    expect(git(repo, 'rev-parse', 'wimigrate/prepare')).toBe(first);

    writeFileSync(path.join(repo, 'apps/orders/notes.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n  namespace: orders\ndata: {}\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'another file');
    const rebuilt = await pr(repo, []);
    expect(rebuilt.stderr).toMatch(/^Committed [0-9a-f]{12} on wimigrate\/prepare/m);
    expect(git(repo, 'rev-parse', 'wimigrate/prepare^')).toBe(git(repo, 'rev-parse', 'main'));
    expect(git(repo, 'rev-parse', 'wimigrate/prepare')).not.toBe(first);
    expect(git(repo, 'rev-list', '--count', 'main..wimigrate/prepare')).toBe('1');
  });

  it('refuses a dirty working tree and changes nothing', async () => {
    const { repo } = sampleRepository();
    writeFileSync(path.join(repo, 'apps/orders/orders-api.yaml'), `${readFileSync(path.join(repo, 'apps/orders/orders-api.yaml'), 'utf8')}# edited\n`);
    const run = await pr(repo, []);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the working tree has uncommitted changes');
    expect(run.stderr).toContain(' M apps/orders/orders-api.yaml');
    expect(git(repo, 'branch', '--list', 'wimigrate/*')).toBe('');
    expect(git(repo, 'status', '--porcelain')).toBe('M apps/orders/orders-api.yaml'); // trimmed: the file is still modified, unstaged
  });

  it('with nothing to migrate: no commit, no branch, and it says so', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-pr-'));
    writeFileSync(path.join(dir, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata: {}\n');
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'plain');
    const run = await pr(dir, []);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('No changes: nothing to commit on wimigrate/prepare; no branch was created.');
    expect(run.stdout).toBe('');
    expect(git(dir, 'branch', '--list')).toBe('* main');
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  it('outside a git repository: a usage error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-nogit-'));
    const run = await pr(dir, [], { GIT_CEILING_DIRECTORIES: path.dirname(dir) });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not inside a git repository');
  });

  it('--push pushes the branch to origin; --phase cutover and --format json', async () => {
    const { repo, remote } = sampleRepository();
    const run = await pr(repo, ['--push', '--phase', 'cutover', '--format', 'json', '--credential-code', 'none']);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { branch: string; state: string; commit: string; title: string; body: string; pullRequest: null };
    expect(out).toMatchObject({ branch: 'wimigrate/cutover', state: 'committed', pullRequest: null });
    expect(git(remote, 'rev-parse', 'refs/heads/wimigrate/cutover')).toBe(out.commit);
    expect(out.title).toMatch(/^wimigrate: cut \d+ workloads over to Entra Workload ID/);
    expect(out.body).toContain('Phase **cutover**');
    expect(out.body).not.toContain('### Code to create the federated credentials');
    const bad = await pr(repo, ['--credential-code', 'pulumi']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--credential-code takes az, bicep, terraform, arm or none (got "pulumi")');
  });
});

describe('wimigrate pr --github', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startFakeGitHub('contoso', 'gitops', '/api/v3');
  });
  afterAll(async () => {
    await github.close();
  });
  const env = () => ({ GITHUB_TOKEN: GOOD_TOKEN, NODE_EXTRA_CA_CERTS: github.caFile });

  it('opens a draft pull request with labels and reviewers, then a rerun updates the same one', async () => {
    github.pulls.length = 0;
    const { repo, remote } = sampleRepository();
    const args = ['--github', 'contoso/gitops', '--github-api-url', github.url, '--draft', '--label', 'workload-identity', 'migration', '--reviewer', 'alice', 'contoso/platform'];
    const first = await pr(repo, args, env());
    expect(first.stderr).toContain('Opened pull request #1: https://github.example/contoso/gitops/pull/1');
    expect(first.status).toBe(0);
    expect(github.pulls).toHaveLength(1);
    const opened = github.pulls[0]!;
    expect(opened).toMatchObject({ head: 'wimigrate/prepare', base: 'main', draft: true, state: 'open', labels: ['workload-identity', 'migration'], reviewers: ['alice'], teamReviewers: ['platform'] });
    expect(opened.title).toBe('wimigrate: prepare 15 workloads for Entra Workload ID');
    expect(opened.body).toContain('<!-- wimigrate:pull-request branch=wimigrate/prepare -->');
    expect(git(remote, 'rev-parse', 'refs/heads/wimigrate/prepare')).toBe(git(repo, 'rev-parse', 'wimigrate/prepare'));

    // The base moves on; the rerun rebuilds the branch, force-pushes it and updates the same pull request.
    writeFileSync(path.join(repo, 'README.md'), 'changed\n');
    git(repo, 'commit', '-q', '-am', 'docs');
    const second = await pr(repo, args, env());
    expect(second.stderr).toContain('Updated pull request #1');
    expect(second.status).toBe(0);
    expect(github.pulls).toHaveLength(1);
    expect(github.calls.filter((call) => call.startsWith('POST') && call.endsWith('/pulls'))).toHaveLength(1);
    expect(github.calls).toContain('PATCH /api/v3/repos/contoso/gitops/pulls/1');
    expect(github.calls).toContain('GET /api/v3/repos/contoso/gitops/pulls?head=contoso%3Awimigrate%2Fprepare&state=open&per_page=100');
    expect(git(remote, 'rev-parse', 'refs/heads/wimigrate/prepare^')).toBe(git(repo, 'rev-parse', 'main'));
  });

  it('on 422 (a pull request from the branch already exists) it updates that one', async () => {
    github.pulls.length = 0;
    github.pulls.push({ number: 1, head: 'wimigrate/prepare', base: 'main', title: 'old', body: 'old body', draft: false, state: 'open', labels: [], reviewers: [], teamReviewers: [] });
    github.hideFromNextList = 1;
    const calls = github.calls.length;
    const { repo } = sampleRepository();
    const run = await pr(repo, ['--github', 'contoso/gitops', '--github-api-url', github.url], env());
    expect(run.stderr).toContain('Updated pull request #1');
    expect(run.status).toBe(0);
    expect(github.calls.slice(calls).map((call) => call.split('?')[0])).toEqual(['GET /api/v3/repos/contoso/gitops/pulls', 'POST /api/v3/repos/contoso/gitops/pulls', 'GET /api/v3/repos/contoso/gitops/pulls', 'PATCH /api/v3/repos/contoso/gitops/pulls/1']);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]!.title).toBe('wimigrate: prepare 15 workloads for Entra Workload ID');
  });

  it('waits out a secondary rate limit as retry-after says, and gives up after 3 tries', async () => {
    github.pulls.length = 0;
    github.rateLimitNext = { count: 2, retryAfter: 1, status: 403 };
    const calls = github.calls.length;
    const { repo } = sampleRepository();
    const run = await pr(repo, ['--github', 'contoso/gitops', '--github-api-url', github.url], env());
    expect(run.stderr).toContain('Opened pull request #1');
    expect(run.status).toBe(0);
    // Two refused list calls, then the list, the create.
    expect(github.calls.slice(calls).map((call) => call.split('?')[0])).toEqual(['GET /api/v3/repos/contoso/gitops/pulls', 'GET /api/v3/repos/contoso/gitops/pulls', 'GET /api/v3/repos/contoso/gitops/pulls', 'POST /api/v3/repos/contoso/gitops/pulls']);

    github.rateLimitNext = { count: 3, retryAfter: 0, status: 429 };
    const again = await pr(repo, ['--github', 'contoso/gitops', '--github-api-url', github.url], env());
    expect(again.status).toBe(3);
    expect(again.stderr).toContain('GitHub API GET /pulls: 429 You have exceeded a secondary rate limit. Please wait a few minutes before you try again. (rate limited; tried 3 times)');
  });

  it('a bad token: exit 3 naming the API call and status, never the token', async () => {
    const { repo } = sampleRepository();
    const run = await pr(repo, ['--github', 'contoso/gitops', '--github-api-url', github.url], { ...env(), GITHUB_TOKEN: 'ghp_wrong_secret_value' });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('GitHub API GET /pulls: 401 Bad credentials (check GITHUB_TOKEN)');
    expect(run.stderr + run.stdout).not.toContain('ghp_wrong_secret_value');
  });

  it('--github without GITHUB_TOKEN is a usage error before anything changes', async () => {
    const { repo } = sampleRepository();
    const run = await pr(repo, ['--github', 'contoso/gitops'], { GITHUB_TOKEN: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--github needs a token in the GITHUB_TOKEN environment variable');
    expect(git(repo, 'branch', '--list', 'wimigrate/*')).toBe('');
  });
});
