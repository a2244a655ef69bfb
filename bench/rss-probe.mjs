// Preloaded with `node --import` into a benchmarked process: records its peak resident set size (KB) and the CPU
// time it used (ms) on exit. CPU time is steadier than wall time on a busy machine.
import { appendFileSync } from 'node:fs';

const target = process.env.CHANRISK_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(target, `${usage.maxRSS} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}\n`);
  });
}
