/** Today (UTC) and the last day of its week (Sunday; weeks start on Monday), as the due filters use them. */
export function daysOf(now: Date) {
  const today = now.toISOString().slice(0, 10);
  const day = now.getUTCDay(); // 0 = Sunday
  const weekEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + ((7 - day) % 7)));
  return { today, weekEnd: weekEnd.toISOString().slice(0, 10) };
}
