// Preloaded into a measured process (`node --import`): on exit it writes the process's peak
// resident set (kilobytes, worker threads included) to the file named by PORT_SCHEMA_BENCH_RSS,
// so a whole CLI run is measured from outside without a platform's `time` command.
import { writeFileSync } from 'node:fs';

const target = process.env.PORT_SCHEMA_BENCH_RSS;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
