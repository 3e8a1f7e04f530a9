// Loaded with `node --import` by the benchmark: reports the whole process's peak memory at exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nGEN_INC_PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
