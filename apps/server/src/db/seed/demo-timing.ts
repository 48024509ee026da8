/** Where the demo seed spends its time: each module's part, summed over its calls (the seed's benchmark reads it). */
export interface TDemoTimingOptions {
  /** Called after each module's part with its name (`base:organisations`, `month:accounts`, `activity:subscriptions` …), wall and CPU milliseconds. */
  onTiming?: (part: string, wallMs: number, cpuMs: number) => void;
}

export function demoTimer(onTiming: TDemoTimingOptions['onTiming']) {
  return async <T>(part: string, run: () => Promise<T> | T): Promise<T> => {
    if (!onTiming) return run();
    const start = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await run();
    } finally {
      const used = process.cpuUsage(cpu);
      onTiming(part, performance.now() - start, (used.user + used.system) / 1000);
    }
  };
}
