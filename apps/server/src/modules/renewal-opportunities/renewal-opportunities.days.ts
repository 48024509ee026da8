/** The UTC day of an instant, ISO (the daily run, due dates and "today" all count in UTC days). */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
