import { setFlagsFromString } from 'node:v8';

/**
 * A wimigrate run is short, and most of its code runs only a few thousand times: V8's optimizing
 * compiler, inlining callees up to its default bytecode budget, spent more CPU compiling than the
 * inlined code saved. A smaller budget cut the CPU of the bench's `migrate` by about a fifth and
 * its wall time by 10-15%, and `code` gained likewise (README, Performance). Only the command line
 * sets it (a library must not change its host's engine), and not over a flag given to node.
 */
export function tuneEngine(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((flag) => flag.includes('inlin'))) return;
  setFlagsFromString('--max-inlined-bytecode-size=50');
}
