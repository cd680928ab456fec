// Preloaded with `node --import` into every measured process: at exit, write the process's
// peak resident set size (KiB, from getrusage) to the file named by WIMIGRATE_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.WIMIGRATE_BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
