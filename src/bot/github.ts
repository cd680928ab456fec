import type { Octokit } from '@octokit/rest';
import { hasPrMarker } from './pr-body.js';

/** What `wimigrate pr --github` asks of GitHub. */
export interface PullRequestSpec {
  owner: string;
  repo: string;
  /** The branch with the changes, in the same repository. */
  branch: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  labels: readonly string[];
  /** Users, or teams as `org/team-slug`. */
  reviewers: readonly string[];
}

export interface PullRequestOutcome {
  action: 'created' | 'updated';
  number: number;
  url: string;
}

/** An answer from the GitHub API that stops the run: which call, which status, what GitHub said. */
export class GitHubError extends Error {
  constructor(
    readonly call: string,
    readonly status: number,
    detail: string,
  ) {
    super(`GitHub API ${call}: ${status} ${detail}${status === 401 ? ' (check GITHUB_TOKEN)' : status === 403 || status === 404 ? ' (check the repository name and that the token may write pull requests)' : ''}`);
  }
}

type PullSummary = { number: number; html_url: string; body?: string | null };

/**
 * Opens the pull request, or updates the one an earlier run opened (found by its head branch and
 * the hidden marker), then sets labels and reviewers. A 422 "already exists" on create (another
 * run raced us, or the marker was edited away) falls back to updating that pull request.
 */
export async function openOrUpdatePullRequest(client: Octokit, spec: PullRequestSpec): Promise<PullRequestOutcome> {
  const repo = { owner: spec.owner, repo: spec.repo };
  const existing = await findPullRequest(client, spec);
  let outcome: PullRequestOutcome;
  if (existing) {
    outcome = await update(client, spec, existing.number);
  } else {
    try {
      const created = await call('POST /pulls', () => client.rest.pulls.create({ ...repo, head: spec.branch, base: spec.base, title: spec.title, body: spec.body, draft: spec.draft }));
      outcome = { action: 'created', number: created.data.number, url: created.data.html_url };
    } catch (error) {
      const again = error instanceof GitHubError && error.status === 422 ? await findPullRequest(client, spec) : null;
      if (!again) throw error;
      outcome = await update(client, spec, again.number);
    }
  }
  if (spec.labels.length > 0) {
    await call('POST /issues/{number}/labels', () => client.rest.issues.addLabels({ ...repo, issue_number: outcome.number, labels: [...spec.labels] }));
  }
  const users = spec.reviewers.filter((reviewer) => !reviewer.includes('/'));
  const teams = spec.reviewers.filter((reviewer) => reviewer.includes('/')).map((reviewer) => reviewer.slice(reviewer.indexOf('/') + 1));
  if (users.length + teams.length > 0) {
    await call('POST /pulls/{number}/requested_reviewers', () => client.rest.pulls.requestReviewers({ ...repo, pull_number: outcome.number, reviewers: users, team_reviewers: teams }));
  }
  return outcome;
}

/** The open pull request from our branch: the one carrying our marker first, else any from that head. */
async function findPullRequest(client: Octokit, spec: PullRequestSpec): Promise<PullSummary | null> {
  const listed = await call('GET /pulls', () => client.rest.pulls.list({ owner: spec.owner, repo: spec.repo, head: `${spec.owner}:${spec.branch}`, state: 'open', per_page: 100 }));
  const pulls = listed.data as PullSummary[];
  return pulls.find((pull) => hasPrMarker(pull.body, spec.branch)) ?? pulls[0] ?? null;
}

async function update(client: Octokit, spec: PullRequestSpec, number: number): Promise<PullRequestOutcome> {
  const updated = await call('PATCH /pulls/{number}', () => client.rest.pulls.update({ owner: spec.owner, repo: spec.repo, pull_number: number, title: spec.title, body: spec.body, base: spec.base }));
  return { action: 'updated', number: updated.data.number, url: updated.data.html_url };
}

/** Octokit's RequestError becomes a GitHubError naming the call; the token is never part of it. */
async function call<T>(name: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const failure = error as { status?: number; message?: string; response?: { data?: { message?: string; errors?: { message?: string }[] } } };
    if (typeof failure.status !== 'number' || failure.status === 500 && !failure.response) {
      throw new GitHubError(name, 0, `request failed: ${failure.message ?? String(error)}`);
    }
    const data = failure.response?.data;
    const detail = [data?.message, ...(data?.errors ?? []).map((entry) => entry.message)].filter(Boolean).join(': ') || failure.message || 'error';
    throw new GitHubError(name, failure.status, detail);
  }
}

/** The client, loaded only by `pr --github`: nothing else pays for Octokit at start-up. */
export async function createGitHubClient(token: string, baseUrl: string, userAgent: string): Promise<Octokit> {
  const { Octokit: Client } = await import('@octokit/rest');
  return new Client({ auth: token, baseUrl: baseUrl.replace(/\/+$/, ''), userAgent });
}
