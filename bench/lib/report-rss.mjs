// Preloaded with `node --import` into every measured process. At exit it writes the process's
// peak resident set size (KiB, getrusage ru_maxrss) to the file named by BENCH_RSS_FILE.
// Measured from inside so no extra tool (GNU time) is needed, and the figure is the node
// process itself rather than a wrapper shell.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
