import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/**
 * BENCH_NICE=-10 (root only) raises the priority of this process before it starts any other, so the servers it
 * spawns inherit it: other work on a shared machine then disturbs the measurement less. Returns the value set.
 */
export function applyBenchNice(): number | null {
  const nice = process.env.BENCH_NICE;
  if (!nice) return null;
  os.setPriority(0, Number(nice));
  // With autogroup scheduling (most Linux systems) nice only ranks the processes of one session against each
  // other, so the session's own weight is raised too; it is shared with the shell that started the bench, so it
  // is put back on exit (Ctrl-C included).
  try {
    const before = /nice (-?\d+)/.exec(fs.readFileSync('/proc/self/autogroup', 'utf8'))?.[1] ?? '0';
    fs.writeFileSync('/proc/self/autogroup', nice);
    process.once('SIGINT', () => process.exit(130));
    process.once('exit', () => {
      try {
        fs.writeFileSync('/proc/self/autogroup', before);
      } catch {
        // nothing to restore
      }
    });
  } catch {
    // not Linux, or no autogroup
  }
  return Number(nice);
}

/** Raise other processes (PostgreSQL backends serving the bench) to the bench's priority; quietly skips the rest. */
export function reniceProcesses(pids: number[], nice: number | null) {
  if (nice === null) return;
  for (const pid of pids) {
    try {
      os.setPriority(pid, nice);
    } catch {
      // gone, or not ours to change
    }
  }
}

/** One line per fact about the machine, printed above every bench's results. */
export function describeMachine(extra: Record<string, string> = {}): string {
  const cpus = os.cpus();
  const facts: Record<string, string> = {
    CPU: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    RAM: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    OS: `${os.type()} ${os.release()} (${os.arch()})`,
    Node: process.version,
    // Other work on the machine skews every figure; the load average at the start shows whether it was quiet.
    'Load average at start (1/5/15 min)': os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
    ...(process.env.BENCH_NICE ? { Priority: `nice ${process.env.BENCH_NICE} for every benchmark process (BENCH_NICE)` } : {}),
    ...extra,
  };
  return Object.entries(facts)
    .map(([k, v]) => `- ${k}: ${v}`)
    .join('\n');
}

/** The git commit measured, so a table in the docs can be traced to the code it describes. */
export function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps/server/src'], { encoding: 'utf8' }).trim();
    return dirty ? `${sha} (with uncommitted server changes)` : sha;
  } catch {
    return 'unknown';
  }
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** A markdown table from a header row and body rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
