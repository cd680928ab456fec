/** The built CLI in a child process that does not block the test's event loop (the fake ARM runs in it). */
import { runCli, startCli } from '../helpers/cli.js';

export { startCli };
export const runCliAsync = runCli;

/** Waits until `condition` holds, checking every 20 ms, for at most `limitMs` (then fails). */
export async function waitFor(condition: () => boolean, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
