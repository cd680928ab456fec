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

/** Rate-limited calls are tried this many times in all. */
const ATTEMPTS = 3;
/** A wait GitHub asks for beyond this is not waited out: the run fails and says so. */
const MAX_WAIT_SECONDS = 60;

type Failure = { status?: number; message?: string; response?: { headers?: Record<string, string | number | undefined>; data?: { message?: string; errors?: { message?: string }[] } } };

/**
 * Octokit's RequestError becomes a GitHubError naming the call; the token is never part of it.
 * Rate limits (429, or 403 with `retry-after` or no requests left) are waited out as GitHub's
 * headers say, up to ATTEMPTS tries and MAX_WAIT_SECONDS per wait.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
async function call<T>(name: string, request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const failure = error as Failure;
      if (typeof failure.status !== 'number') throw new GitHubError(name, 0, `request failed: ${failure.message ?? String(error)}`);
      const wait = rateLimitWait(failure);
      if (wait !== null && wait <= MAX_WAIT_SECONDS && attempt < ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        continue;
      }
      const data = failure.response?.data;
      const detail = [data?.message, ...(data?.errors ?? []).map((entry) => entry.message)].filter(Boolean).join(': ') || failure.message || 'error';
      throw new GitHubError(name, failure.status, wait === null ? detail : `${detail} (rate limited; tried ${attempt} time${attempt === 1 ? '' : 's'})`);
    }
  }
}

/** Seconds to wait before retrying a rate-limited call, or null when the failure is not a rate limit. */
function rateLimitWait(failure: Failure): number | null {
  const headers = failure.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  const remaining = headers['x-ratelimit-remaining'];
  const limited = failure.status === 429 || (failure.status === 403 && (headers['retry-after'] !== undefined || String(remaining) === '0'));
  if (!limited) return null;
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter;
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - Date.now() / 1000));
  return 60;
}

/** The client, loaded only by `pr --github`: nothing else pays for Octokit at start-up. */
export async function createGitHubClient(token: string, baseUrl: string, userAgent: string): Promise<Octokit> {
  const { Octokit: Client } = await import('@octokit/rest');
  return new Client({ auth: token, baseUrl: baseUrl.replace(/\/+$/, ''), userAgent });
}
