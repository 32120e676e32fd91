import { useLayoutEffect } from 'react';

/**
 * Render timing for the browser tests' performance figures: the time from a list's data arriving
 * (the API response parsed, in the query function) until its rows are committed to the DOM (a layout
 * effect of the page, which runs after every child's DOM is in place and before the browser paints).
 * Recorded as a `performance.measure` entry that Playwright reads from the page; no cost otherwise.
 */
const arrivals = new Map<string, number>();

/** Call when a response for `key` has arrived (inside the query function). */
export function markDataArrived(key: string): void {
  arrivals.delete(key);
  arrivals.set(key, performance.now());
  // Responses that never reach the screen (a refetch with equal data) are not kept for long.
  if (arrivals.size > 20) arrivals.delete(arrivals.keys().next().value!);
}

/**
 * In the commit that first shows `data` for `key` (`ready`: the data on screen is that key's own,
 * not a placeholder), records `name` from the data's arrival to now, with `detail`. Once per arrival.
 */
export function useRenderTiming(name: string, key: string, data: unknown, ready: boolean, detail: Record<string, unknown>): void {
  useLayoutEffect(() => {
    if (!ready || data === undefined) return;
    const start = arrivals.get(key);
    if (start === undefined) return;
    arrivals.delete(key);
    if (typeof performance.measure !== 'function') return;
    performance.measure(name, { start, end: performance.now(), detail });
    // Only a change of data (or of whether it is the key's own) is a render of arrived data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, ready]);
}
