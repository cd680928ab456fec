import { commitMessage, buildPrBody, prTitle } from '../bot/pr-body.js';
import { CREDENTIAL_CODE_KINDS, credentialCode, type CredentialCodeKind } from '../bot/credential-code.js';
import { commitIdentityArgs, currentBranch, git, GitError, repositoryRoot, resolveCommit, uncleanPaths } from '../bot/git.js';
import { buildReport, type Report } from '../reporters/report.js';
import { CliError, EXIT } from './exit-codes.js';
import { reportMissingPaths, say } from './messages.js';
import { startProgress } from './progress.js';
import { resolveOptions, type RawOptions } from './resolve-options.js';
import { exitCodeFor, runOnPaths } from './run-on-paths.js';
import { toolVersion } from './tool-version.js';
import { writeInPlace } from './write-changes.js';
import { emit } from './write-output.js';

export const PR_FORMATS = ['markdown', 'json'] as const;

export interface PrRawOptions extends RawOptions {
  branch?: string;
  base?: string;
  remote?: string;
  push?: boolean;
  github?: string;
  githubApiUrl?: string;
  label?: string[];
  draft?: boolean;
  reviewer?: string[];
  credentialCode?: string[];
}

interface BranchOutcome {
  branch: string;
  base: string;
  /** The branch's commit; null when there was nothing to change. */
  commit: string | null;
  /** committed: a new commit; unchanged: the branch already held exactly these changes; none: nothing to change. */
  state: 'committed' | 'unchanged' | 'none';
  files: number;
}

/**
 * `wimigrate pr`: on a clean working tree, (re)builds branch `wimigrate/<phase>` from the base
 * branch, runs the migration with --write there, commits, and prints the pull request body. With
 * --github (or --push) it pushes the branch; with --github it opens or updates the pull request.
 * The working tree is back on the starting branch afterwards, whatever happened.
 */
export async function prCommand(paths: string[], raw: PrRawOptions): Promise<number> {
  const cwd = process.cwd();
  const root = repositoryRoot(cwd);
  if (root === null) throw new CliError(`${cwd} is not inside a git repository: wimigrate pr commits to a branch`, EXIT.usage);
  const github = raw.github === undefined ? null : parseRepository(raw.github);
  const token = process.env.GITHUB_TOKEN ?? '';
  if (github && token === '') throw new CliError('--github needs a token in the GITHUB_TOKEN environment variable', EXIT.usage);

  const unclean = uncleanPaths(root);
  if (unclean.length > 0) {
    const listed = unclean.slice(0, 10).map((line) => `  ${line}`).join('\n');
    throw new CliError(`the working tree has uncommitted changes; commit or stash them first (wimigrate pr commits only its own changes):\n${listed}${unclean.length > 10 ? `\n  and ${unclean.length - 10} more` : ''}`, EXIT.usage);
  }
  const starting = currentBranch(root);
  const base = raw.base ?? starting;
  if (base === null) throw new CliError('HEAD is detached: pass --base BRANCH, the branch the pull request goes into', EXIT.usage);
  const baseCommit = resolveCommit(root, base);
  if (baseCommit === null) throw new CliError(`--base ${base}: no such branch or commit`, EXIT.usage);
  // Read before the checkout: the settings of the tree the user is on (flags, wimigrate.yaml).
  const options = resolveOptions(paths, raw, PR_FORMATS, cwd);
  const branch = raw.branch ?? `wimigrate/${options.plan.phase}`;
  if (branch === base) throw new CliError(`the base branch is ${base}, the branch wimigrate writes to; check out the branch the pull request goes into, or pass --base`, EXIT.usage);
  try {
    git(root, ['check-ref-format', '--branch', branch]);
  } catch {
    throw new CliError(`--branch ${branch} is not a valid branch name`, EXIT.usage);
  }

  const codeKinds = credentialCodeKinds(raw.credentialCode);
  const version = toolVersion();
  const progress = startProgress(process.stderr, raw.quiet !== true);
  let outcome: BranchOutcome;
  let report: Report;
  let exitCode: number;
  const previous = resolveCommit(root, `refs/heads/${branch}`);
  const back = starting ?? baseCommit;
  try {
    progress.step(`Preparing branch ${branch} from ${base}`);
    git(root, ['checkout', '-q', '-B', branch, baseCommit]);
    const run = runOnPaths(options, cwd);
    report = buildReport('migrate', run.result);
    exitCode = exitCodeFor(run.result.findings, options.failOn, run.missingPaths);
    reportMissingPaths(run.missingPaths);
    const written = writeInPlace(run.result.changes, run.sources, cwd);
    outcome = commitChanges(root, { branch, base, baseCommit, previous, written, message: commitMessage(report, version) });
  } catch (error) {
    restore(root, back, branch, previous);
    if (error instanceof CliError) throw error;
    if (error instanceof GitError) throw new CliError(error.message, EXIT.external);
    throw new CliError(`the migration on branch ${branch} failed: ${(error as Error).message}`, EXIT.external);
  } finally {
    progress.done();
  }
  // Back where the user was; the branch keeps the commit (or its previous state).
  git(root, ['checkout', '-q', back]);
  if (outcome.state === 'none') restoreBranch(root, branch, previous);

  const title = prTitle(report);
  const body = buildPrBody(report, { branch, toolVersion: version, credentialCode: credentialCode(report.plan, codeKinds) });
  const quiet = raw.quiet === true;
  if (outcome.state === 'none') {
    if (!quiet) say(`No changes: nothing to commit on ${branch}; ${previous ? 'the branch and its pull request were left as they are' : 'no branch was created'}.`);
  } else if (!quiet) {
    say(outcome.state === 'committed' ? `Committed ${outcome.commit!.slice(0, 12)} on ${branch} (${outcome.files} file(s) changed, based on ${base}).` : `${branch} already holds these changes (${outcome.commit!.slice(0, 12)}); nothing new to commit.`);
  }

  let pullRequest: { action: string; number: number; url: string } | null = null;
  if (outcome.state !== 'none' && (github || raw.push)) {
    const remote = raw.remote ?? 'origin';
    const network = startProgress(process.stderr, !quiet);
    network.step(`Pushing ${branch} to ${remote}`);
    try {
      git(root, ['push', '-q', '--force', remote, `refs/heads/${branch}:refs/heads/${branch}`]);
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error), EXIT.external);
    } finally {
      network.done();
    }
    if (!quiet) say(`Pushed ${branch} to ${remote}.`);
    if (github) {
      const { createGitHubClient, openOrUpdatePullRequest, GitHubError } = await import('../bot/github.js');
      const apiUrl = raw.githubApiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
      const api = startProgress(process.stderr, !quiet);
      api.step(`Opening or updating the pull request on ${github.owner}/${github.repo}`);
      try {
        const client = await createGitHubClient(token, apiUrl, `wimigrate/${version}`);
        pullRequest = await openOrUpdatePullRequest(client, { ...github, branch, base, title, body, draft: raw.draft === true, labels: raw.label ?? [], reviewers: raw.reviewer ?? [] });
      } catch (error) {
        if (error instanceof GitHubError) throw new CliError(error.message, EXIT.external);
        throw error;
      } finally {
        api.done();
      }
      if (!quiet) say(`${pullRequest.action === 'created' ? 'Opened' : 'Updated'} pull request #${pullRequest.number}: ${pullRequest.url}`);
    }
  }

  const output =
    options.format === 'json'
      ? `${JSON.stringify({ branch, base, state: outcome.state, commit: outcome.commit, filesChanged: outcome.files, title, body, pullRequest }, null, 2)}\n`
      : outcome.state === 'none'
        ? ''
        : `# ${title}\n\n${body}`;
  if (output) emit(output, options.output);
  return exitCode;
}

