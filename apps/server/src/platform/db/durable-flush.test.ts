import { describe, expect, it } from 'vitest';
import { createFsFlusher } from './durable-flush.ts';

describe('createFsFlusher', () => {
  it('coalesces concurrent callers, and a caller arriving mid-flush waits for a later flush', async () => {
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const flusher = createFsFlusher('/tmp', () => {
      started.push(Date.now());
      return new Promise<void>((resolve) => releases.push(resolve));
    });
    const first = flusher.flush();
    const second = flusher.flush();
    const third = flusher.flush();
    expect(started).toHaveLength(1);
    releases[0]?.();
    await first;
    // second and third arrived while flush 1 ran, so they share flush 2.
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toHaveLength(2);
    let done = false;
    void second.then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(false);
    releases[1]?.();
    await Promise.all([second, third]);
    expect(flusher.count).toBe(2);
  });

  it('flushes a real directory with sync -f', async () => {
    const flusher = createFsFlusher(process.cwd());
    await flusher.flush();
    expect(flusher.count).toBe(1);
  });
});
