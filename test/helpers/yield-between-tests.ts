import { afterEach } from 'vitest';

/**
 * Lets the worker's event loop read its messages between tests. vitest's worker reports to the
 * runner over an RPC channel whose replies time out after 60 s; a file of long synchronous tests
 * (the corpus-wide property tests) chains one test after the other without the loop ever
 * reaching its poll phase, so on a loaded machine a reply that arrived long ago is read too late
 * and the run fails with `Timeout calling "onTaskUpdate"` although every test passed.
 */
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
