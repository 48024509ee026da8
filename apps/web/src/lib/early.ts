declare global {
  interface Window {
    /** Requests public/session.js started at the page's start, by their URL (parameters sorted). */
    __c365Early?: Record<string, Promise<Response | null>>;
  }
}

/**
 * The answer public/session.js got for this exact request at the page's start, taken once; undefined when it
 * asked nothing of the kind (another page, other parameters) or the answer was not a success: the caller asks.
 */
export async function takeEarly<T>(path: string, query: Record<string, string | number | undefined | null>): Promise<T | undefined> {
  const early = window.__c365Early;
  if (!early) return undefined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  params.sort();
  const url = `${path}?${params}`;
  const pending = early[url];
  if (!pending) return undefined;
  delete early[url];
  const response = await pending;
  return response?.ok ? ((await response.json()) as T) : undefined;
}
