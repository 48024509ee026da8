import { execFile } from 'node:child_process';

/**
 * PGlite's file system layer has no fsync: PostgreSQL's writes reach the operating system (so a crashed or
 * killed process loses nothing), but not necessarily the disk. To make an acknowledged write survive a power
 * loss too, write requests wait for a flush of the data directory's file system (syncfs via `sync -f`) before
 * their response is sent. Concurrent requests share one flush (group commit).
 */
export interface Flusher {
  flush(): Promise<void>;
  /** How many flushes ran; exposed for tests and the benchmark. */
  readonly count: number;
}

export function createFsFlusher(dir: string, run: (dir: string) => Promise<void> = syncFileSystem): Flusher {
  let inFlight: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  let count = 0;

  const start = (): Promise<void> => {
    count++;
    inFlight = run(dir).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    get count() {
      return count;
    },
    flush() {
      if (!inFlight) return start();
      // A flush already running may have started before this caller's write: wait for the next one.
      queued ??= inFlight.then(() => {
        queued = null;
        return start();
      });
      return queued;
    },
  };
}

function syncFileSystem(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('sync', ['-f', dir], { timeout: 30_000 }, (err) => (err ? reject(err) : resolve()));
  });
}
