import type { Schema } from '../../api/types';

export type TimelineEvent = Schema<'TimelineEvent'>;

export interface TimelineMonth {
  month: string; // "YYYY-MM"
  items: TimelineEvent[];
}

/** Newest first, grouped by calendar month (the API returns oldest first). */
export function groupTimeline(items: readonly TimelineEvent[]): TimelineMonth[] {
  const sorted = [...items].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
  const months: TimelineMonth[] = [];
  for (const item of sorted) {
    const month = item.date.slice(0, 7);
    const last = months.at(-1);
    if (last?.month === month) last.items.push(item);
    else months.push({ month, items: [item] });
  }
  return months;
}

/** Which page a timeline event opens, if any. */
export function eventTarget(event: TimelineEvent): 'referral' | 'enrolment' | null {
  if (event.resource === 'referral') return 'referral';
  if (event.resource === 'enrolment') return 'enrolment';
  return null;
}
