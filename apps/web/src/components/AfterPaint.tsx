import { Skeleton } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';

/** Runs `run` once the main thread is idle: after the work already queued (React's renders, chart measurements). */
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    // The timeout keeps a busy page from holding the part back for ever.
    const id = requestIdleCallback(run, { timeout: 1500 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 50);
  return () => clearTimeout(id);
}

/**
 * Renders its children once the browser has painted the rest of the page: a heavy part further down (more
 * charts, a wide table) then no longer holds back the first paint of what is on screen. Until then, a
 * placeholder of the part's height, so nothing jumps.
 *
 * "Painted" is the next frame and then an idle moment: a chart above draws in two steps (it measures its box on
 * that frame, then renders its marks), and a part rendered on a plain timeout after the frame would be
 * rendered in the same pass as those marks, delaying them by its own cost.
 */
export function AfterPaint({ children, height }: { children: ReactNode; height: number }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelIdle: (() => void) | undefined;
    const frame = requestAnimationFrame(() => {
      cancelIdle = whenIdle(() => setReady(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      cancelIdle?.();
    };
  }, []);
  return ready ? children : <Skeleton h={height} animate={false} />;
}
