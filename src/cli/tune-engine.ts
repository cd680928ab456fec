import { setFlagsFromString } from 'node:v8';

/**
 * A wimigrate run is short, and most of its code runs only a few thousand times, which is where
 * V8's optimizing compiler costs more than it saves: it compiles on other threads, which on a
 * machine of two busy cores take CPU from the run itself.
 * - A smaller inlining budget: the compiler spent more CPU inlining callees than the inlined code
 *   saved (about a fifth of the CPU of the bench's `migrate`).
 * - A larger interrupt budget (how much bytecode a function runs before V8 considers optimizing
 *   it; V8 11's default is 67,584): only the really hot functions are compiled, the rest run in the
 *   baseline compiler's code. About 8% fewer instructions in all for the bench's `migrate`, and
 *   15% less wall time when it has one core to itself (README, Performance).
 * Only the command line sets them (a library must not change its host's engine), and neither
 * over a flag of the same kind given to node.
 */
export function tuneEngine(execArgv: readonly string[] = process.execArgv): void {
  if (!execArgv.some((flag) => flag.includes('inlin'))) setFlagsFromString('--max-inlined-bytecode-size=50');
  if (!execArgv.some((flag) => flag.includes('interrupt-budget'))) setFlagsFromString('--interrupt-budget=270000');
}
