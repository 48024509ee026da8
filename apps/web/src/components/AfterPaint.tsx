import { Skeleton } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';

/**
 * Renders its children once the browser has painted the rest of the page: a heavy part further down (more
 * charts, a wide table) then no longer holds back the first paint of what is on screen. Until then, a
 * placeholder of the part's height, so nothing jumps.
 */
export function AfterPaint({ children, height }: { children: ReactNode; height: number }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The next frame is the one that paints what rendered with this component; the timeout runs after it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, []);
  return ready ? children : <Skeleton h={height} animate={false} />;
}
