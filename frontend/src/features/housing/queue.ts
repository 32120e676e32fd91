import type { Schema } from '../../api/types';

/** Waiting time as years, months and days counted from the join date (for "since 2008-10-31"). */
export function waitingParts(days: number): { years: number; months: number; days: number } {
  const years = Math.floor(days / 365);
  const rest = days - years * 365;
  const months = Math.floor(rest / 30);
  return { years, months, days: rest - months * 30 };
}

/** Entries still in the queue (waiting or notified), in queue order (position, then join date). */
export function activeQueue(items: readonly Schema<'QueueEntryView'>[]): Schema<'QueueEntryView'>[] {
  return items
    .filter((e) => e.status === 'waiting' || e.status === 'notified')
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) || a.joined_on.localeCompare(b.joined_on));
}

/** The largest seed the server accepts (2^53 − 1, exact in a JavaScript number). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Parses a typed seed: blank → null (the server picks one), else a whole number 0…2^53−1. */
export function parseSeed(value: string): number | null | 'invalid' {
  const v = value.trim();
  if (v === '') return null;
  if (!/^\d+$/.test(v)) return 'invalid';
  const n = Number(v);
  return Number.isSafeInteger(n) && n <= MAX_SEED ? n : 'invalid';
}

/** Days on each ladder step, in ladder order, with the share of the total (for the bars). */
export function ladderShares(steps: readonly Schema<'StepDays'>[], order: readonly Schema<'LadderStep'>[]) {
  const total = steps.reduce((s, x) => s + x.days, 0);
  return order.map((step) => {
    const days = steps.find((s) => s.step === step)?.days ?? 0;
    return { step, days, share: total ? days / total : 0 };
  });
}
