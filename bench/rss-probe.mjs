// Preloaded with `node --import` into a benchmarked process: records its peak resident set size on exit.
import { appendFileSync } from 'node:fs';

const target = process.env.CHANRISK_BENCH_RSS_FILE;
if (target) process.on('exit', () => appendFileSync(target, `${process.resourceUsage().maxRSS}\n`));
