import type { Schema } from '../../api/types';

export type DueItem = Schema<'DueItem'>;
export type Urgency = Schema<'Urgency'>;
export const URGENCIES: readonly Urgency[] = ['overdue', 'today', 'this_week', 'later'];

/** Groups due items by urgency (most urgent first), each group by due date, leaving out empty groups. */
export function groupDue(items: readonly DueItem[]): { urgency: Urgency; items: DueItem[] }[] {
  return URGENCIES.map((urgency) => ({
    urgency,
    items: items.filter((i) => i.urgency === urgency).sort((a, b) => a.due_on.localeCompare(b.due_on) || a.participant.last_name.localeCompare(b.participant.last_name, 'sv')),
  })).filter((g) => g.items.length > 0);
}

/** The app page for a due item's record. */
export function dueTarget(item: DueItem): { page: 'plan' | 'referral' | 'participant'; id: string; tab?: string } {
  switch (item.record_type) {
    case 'action_plan':
      return { page: 'plan', id: item.record_id };
    case 'referral':
      return { page: 'referral', id: item.record_id };
    case 'housing_follow_up':
    case 'tenancy':
      return { page: 'participant', id: item.participant.id, tab: 'housing' };
    default:
      return { page: 'participant', id: item.participant.id };
  }
}