/** Stages and commits what --write changed; keeps the earlier commit when it holds the same tree on the same base. */
function commitChanges(root: string, given: { branch: string; base: string; baseCommit: string; previous: string | null; written: number; message: string }): BranchOutcome {
  const changed = uncleanPaths(root);
  if (given.written === 0 || changed.length === 0) return { branch: given.branch, base: given.base, commit: null, state: 'none', files: 0 };
  git(root, ['add', '-A', '--', '.']);
  git(root, [...commitIdentityArgs(root), 'commit', '-q', '--no-verify', '-m', given.message]);
  const commit = resolveCommit(root, 'HEAD')!;
  if (given.previous) {
    const sameTree = git(root, ['rev-parse', `${commit}^{tree}`]) === git(root, ['rev-parse', `${given.previous}^{tree}`]);
    const sameBase = resolveCommit(root, `${given.previous}^`) === given.baseCommit;
    if (sameTree && sameBase) {
      git(root, ['reset', '-q', '--hard', given.previous]);
      return { branch: given.branch, base: given.base, commit: given.previous, state: 'unchanged', files: changed.length };
    }
  }
  return { branch: given.branch, base: given.base, commit, state: 'committed', files: changed.length };
}

/** After a failure: the working tree as it was, the branch as it was (or gone, when this run made it). */
function restore(root: string, back: string, branch: string, previous: string | null): void {
  try {
    git(root, ['reset', '-q', '--hard']);
    git(root, ['clean', '-q', '-fd']);
    git(root, ['checkout', '-q', back]);
    restoreBranch(root, branch, previous);
  } catch {
    // The original error says more than a failed clean-up would.
  }
}

function restoreBranch(root: string, branch: string, previous: string | null): void {
  if (previous) git(root, ['branch', '-q', '-f', branch, previous]);
  else git(root, ['branch', '-q', '-D', branch]);
}

/** `--credential-code az bicep`, or `none`; default az. */
function credentialCodeKinds(given: string[] | undefined): CredentialCodeKind[] {
  const kinds = given ?? ['az'];
  if (kinds.length === 1 && kinds[0] === 'none') return [];
  const unknown = kinds.filter((kind) => !(CREDENTIAL_CODE_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) throw new CliError(`--credential-code takes ${CREDENTIAL_CODE_KINDS.join(', ')} or none (got "${unknown.join(', ')}")`, EXIT.usage);
  return [...new Set(kinds)] as CredentialCodeKind[];
}

function parseRepository(value: string): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value);
  if (!match) throw new CliError(`--github must be OWNER/REPO (got "${value}")`, EXIT.usage);
  return { owner: match[1]!, repo: match[2]! };
}
