import { execFileSync } from 'node:child_process';

/** A git command that failed: its arguments and what git said (credentials in URLs masked). */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed: ${maskCredentials(stderr.trim()) || 'no message'}`);
  }
}

/** Runs git in a folder; stdout without the final newline. */
export function git(cwd: string, args: readonly string[], env: Record<string, string> = {}): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env }, maxBuffer: 256 * 1024 * 1024 }).replace(/\n$/, '');
  } catch (error) {
    const failure = error as { stderr?: string | Buffer; code?: string };
    if (failure.code === 'ENOENT') throw new GitError(args, 'git is not installed (not found on the PATH)');
    throw new GitError(args, String(failure.stderr ?? (error as Error).message));
  }
}

/** The top folder of the repository holding `cwd`, or null outside one. */
export function repositoryRoot(cwd: string): string | null {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']);
  } catch {
    return null;
  }
}

/** Modified, staged and untracked (not ignored) paths: anything a commit could pick up by accident. */
export function uncleanPaths(root: string): string[] {
  return git(root, ['status', '--porcelain=v1', '--untracked-files=all'])
    .split('\n')
    .filter((line) => line.length > 0);
}

/** The checked-out branch, or null on a detached HEAD. */
export function currentBranch(root: string): string | null {
  try {
    return git(root, ['symbolic-ref', '--short', '-q', 'HEAD']) || null;
  } catch {
    return null;
  }
}

/** A commit id, or null when the ref does not exist. */
export function resolveCommit(root: string, ref: string): string | null {
  try {
    return git(root, ['rev-parse', '--verify', '-q', `${ref}^{commit}`]);
  } catch {
    return null;
  }
}

/** git commit needs a name and an email; a CI runner often has none configured. */
export function commitIdentityArgs(root: string): string[] {
  const configured = (key: string) => {
    try {
      return git(root, ['config', '--get', key]).length > 0;
    } catch {
      return false;
    }
  };
  const env = process.env;
  const hasName = configured('user.name') || Boolean(env.GIT_AUTHOR_NAME && env.GIT_COMMITTER_NAME);
  const hasEmail = configured('user.email') || Boolean(env.GIT_AUTHOR_EMAIL && env.GIT_COMMITTER_EMAIL);
  return [...(hasName ? [] : ['-c', 'user.name=wimigrate']), ...(hasEmail ? [] : ['-c', 'user.email=wimigrate@users.noreply.github.com'])];
}

/** `https://user:token@host` -> `https://***@host`, so no error message carries a secret. */
export function maskCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}
