// What /proc says of a process, for the bench and the soak.
import { readFileSync } from 'node:fs';

/** The resident set of process `pid` in MB (VmRSS), NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
